// A small RAII wrapper over one libpq connection: statements prepared once
// by their SQL text and run with parameters (never values pasted into SQL),
// results read by row and column, SQLSTATEs turned into storyloom's error
// kinds, and the one wait that can be long (the write lock), run without
// blocking so that the waiter can say it waits and give up in time.
#ifndef STORYLOOM_STORE_POSTGRESQL_PG_CONNECTION_H_
#define STORYLOOM_STORE_POSTGRESQL_PG_CONNECTION_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/row_codec.h"
#include "storyloom/status.h"

struct pg_conn;
struct pg_result;

namespace storyloom::pg {

// A statement's parameters, $1 on, in order. Text goes as text (it may not
// hold a NUL byte: PostgreSQL's text cannot), blobs as binary bytea.
class Params {
 public:
  Params& Int(int64_t v);
  Params& Real(double v);
  Params& Text(std::string_view v);
  Params& TextOrNull(std::string_view v);  // empty: NULL
  Params& Null();
  Params& Blob(std::string_view v);
  // A bigint[] ("{1,2,3}").
  Params& IntArray(const std::vector<int64_t>& v);
  // A text[]; each element quoted and escaped as an array literal needs.
  Params& TextArray(const std::vector<std::string>& v);

  // Not ok when a text value held a NUL byte.
  const Status& status() const { return status_; }
  int size() const { return static_cast<int>(values_.size()); }

 private:
  friend class Connection;
  Params& Add(std::string v, bool null, int format);
  std::vector<std::string> values_;
  std::vector<bool> null_;
  std::vector<int> formats_;  // 0 text, 1 binary
  Status status_;
};

// A query's result; frees it when done.
class QueryResult {
 public:
  QueryResult() = default;
  explicit QueryResult(pg_result* r);
  int rows() const;
  // Read as text; a bytea column is decoded from its hex form. A result
  // asked for in binary (Exec's `binary`) is read as the server sent it:
  // integers and floats big-endian by their width, text and bytea as bytes.
  std::string Text(int row, int col) const;
  std::string Blob(int row, int col) const;
  int64_t Int(int row, int col) const;
  double Real(int row, int col) const;
  bool Null(int row, int col) const;

 private:
  std::shared_ptr<pg_result> r_;
};

// One row of a QueryResult as the shared row codecs read it.
class Row final : public RowReader {
 public:
  Row(const QueryResult& result, int row) : result_(result), row_(row) {}
  std::string Text(int col) const override { return result_.Text(row_, col); }
  std::string Blob(int col) const override { return result_.Blob(row_, col); }
  int64_t Int(int col) const override { return result_.Int(row_, col); }
  double Real(int col) const override { return result_.Real(row_, col); }
  bool Null(int col) const override { return result_.Null(row_, col); }

 private:
  const QueryResult& result_;
  int row_;
};

// What a SQLSTATE means to a caller: a broken constraint is a conflict; a
// lost connection, a server shutting down, a serialisation failure, a
// deadlock, a lock or statement timeout are worth a retry (unavailable);
// damaged data is corruption; text the server cannot take is an invalid
// argument; anything else is internal.
ErrorKind KindOfSqlstate(std::string_view sqlstate);

// `url` with its password, if any, hidden: for messages.
std::string RedactUrl(const std::string& url);

class Connection {
 public:
  // Connects to a postgresql:// URL (libpq's own defaults and environment
  // apply); the session speaks UTF-8, hex bytea and exact floats.
  static Result<std::unique_ptr<Connection>> Open(const std::string& url);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one statement, prepared on first use and kept by its SQL text.
  // `binary`: the result comes in binary form (bulk reads: bytea travels as
  // its bytes, not twice as many hex digits).
  Result<QueryResult> Exec(const std::string& sql, const Params& params = {}, bool binary = false);
  // Runs SQL text without parameters (several statements allowed): for
  // BEGIN, COMMIT, schema changes.
  Status Run(const std::string& sql);
  // Waits for the transaction-level advisory lock (key1, key2) of the open
  // transaction. `on_tick` is called every `tick_seconds` while waiting;
  // after `wait_seconds` the wait is cancelled and fails as unavailable.
  Status WaitForXactLock(int32_t key1, int32_t key2, double wait_seconds, double tick_seconds,
                         const std::function<void(double waited)>& on_tick);

  // A transaction: while one is open, a lost connection is not silently
  // made again (what the transaction did is gone with it). CommitTxn fails
  // when the transaction had failed (PostgreSQL then rolls it back);
  // RollbackTxn never fails.
  Status BeginTxn();
  Status CommitTxn();
  void RollbackTxn();
  bool InTransaction() const { return txn_; }
  // Whether the open transaction has failed: every statement until the
  // rollback then fails too.
  bool TransactionFailed();

 private:
  Connection(pg_conn* conn, std::string url) : conn_(conn), url_(std::move(url)) {}
  // The session's settings, after a connect or a reconnect.
  Status Setup();
  // After a lost connection, outside a transaction: connects again (the
  // prepared statements are gone with the old session).
  void ReconnectIfBroken();
  Status ErrorOf(pg_result* r, const std::string& context);

  pg_conn* conn_;
  std::string url_;
  std::recursive_mutex mu_;  // one statement at a time, for a store shared by threads
  std::unordered_map<std::string, std::string> prepared_;  // SQL text -> statement name
  bool txn_ = false;  // BeginTxn ran, and no CommitTxn or RollbackTxn since
};

}  // namespace storyloom::pg

#endif  // STORYLOOM_STORE_POSTGRESQL_PG_CONNECTION_H_
