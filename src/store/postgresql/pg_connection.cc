// One libpq connection: prepared statements, parameters, results, errors,
// and the write lock's wait.
#include "store/postgresql/pg_connection.h"

#include <libpq-fe.h>
#include <poll.h>

#include <bit>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>

namespace storyloom::pg {

namespace {

std::string Trimmed(const char* message) {
  std::string m = message ? message : "";
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  for (char& c : m) {
    if (c == '\n') c = ' ';
  }
  return m.empty() ? "unknown PostgreSQL error" : m;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The session never prints the server's notices (a schema change's "already
// exists, skipping", say) on a user's terminal.
void IgnoreNotice(void*, const char*) {}

}  // namespace

Params& Params::Add(std::string v, bool null, int format) {
  values_.push_back(std::move(v));
  null_.push_back(null);
  formats_.push_back(format);
  return *this;
}

Params& Params::Int(int64_t v) { return Add(std::to_string(v), false, 0); }

Params& Params::Real(double v) {
  if (std::isnan(v)) return Add("NaN", false, 0);
  if (std::isinf(v)) return Add(v > 0 ? "Infinity" : "-Infinity", false, 0);
  char buf[64];
  auto end = std::to_chars(buf, buf + sizeof(buf), v).ptr;  // shortest text that reads back the same double
  return Add(std::string(buf, end), false, 0);
}

Params& Params::Text(std::string_view v) {
  if (v.find('\0') != std::string_view::npos && status_.ok()) {
    status_ = Status::InvalidArgument("text with a NUL byte cannot be stored in PostgreSQL");
  }
  return Add(std::string(v), false, 0);
}

Params& Params::TextOrNull(std::string_view v) { return v.empty() ? Null() : Text(v); }

Params& Params::Null() { return Add("", true, 0); }

Params& Params::Blob(std::string_view v) { return Add(std::string(v), false, 1); }

Params& Params::IntArray(const std::vector<int64_t>& v) {
  std::string a = "{";
  for (size_t i = 0; i < v.size(); ++i) a += (i ? "," : "") + std::to_string(v[i]);
  return Add(a + "}", false, 0);
}

Params& Params::TextArray(const std::vector<std::string>& v) {
  std::string a = "{";
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i].find('\0') != std::string::npos && status_.ok()) {
      status_ = Status::InvalidArgument("text with a NUL byte cannot be stored in PostgreSQL");
    }
    a += i ? ",\"" : "\"";
    for (char c : v[i]) {
      if (c == '"' || c == '\\') a += '\\';
      a += c;
    }
    a += '"';
  }
  return Add(a + "}", false, 0);
}

QueryResult::QueryResult(pg_result* r) : r_(r, PQclear) {}

int QueryResult::rows() const { return r_ ? PQntuples(r_.get()) : 0; }

std::string QueryResult::Text(int row, int col) const {
  return std::string(PQgetvalue(r_.get(), row, col), static_cast<size_t>(PQgetlength(r_.get(), row, col)));
}

namespace {
// A binary integer or float of `n` bytes, big-endian.
uint64_t BigEndian(const char* v, size_t n) {
  uint64_t x = 0;
  for (size_t i = 0; i < n; ++i) x = (x << 8) | static_cast<unsigned char>(v[i]);
  return x;
}
}  // namespace

std::string QueryResult::Blob(int row, int col) const {
  const char* v = PQgetvalue(r_.get(), row, col);
  size_t n = static_cast<size_t>(PQgetlength(r_.get(), row, col));
  if (PQfformat(r_.get(), col) == 1) return std::string(v, n);
  if (n >= 2 && v[0] == '\\' && v[1] == 'x') {
    std::string out((n - 2) / 2, '\0');
    for (size_t i = 0; i < out.size(); ++i) {
      out[i] = static_cast<char>(HexDigit(v[2 + 2 * i]) * 16 + HexDigit(v[3 + 2 * i]));
    }
    return out;
  }
  // The escape form, should a server send it.
  size_t len = 0;
  unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(v), &len);
  if (!raw) return "";
  std::string out(reinterpret_cast<const char*>(raw), len);
  PQfreemem(raw);
  return out;
}

int64_t QueryResult::Int(int row, int col) const {
  const char* v = PQgetvalue(r_.get(), row, col);
  if (PQfformat(r_.get(), col) == 1) {
    const size_t n = static_cast<size_t>(PQgetlength(r_.get(), row, col));
    const uint64_t x = BigEndian(v, n);
    switch (n) {
      case 8: return static_cast<int64_t>(x);
      case 4: return static_cast<int32_t>(static_cast<uint32_t>(x));
      case 2: return static_cast<int16_t>(static_cast<uint16_t>(x));
      case 1: return static_cast<unsigned char>(v[0]);  // a boolean
      default: return 0;
    }
  }
  int64_t out = 0;
  std::from_chars(v, v + std::strlen(v), out);
  return out;
}

double QueryResult::Real(int row, int col) const {
  const char* v = PQgetvalue(r_.get(), row, col);
  if (PQfformat(r_.get(), col) == 1) {
    const size_t n = static_cast<size_t>(PQgetlength(r_.get(), row, col));
    if (n == 8) return std::bit_cast<double>(BigEndian(v, 8));
    if (n == 4) return std::bit_cast<float>(static_cast<uint32_t>(BigEndian(v, 4)));
    return 0;
  }
  return *v ? std::strtod(v, nullptr) : 0;
}

bool QueryResult::Null(int row, int col) const { return PQgetisnull(r_.get(), row, col) != 0; }

ErrorKind KindOfSqlstate(std::string_view s) {
  if (s.size() != 5) return ErrorKind::kUnavailable;  // no SQLSTATE: the client lost the server
  std::string_view cls = s.substr(0, 2);
  if (cls == "23") return ErrorKind::kConflict;
  if (cls == "08" || cls == "53" || cls == "57") return ErrorKind::kUnavailable;  // connection, resources, shutdown, cancel
  if (s == "40001" || s == "40P01" || s == "55P03") return ErrorKind::kUnavailable;
  if (s == "XX001" || s == "XX002") return ErrorKind::kCorruption;
  if (s == "22021") return ErrorKind::kInvalidArgument;  // bytes that are not UTF-8
  return ErrorKind::kInternal;
}

std::string RedactUrl(const std::string& url) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  size_t host_start = scheme + 3;
  size_t at = url.find('@', host_start);
  size_t slash = url.find('/', host_start);
  if (at == std::string::npos || (slash != std::string::npos && slash < at)) return url;
  size_t colon = url.find(':', host_start);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& url) {
  // Defaults first: what the URL says wins over them.
  const char* keys[] = {"connect_timeout", "fallback_application_name", "dbname", nullptr};
  const char* values[] = {"10", "storyloom", url.c_str(), nullptr};
  PGconn* c = PQconnectdbParams(keys, values, 1);
  if (!c) return Fail("out of memory", ErrorKind::kUnavailable);
  if (PQstatus(c) != CONNECTION_OK) {
    std::string msg = Trimmed(PQerrorMessage(c));
    PQfinish(c);
    // A connection failure carries no SQLSTATE; the server's message
    // (in English unless its lc_messages says otherwise) tells a database
    // that is not there from a server that is not reachable.
    const bool no_database = msg.find("database \"") != std::string::npos && msg.find("does not exist") != std::string::npos;
    return Fail(msg, no_database ? ErrorKind::kNotFound : ErrorKind::kUnavailable);
  }
  std::unique_ptr<Connection> conn(new Connection(c, url));
  STORYLOOM_RETURN_IF_ERROR(conn->Setup());
  return conn;
}

Connection::~Connection() { PQfinish(conn_); }

Status Connection::Setup() {
  PQsetNoticeProcessor(conn_, IgnoreNotice, nullptr);
  const char* encoding = PQparameterStatus(conn_, "server_encoding");
  if (!encoding || std::strcmp(encoding, "UTF8") != 0) {
    return Status::InvalidArgument(std::string("the database's encoding is ") + (encoding ? encoding : "unknown") +
                                   "; storyloom needs a UTF8 database (CREATE DATABASE ... ENCODING 'UTF8')");
  }
  // Text in UTF-8, bytea as hex, floats exact; the write lock's wait is
  // storyloom's to bound (Begin), not a server default's.
  return Run(
      "SET client_encoding = 'UTF8'; SET bytea_output = 'hex'; SET extra_float_digits = 3; "
      "SET lock_timeout = 0");
}

void Connection::ReconnectIfBroken() {
  if (txn_ || PQstatus(conn_) == CONNECTION_OK) return;
  PQreset(conn_);
  prepared_.clear();
  if (PQstatus(conn_) == CONNECTION_OK) Setup();
}

Status Connection::ErrorOf(pg_result* r, const std::string& context) {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  const char* primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string msg = Trimmed(primary ? primary : PQerrorMessage(conn_));
  ErrorKind kind = state ? KindOfSqlstate(state) : ErrorKind::kUnavailable;
  if (!state && PQstatus(conn_) == CONNECTION_OK && r) kind = ErrorKind::kInternal;
  if (r) PQclear(r);
  return Status::Error(context + msg, kind);
}

Result<QueryResult> Connection::Exec(const std::string& sql, const Params& params, bool binary) {
  if (!params.status().ok()) return Fail(params.status());
  std::lock_guard lock(mu_);
  ReconnectIfBroken();
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    std::string name = "storyloom_" + std::to_string(prepared_.size() + 1);
    PGresult* r = PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr);
    if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) return Fail(ErrorOf(r, "PostgreSQL: "));
    PQclear(r);
    it = prepared_.emplace(sql, std::move(name)).first;
  }
  const int n = params.size();
  std::vector<const char*> values(n);
  std::vector<int> lengths(n);
  for (int i = 0; i < n; ++i) {
    values[i] = params.null_[i] ? nullptr : params.values_[i].c_str();
    lengths[i] = static_cast<int>(params.values_[i].size());
  }
  PGresult* r = PQexecPrepared(conn_, it->second.c_str(), n, values.data(), lengths.data(), params.formats_.data(), binary ? 1 : 0);
  ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return Fail(ErrorOf(r, "PostgreSQL: "));
  return QueryResult(r);
}

Status Connection::Run(const std::string& sql) {
  std::lock_guard lock(mu_);
  ReconnectIfBroken();
  PGresult* r = PQexec(conn_, sql.c_str());
  ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return ErrorOf(r, "PostgreSQL: ");
  PQclear(r);
  return Status::Ok();
}

Status Connection::BeginTxn() {
  std::lock_guard lock(mu_);
  if (txn_) return Status::Error("a transaction is already open on this store connection");
  STORYLOOM_RETURN_IF_ERROR(Run("BEGIN"));
  txn_ = true;
  return Status::Ok();
}

Status Connection::CommitTxn() {
  std::lock_guard lock(mu_);
  if (!txn_) return Status::Error("no transaction is open to commit");
  txn_ = false;
  PGresult* r = PQexec(conn_, "COMMIT");
  if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) return ErrorOf(r, "PostgreSQL: commit failed: ");
  // A transaction that failed earlier answers COMMIT with a rollback.
  bool committed = std::strcmp(PQcmdStatus(r), "COMMIT") == 0;
  PQclear(r);
  if (!committed) return Status::Error("the transaction had failed and was rolled back; nothing of it was stored");
  return Status::Ok();
}

void Connection::RollbackTxn() {
  std::lock_guard lock(mu_);
  txn_ = false;
  if (PQstatus(conn_) != CONNECTION_OK || PQtransactionStatus(conn_) == PQTRANS_IDLE) return;
  PGresult* r = PQexec(conn_, "ROLLBACK");
  if (r) PQclear(r);
}

bool Connection::TransactionFailed() {
  std::lock_guard lock(mu_);
  return PQstatus(conn_) != CONNECTION_OK || PQtransactionStatus(conn_) == PQTRANS_INERROR;
}

Status Connection::WaitForXactLock(int32_t key1, int32_t key2, double wait_seconds, double tick_seconds,
                                   const std::function<void(double)>& on_tick) {
  using Clock = std::chrono::steady_clock;
  std::lock_guard lock(mu_);
  std::string k1 = std::to_string(key1), k2 = std::to_string(key2);
  const char* values[] = {k1.c_str(), k2.c_str()};
  // Sent without waiting for the answer: the server queues this request
  // behind the holder (and any earlier waiter), and grants it in turn,
  // while this side watches the clock.
  if (!PQsendQueryParams(conn_, "SELECT pg_advisory_xact_lock($1::int4, $2::int4)", 2, nullptr, values, nullptr,
                         nullptr, 0)) {
    return Status::Unavailable("PostgreSQL: " + Trimmed(PQerrorMessage(conn_)));
  }
  const auto start = Clock::now();
  auto next_tick = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(tick_seconds));
  const auto deadline =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(std::max(0.0, wait_seconds)));
  bool cancelled = false;
  while (PQconsumeInput(conn_) && PQisBusy(conn_)) {
    const auto now = Clock::now();
    if (!cancelled && now >= deadline) {
      // The server then answers the request with an error (or, had it just
      // been granted, with the lock).
      if (PGcancel* c = PQgetCancel(conn_)) {
        char err[256];
        PQcancel(c, err, sizeof(err));
        PQfreeCancel(c);
      }
      cancelled = true;
    }
    if (!cancelled && now >= next_tick) {
      on_tick(std::chrono::duration<double>(now - start).count());
      next_tick += std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(tick_seconds));
    }
    auto until = cancelled ? now + std::chrono::milliseconds(100) : std::min(next_tick, deadline);
    int ms = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(until - now).count()) + 1;
    pollfd fd{PQsocket(conn_), POLLIN, 0};
    ::poll(&fd, 1, std::max(ms, 1));
  }
  Status result;
  while (PGresult* r = PQgetResult(conn_)) {
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
      Status s = ErrorOf(r, "PostgreSQL: ");
      if (result.ok()) result = s;
    } else {
      PQclear(r);
    }
  }
  if (PQstatus(conn_) != CONNECTION_OK && result.ok()) {
    result = Status::Unavailable("PostgreSQL: " + Trimmed(PQerrorMessage(conn_)));
  }
  if (cancelled && !result.ok() && PQstatus(conn_) == CONNECTION_OK) {
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%g", wait_seconds);
    return Status::Unavailable(std::string("another writer held the store's write lock for more than ") + buf +
                               " s; try again later");
  }
  return result;
}

}  // namespace storyloom::pg
