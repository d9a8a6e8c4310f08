// Private to the SQLite backend: a cached statement's one use and error
// kinds from result codes (the row codecs are every backend's: row_codec.h).
#ifndef STORYLOOM_STORE_SQLITE_SQLITE_INTERNAL_H_
#define STORYLOOM_STORE_SQLITE_SQLITE_INTERNAL_H_

#include <sqlite3.h>

#include <string>
#include <vector>

#include "store/row_codec.h"
#include "storyloom/store.h"

namespace storyloom::sqlite_store {

// Uses one of the store's cached prepared statements for one call and
// leaves it reset for the next; the row codecs read its current row.
class Statement final : public RowReader {
 public:
  explicit Statement(sqlite3_stmt* s) : s_(s) {}
  ~Statement() override {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  sqlite3_stmt* get() { return s_; }
  void Text(int i, const std::string& v) { sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT); }
  void TextOrNull(int i, const std::string& v) {
    if (v.empty()) sqlite3_bind_null(s_, i);
    else Text(i, v);
  }
  void Blob(int i, std::string_view v) { sqlite3_bind_blob64(s_, i, v.data(), v.size(), SQLITE_TRANSIENT); }
  void Int(int i, int64_t v) { sqlite3_bind_int64(s_, i, v); }
  void Real(int i, double v) { sqlite3_bind_double(s_, i, v); }
  std::string ColText(int i) {
    const unsigned char* p = sqlite3_column_text(s_, i);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(s_, i))) : "";
  }
  std::string ColBlob(int i) {
    const void* p = sqlite3_column_blob(s_, i);
    return p ? std::string(static_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(s_, i))) : "";
  }
  int64_t ColInt(int i) { return sqlite3_column_int64(s_, i); }
  bool ColNull(int i) { return sqlite3_column_type(s_, i) == SQLITE_NULL; }

  std::string Text(int col) const override { return const_cast<Statement*>(this)->ColText(col); }
  std::string Blob(int col) const override { return const_cast<Statement*>(this)->ColBlob(col); }
  int64_t Int(int col) const override { return sqlite3_column_int64(s_, col); }
  double Real(int col) const override { return sqlite3_column_double(s_, col); }
  bool Null(int col) const override { return sqlite3_column_type(s_, col) == SQLITE_NULL; }

 private:
  sqlite3_stmt* s_;
};

// What an SQLite result code means to a caller: busy and locked are worth a
// retry, a damaged or foreign file is corruption, a broken constraint is a
// conflict, a file that cannot be opened or written is unavailable.
ErrorKind KindOfSqlite(int code);
// The connection's last error, with its kind, after `context` ("saving features: ").
Status SqliteError(sqlite3* db, const std::string& context);

}  // namespace storyloom::sqlite_store

#endif  // STORYLOOM_STORE_SQLITE_SQLITE_INTERNAL_H_
