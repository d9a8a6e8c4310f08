// What the SQLite backend's result codes mean (its rows are read by the
// shared codecs, store/row_codec.h).
#include "store/sqlite/sqlite_internal.h"

namespace storyloom::sqlite_store {

ErrorKind KindOfSqlite(int code) {
  switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
    case SQLITE_IOERR:
    case SQLITE_FULL:
      return ErrorKind::kUnavailable;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return ErrorKind::kCorruption;
    case SQLITE_CONSTRAINT:
      return ErrorKind::kConflict;
    default:
      return ErrorKind::kInternal;
  }
}

Status SqliteError(sqlite3* db, const std::string& context) {
  return Status::Error(context + sqlite3_errmsg(db), KindOfSqlite(sqlite3_extended_errcode(db)));
}

}  // namespace storyloom::sqlite_store
