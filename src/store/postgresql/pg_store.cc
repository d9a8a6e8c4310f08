// The PostgreSQL backend: opening, the write lock and its turns, the data
// version, and the few counts every caller asks for.
#include "store/postgresql/pg_store.h"

#include "store/postgresql/pg_connection.h"
#include "store/postgresql/pg_keys.h"

namespace storyloom {

PgStoreImpl::PgStoreImpl(std::unique_ptr<pg::Connection> conn) : conn_(std::move(conn)) {}
PgStoreImpl::~PgStoreImpl() = default;

Result<std::unique_ptr<Store>> PgStore::Open(const std::string& url, Store::Mode mode) {
  const std::string shown = pg::RedactUrl(url);
  auto conn = pg::Connection::Open(url);
  const std::string made_by = " (a store is made by `storyloom ingest FILES --store " + shown + "`)";
  if (!conn && conn.error().kind() == ErrorKind::kNotFound) {
    // No such database: storyloom makes the schema in a database, never the
    // database itself.
    if (mode == Store::Mode::kExisting) return Fail("no store at " + shown + made_by, ErrorKind::kNotFound);
    return Fail("cannot open store " + shown + ": " + conn.error().message() + "; create the database first (createdb)",
                ErrorKind::kNotFound);
  }
  if (!conn) return Fail(conn.error().Prefixed("cannot open store " + shown + ": "));
  std::unique_ptr<PgStoreImpl> store(new PgStoreImpl(std::move(*conn)));
  Status s = store->ReadLockKey();
  if (!s.ok()) return Fail(s.Prefixed("cannot open store " + shown + ": "));
  if (mode == Store::Mode::kExisting && store->SchemaVersion() == 0) {
    return Fail("no store at " + shown + made_by, ErrorKind::kNotFound);
  }
  s = store->Migrate();
  if (!s.ok()) return Fail(s.Prefixed("store " + shown + ": "));
  return std::unique_ptr<Store>(std::move(store));
}

Status PgStoreImpl::ReadLockKey() {
  auto r = conn_->Exec("SELECT hashtext(COALESCE(current_schema(), ''))");
  if (!r) return r.error();
  if (r->rows() != 1) return Status::Error("PostgreSQL: no current schema");
  schema_key_ = static_cast<int32_t>(r->Int(0, 0));
  return Status::Ok();
}

// Called while Begin waits for the lock: says so once a second has gone
// by, and once a minute at most (writers taking turns wait briefly and
// often).
void PgStoreImpl::OnLockTick(double waited) {
  const auto now = std::chrono::steady_clock::now();
  if (waited < 1.0 || (told_ && now - last_told_ <= std::chrono::minutes(1))) return;
  told_ = true;
  last_told_ = now;
  if (on_wait_) on_wait_();
}

Status PgStoreImpl::Begin() {
  STORYLOOM_RETURN_IF_ERROR(conn_->BeginTxn());
  // The server queues lock requests and grants them in order: a writer
  // that waits goes next when the holder commits, even when the holder
  // asks again at once.
  Status s = conn_->WaitForXactLock(pg::kWriteLockKey, schema_key_, wait_seconds_, 0.25,
                                    [this](double waited) { OnLockTick(waited); });
  if (!s.ok()) conn_->RollbackTxn();
  return s;
}

Status PgStoreImpl::Commit() {
  if (!conn_->InTransaction()) return Status::Error("no transaction is open to commit");
  if (conn_->TransactionFailed()) {
    conn_->RollbackTxn();
    return Status::Error("a statement of the transaction failed; it was rolled back and nothing of it was stored");
  }
  auto bump = conn_->Exec("UPDATE storyloom_version SET v = v + 1 WHERE id = 1");
  if (!bump) {
    conn_->RollbackTxn();
    return bump.error().Prefixed("commit failed: ");
  }
  STORYLOOM_RETURN_IF_ERROR(conn_->CommitTxn());
  ++own_commits_;
  return Status::Ok();
}

void PgStoreImpl::Rollback() { conn_->RollbackTxn(); }

int64_t PgStoreImpl::DataVersion() {
  auto r = conn_->Exec("SELECT v FROM storyloom_version WHERE id = 1");
  if (!r || r->rows() != 1) return -1;
  // Every commit bumps the counter once: what is left after this
  // connection's own bumps moves only with other connections' commits.
  return r->Int(0, 0) - own_commits_;
}

PgStoreImpl::WriteScope::WriteScope(PgStoreImpl& store) : store_(store) {
  if (!store_.conn_->InTransaction()) {
    status_ = store_.Begin();
    own_ = status_.ok();
  }
}

PgStoreImpl::WriteScope::~WriteScope() {
  if (own_ && !done_) store_.Rollback();
}

Status PgStoreImpl::WriteScope::Done(Status s) {
  done_ = true;
  if (!own_) return s;
  if (!s.ok()) {
    store_.Rollback();
    return s;
  }
  s = store_.Commit();
  if (!s.ok()) store_.Rollback();
  return s;
}

Result<std::pair<int64_t, int64_t>> PgStoreImpl::StorySeqs() {
  auto r = conn_->Exec(
      "SELECT (SELECT COALESCE(MAX(seq), 0) FROM story_docs), "
      "(SELECT COALESCE(MAX(merge_seq), 0) FROM story_merges)");
  if (!r) return Unexpected(r.error().Prefixed("reading story order: "));
  return std::pair<int64_t, int64_t>{r->Int(0, 0), r->Int(0, 1)};
}

Result<int64_t> PgStoreImpl::MaxStoryId() {
  auto r = conn_->Exec(
      "SELECT GREATEST((SELECT COALESCE(MAX(story), 0) FROM story_docs), "
      "(SELECT COALESCE(MAX(story), 0) FROM story_merges))");
  if (!r) return Unexpected(r.error().Prefixed("reading story ids: "));
  return r->Int(0, 0);
}

std::pair<int64_t, int64_t> PgStoreImpl::StoriesVersion() {
  auto r = conn_->Exec("SELECT (SELECT COALESCE(MAX(seq), 0) FROM story_docs), (SELECT count(*) FROM story_merges)");
  if (!r || r->rows() != 1) return {-1, -1};
  return {r->Int(0, 0), r->Int(0, 1)};
}

int64_t PgStoreImpl::CountDocuments() {
  auto r = conn_->Exec("SELECT count(*) FROM documents");
  return r && r->rows() == 1 ? r->Int(0, 0) : 0;
}

}  // namespace storyloom
