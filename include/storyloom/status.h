// Errors are values in storyloom: a function that can fail returns a Status
// or a Result<T>; no exception crosses the public API.
#ifndef STORYLOOM_STATUS_H_
#define STORYLOOM_STATUS_H_

#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#if __has_include(<expected>)
#include <expected>
#endif

namespace storyloom {

// What kind of failure a Status is, so that a caller can act on it without
// reading the message: a server answers 404 for kNotFound and 503 for
// kUnavailable, a CLI tells "fix your input" from "try again".
enum class ErrorKind {
  kNone,             // ok
  kInvalidArgument,  // the caller's input is wrong; retrying it will not help
  kNotFound,         // no such story, document or store
  kConflict,         // the state forbids it: a newer schema, another writer's lock
  kUnavailable,      // busy or unreachable for now; retrying may work
  kCorruption,       // stored data is damaged or not storyloom's
  kInternal,         // anything else
};

class Status {
 public:
  Status() = default;  // OK
  static Status Ok() { return Status(); }
  // A failure of kind `kind` (kInternal unless said), with one line a user
  // can act on.
  static Status Error(std::string message, ErrorKind kind = ErrorKind::kInternal) {
    return Status(std::move(message), kind);
  }
  static Status InvalidArgument(std::string m) { return Error(std::move(m), ErrorKind::kInvalidArgument); }
  static Status NotFound(std::string m) { return Error(std::move(m), ErrorKind::kNotFound); }
  static Status Conflict(std::string m) { return Error(std::move(m), ErrorKind::kConflict); }
  static Status Unavailable(std::string m) { return Error(std::move(m), ErrorKind::kUnavailable); }
  static Status Corruption(std::string m) { return Error(std::move(m), ErrorKind::kCorruption); }

  bool ok() const { return message_.empty(); }
  ErrorKind kind() const { return kind_; }
  // Empty when ok(); otherwise one line a user can act on.
  const std::string& message() const { return message_; }
  // The same failure with context before its message ("store x.db: ...").
  Status Prefixed(const std::string& context) const { return ok() ? *this : Status(context + message_, kind_); }

 private:
  Status(std::string message, ErrorKind kind)
      : message_(message.empty() ? "unknown error" : std::move(message)),
        kind_(kind == ErrorKind::kNone ? ErrorKind::kInternal : kind) {}
  std::string message_;
  ErrorKind kind_ = ErrorKind::kNone;
};

#if defined(__cpp_lib_expected)
template <typename T>
using Result = std::expected<T, Status>;
using Unexpected = std::unexpected<Status>;
#else
// clang 14 (used for the fuzzers) cannot compile libstdc++'s <expected>:
// the same surface, on std::variant.
class Unexpected {
 public:
  explicit Unexpected(Status s) : status_(std::move(s)) {}
  const Status& error() const { return status_; }

 private:
  Status status_;
};

template <typename T>
class Result {
 public:
  Result() : v_(std::in_place_index<0>) {}
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT
  template <typename U>
    requires std::is_convertible_v<U, T> && (!std::is_same_v<std::decay_t<U>, Unexpected>)
  Result(U&& value) : v_(std::in_place_index<0>, T(std::forward<U>(value))) {}  // NOLINT
  Result(Unexpected e) : v_(std::in_place_index<1>, e.error()) {}  // NOLINT
  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& operator*() { return std::get<0>(v_); }
  const T& operator*() const { return std::get<0>(v_); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }
  T& value() { return std::get<0>(v_); }
  const Status& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Status> v_;
};
#endif

inline Unexpected Fail(std::string message, ErrorKind kind = ErrorKind::kInternal) {
  return Unexpected(Status::Error(std::move(message), kind));
}
inline Unexpected Fail(Status status) { return Unexpected(std::move(status)); }

// What STORYLOOM_RETURN_IF_ERROR returns: converts to a Status or to any
// Result<T>, so the macro serves both kinds of function.
struct ErrorReturn {
  Status status;
  operator Status() const { return status; }  // NOLINT: implicit by design
  template <typename T>
  operator Result<T>() const {  // NOLINT
    return Unexpected(status);
  }
};

}  // namespace storyloom

#define STORYLOOM_RETURN_IF_ERROR(expr)                            \
  do {                                                             \
    ::storyloom::Status _st = (expr);                              \
    if (!_st.ok()) return ::storyloom::ErrorReturn{std::move(_st)}; \
  } while (0)

#endif  // STORYLOOM_STATUS_H_
