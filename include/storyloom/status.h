// Errors are values in storyloom: a function that can fail returns a Status
// or a Result<T>; no exception crosses the public API.
#ifndef STORYLOOM_STATUS_H_
#define STORYLOOM_STATUS_H_

#include <expected>
#include <string>
#include <utility>

namespace storyloom {

class Status {
 public:
  Status() = default;  // OK
  static Status Ok() { return Status(); }
  static Status Error(std::string message) { return Status(std::move(message)); }

  bool ok() const { return message_.empty(); }
  // Empty when ok(); otherwise one line a user can act on.
  const std::string& message() const { return message_; }

 private:
  explicit Status(std::string message)
      : message_(message.empty() ? "unknown error" : std::move(message)) {}
  std::string message_;
};

template <typename T>
using Result = std::expected<T, Status>;

inline std::unexpected<Status> Fail(std::string message) {
  return std::unexpected<Status>(Status::Error(std::move(message)));
}

// What STORYLOOM_RETURN_IF_ERROR returns: converts to a Status or to any
// Result<T>, so the macro serves both kinds of function.
struct ErrorReturn {
  Status status;
  operator Status() const { return status; }  // NOLINT: implicit by design
  template <typename T>
  operator Result<T>() const {  // NOLINT
    return std::unexpected<Status>(status);
  }
};

}  // namespace storyloom

#define STORYLOOM_RETURN_IF_ERROR(expr)                            \
  do {                                                             \
    ::storyloom::Status _st = (expr);                              \
    if (!_st.ok()) return ::storyloom::ErrorReturn{std::move(_st)}; \
  } while (0)

#endif  // STORYLOOM_STATUS_H_
