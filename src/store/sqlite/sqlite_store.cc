// The SQLite backend: opening, the write lock and its turns, inputs and
// documents.
#include "store/sqlite/sqlite_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "store/sqlite/sqlite_internal.h"

namespace storyloom {

using namespace sqlite_store;

Result<std::unique_ptr<Store>> SqliteStore::Open(const std::string& path, Mode mode) {
  struct stat info;
  if (mode == Mode::kExisting && (path.empty() || ::stat(path.c_str(), &info) != 0)) {
    return Fail("no store at " + path + " (a store is made by `storyloom ingest FILES --store " + path + "`)",
                ErrorKind::kNotFound);
  }
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX | (mode == Mode::kCreate ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Fail("cannot open store " + path + ": " + msg, KindOfSqlite(rc));
  }
  std::unique_ptr<SqliteStore> store(new SqliteStore(db));
  sqlite3_busy_handler(db, &SqliteStore::Busy, store.get());
  // Writers only; absent for an in-memory store or a folder that cannot be
  // written: the writers then simply race for the lock.
  if (mode == Mode::kCreate && path != ":memory:" && !path.empty()) {
    store->writers_fd_ = ::open((path + "-writers").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  }
  // A new store gives pages back as it frees them (ReclaimFreePages): that
  // is chosen before anything is written, WAL's header included, so only
  // for an empty file (on a store with tables, setting it would be a write;
  // reading the page count of a file another connection is making can find
  // it locked). Best effort: a store another connection is making at this
  // very moment may be left without it, which costs disk space, never data.
  if (mode == Mode::kCreate && (::stat(path.c_str(), &info) != 0 || info.st_size == 0)) {
    (void)store->Exec("PRAGMA auto_vacuum=INCREMENTAL");
  }
  // Connections making the same new store at once can find it locked
  // where SQLite does not wait: two that both read the empty file and then
  // both need it alone to turn on WAL get SQLITE_BUSY at once, without the
  // busy handler, because waiting would deadlock. Each step is safe to
  // repeat, so a connection that lost that race starts the setup again.
  const auto start = std::chrono::steady_clock::now();
  for (int attempt = 0;; ++attempt) {
    Status s = store->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
    std::string context = "cannot open store " + path + ": ";
    if (s.ok()) {
      s = store->Migrate();
      context = "store " + path + ": ";
    }
    if (s.ok()) return store;
    const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if ((sqlite3_errcode(db) & 0xff) != SQLITE_BUSY || waited >= store->wait_seconds_) {
      return Fail(s.Prefixed(context));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1 << std::min(attempt, 6)));
  }
}

// SQLite calls this while another connection holds a lock this one needs:
// sleep a little longer each time, say once that we are waiting, and give
// up after wait_seconds_.
int SqliteStore::Busy(void* self, int count) {
  SqliteStore* store = static_cast<SqliteStore*>(self);
  const auto now = std::chrono::steady_clock::now();
  if (count == 0) store->wait_start_ = now;
  if (store->in_begin_ && !store->announced_) store->Announce(true);
  const double waited = std::chrono::duration<double>(now - store->wait_start_).count();
  if (waited >= store->wait_seconds_) return 0;
  // Short naps while waiting to write: the writer ahead pauses for us after
  // its commit, but not for long.
  double nap = std::min(store->in_begin_ ? 0.004 : 0.1, 0.001 * (1 << std::min(count, 7)));
  std::this_thread::sleep_for(std::chrono::duration<double>(nap));
  // Said once a minute at most: writers taking turns wait briefly and often.
  if (waited >= 1.0 && (!store->told_ || now - store->last_told_ > std::chrono::minutes(1))) {
    store->told_ = true;
    store->last_told_ = now;
    if (store->on_wait_) store->on_wait_();
  }
  return 1;
}

SqliteStore::~SqliteStore() {
  for (auto& [sql, st] : statements_) sqlite3_finalize(st);
  sqlite3_close(db_);
  if (writers_fd_ >= 0) ::close(writers_fd_);
}
Status SqliteStore::Exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown SQLite error";
    sqlite3_free(err);
    return Status::Error(msg, KindOfSqlite(sqlite3_errcode(db_)));
  }
  return Status::Ok();
}
Result<sqlite3_stmt*> SqliteStore::Prepare(const char* sql) {
  // Statements are prepared once and kept: preparing costs more than running
  // most of them.
  auto it = statements_.find(sql);
  if (it != statements_.end()) return it->second;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db_, sql, -1, &st, nullptr) != SQLITE_OK) {
    return Fail(SqliteError(db_, "SQLite: "));
  }
  statements_.emplace(sql, st);
  return st;
}

Status SqliteStore::Begin() {
  in_begin_ = true;
  Status s = Exec("BEGIN IMMEDIATE");
  in_begin_ = false;
  if (announced_) Announce(false);
  return s;
}

Status SqliteStore::Commit() {
  ReclaimFreePages();
  STORYLOOM_RETURN_IF_ERROR(Exec("COMMIT"));
  // A writer that waited for this transaction goes next: pause until it
  // has the lock (it polls every few milliseconds), or a little while at
  // most when yet another writer keeps waiting behind it.
  for (int i = 0; i < 25 && AnotherWriterWaits(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return Status::Ok();
}

void SqliteStore::ReclaimFreePages() {
  // Pages freed by the placement queue (a document's names wait there until
  // it is placed) are reused by the next documents; when they are an eighth
  // of the file, they go back to the file system. Stores made before schema
  // 8 have no incremental vacuum, and this is a no-op on them.
  auto count = [&](const char* pragma) -> int64_t {
    auto st = Prepare(pragma);
    if (!st) return 0;
    Statement s(*st);
    return sqlite3_step(s.get()) == SQLITE_ROW ? s.ColInt(0) : 0;
  };
  const int64_t free_pages = count("PRAGMA freelist_count");
  if (free_pages < 256 || free_pages < count("PRAGMA page_count") / 8) return;
  // Best effort: the commit's data matters, its free pages can wait.
  (void)Exec("PRAGMA incremental_vacuum");
}

void SqliteStore::Announce(bool waiting) {
  if (writers_fd_ < 0) return;
  struct flock l {};
  l.l_type = waiting ? F_RDLCK : F_UNLCK;
  l.l_whence = SEEK_SET;
  l.l_start = 0;
  l.l_len = 1;
  // Open-file-description locks: held by this store's descriptor alone, so
  // closing another descriptor of the file in this process keeps them.
  announced_ = ::fcntl(writers_fd_, F_OFD_SETLK, &l) == 0 && waiting;
}

bool SqliteStore::AnotherWriterWaits() const {
  if (writers_fd_ < 0) return false;
  struct flock l {};
  l.l_type = F_WRLCK;
  l.l_whence = SEEK_SET;
  l.l_start = 0;
  l.l_len = 1;
  // Reports a lock another descriptor holds (another writer's).
  return ::fcntl(writers_fd_, F_OFD_GETLK, &l) == 0 && l.l_type != F_UNLCK;
}

void SqliteStore::Rollback() {
  if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

int64_t SqliteStore::DataVersion() {
  auto st = Prepare("PRAGMA data_version");
  if (!st) return -1;
  Statement s(*st);
  if (sqlite3_step(s.get()) != SQLITE_ROW) return -1;
  return s.ColInt(0);
}

Result<std::pair<int64_t, int64_t>> SqliteStore::StorySeqs() {
  auto st = Prepare(
      "SELECT (SELECT COALESCE(MAX(seq), 0) FROM story_docs), (SELECT COALESCE(MAX(merge_seq), 0) FROM story_merges)");
  if (!st) return Unexpected(st.error());
  Statement s(*st);
  if (sqlite3_step(s.get()) != SQLITE_ROW) return Fail(SqliteError(db_, "reading story order: "));
  return std::pair<int64_t, int64_t>{s.ColInt(0), s.ColInt(1)};
}

Result<int64_t> SqliteStore::MaxStoryId() {
  auto st = Prepare(
      "SELECT MAX((SELECT COALESCE(MAX(story), 0) FROM story_docs), (SELECT COALESCE(MAX(story), 0) FROM story_merges))");
  if (!st) return Unexpected(st.error());
  Statement s(*st);
  if (sqlite3_step(s.get()) != SQLITE_ROW) return Fail(SqliteError(db_, "reading story ids: "));
  return s.ColInt(0);
}

Result<std::vector<int64_t>> SqliteStore::InputDocumentIds(int64_t input_id) {
  auto st = Prepare("SELECT id FROM documents WHERE input_id = ? ORDER BY id");
  if (!st) return Unexpected(st.error());
  Statement s(*st);
  s.Int(1, input_id);
  std::vector<int64_t> out;
  while (sqlite3_step(s.get()) == SQLITE_ROW) out.push_back(s.ColInt(0));
  return out;
}

std::optional<StoredInput> SqliteStore::FindInput(const std::string& content_hash) {
  auto st = Prepare("SELECT id, path, content_hash, format, encoding, invalid_bytes FROM inputs WHERE content_hash = ?");
  if (!st) return std::nullopt;
  Statement s(*st);
  s.Text(1, content_hash);
  if (sqlite3_step(s.get()) != SQLITE_ROW) return std::nullopt;
  return StoredInput{s.ColInt(0), s.ColText(1), s.ColText(2), s.ColText(3), s.ColText(4),
                     static_cast<uint32_t>(s.ColInt(5))};
}

Result<bool> SqliteStore::HasDocument(const std::string& url, const std::string& content_hash) {
  auto st = Prepare("SELECT 1 FROM documents WHERE content_hash = ? AND url = ? LIMIT 1");
  if (!st) return Unexpected(st.error());
  Statement s(*st);
  s.Text(1, content_hash);
  s.Text(2, url);
  const int rc = sqlite3_step(s.get());
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Fail(SqliteError(db_, "looking for a stored document: "));
  return rc == SQLITE_ROW;
}

Result<int64_t> SqliteStore::AddInput(const StoredInput& in, std::string_view raw) {
  auto st = Prepare(
      "INSERT INTO inputs (path, content_hash, format, encoding, invalid_bytes, bytes, raw, raw_codec, ingested_at) "
      "VALUES (?,?,?,?,?,?,?,?,?)");
  if (!st) return Unexpected(st.error());
  const StoredRaw stored = EncodeRaw(raw);
  Statement s(*st);
  s.Text(1, in.path);
  s.Text(2, in.content_hash);
  s.Text(3, in.format);
  s.Text(4, in.encoding);
  s.Int(5, in.invalid_bytes);
  s.Int(6, static_cast<int64_t>(raw.size()));
  s.Blob(7, stored.raw);
  s.Text(8, stored.codec);
  s.Text(9, NowUtc());
  if (sqlite3_step(s.get()) != SQLITE_DONE) return Fail(SqliteError(db_, "SQLite: "));
  return sqlite3_last_insert_rowid(db_);
}

Status SqliteStore::AddDocument(Document* d, int64_t input_id) {
  auto st = Prepare(
      "INSERT INTO documents (input_id, path, line, part, format, is_list, raw_start, raw_end, title, url, source, "
      "site, byline, published, published_from, lang, lang_confidence, mixed_lang, body, offset_map, content_hash, "
      "metadata, sentences, paragraphs, body_zstd) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  if (!st) return st.error();
  {
    const StoredBody body = EncodeBody(d->body.text());
    Statement s(*st);
    s.Int(1, input_id);
    s.Text(2, d->path);
    s.Int(3, d->line);
    s.Int(4, d->part);
    s.Text(5, FormatName(d->format));
    s.Int(6, d->is_list);
    s.Int(7, d->raw_span.start);
    s.Int(8, d->raw_span.end);
    s.TextOrNull(9, d->title);
    s.TextOrNull(10, d->url);
    s.TextOrNull(11, d->source);
    s.TextOrNull(12, d->site);
    s.TextOrNull(13, d->byline);
    if (d->published) s.Text(14, *d->published);
    s.TextOrNull(15, d->published_from);
    s.TextOrNull(16, d->lang);
    s.Real(17, d->lang_confidence);
    s.Int(18, d->mixed_lang);
    s.Text(19, body.text);
    s.Blob(20, d->body.SerializeMap());
    s.Text(21, d->content_hash);
    s.TextOrNull(22, d->metadata_json);
    s.Blob(23, PackSentences(d->sentences));
    s.Blob(24, PackParagraphs(d->paragraphs));
    if (body.zstd) s.Blob(25, *body.zstd);
    if (sqlite3_step(s.get()) != SQLITE_DONE) return SqliteError(db_, "SQLite: ");
  }
  d->id = sqlite3_last_insert_rowid(db_);
  {
    auto rs = Prepare("INSERT INTO removed (doc_id, start, end, reason, text) VALUES (?,?,?,?,?)");
    if (!rs) return rs.error();
    Statement s(*rs);
    for (const RemovedSpan& r : d->removed) {
      sqlite3_reset(s.get());
      s.Int(1, d->id);
      s.Int(2, r.span.start);
      s.Int(3, r.span.end);
      s.Text(4, r.reason);
      s.Text(5, r.text);
      if (sqlite3_step(s.get()) != SQLITE_DONE) return SqliteError(db_, "SQLite: ");
    }
  }
  return Status::Ok();
}

Result<std::vector<Document>> SqliteStore::ListDocuments(int64_t after, size_t limit) {
  std::string sql = std::string("SELECT ") + kDocumentColumns + " FROM documents WHERE id > ? ORDER BY id LIMIT ?";
  auto st = Prepare(sql.c_str());
  if (!st) return Unexpected(st.error());
  Statement s(*st);
  s.Int(1, after);
  s.Int(2, limit ? static_cast<int64_t>(limit) : -1);
  std::vector<Document> out;
  while (sqlite3_step(s.get()) == SQLITE_ROW) {
    Status body;
    out.push_back(ReadDocumentRow(s, &body));
    STORYLOOM_RETURN_IF_ERROR(body);
    STORYLOOM_RETURN_IF_ERROR(CheckDocumentSpans(out.back()));
  }
  return out;
}

Result<Document> SqliteStore::GetDocument(int64_t id) {
  std::string sql = std::string("SELECT ") + kDocumentColumns + " FROM documents WHERE id = ?";
  auto st = Prepare(sql.c_str());
  if (!st) return Unexpected(st.error());
  Document d;
  Status body;
  {
    Statement s(*st);
    s.Int(1, id);
    if (sqlite3_step(s.get()) != SQLITE_ROW) return Fail("no document with id " + std::to_string(id), ErrorKind::kNotFound);
    d = ReadDocumentRow(s, &body);
  }
  STORYLOOM_RETURN_IF_ERROR(body);
  STORYLOOM_RETURN_IF_ERROR(CheckDocumentSpans(d));
  if (auto rs = Prepare("SELECT start, end, reason, text FROM removed WHERE doc_id = ? ORDER BY start")) {
    Statement s(*rs);
    s.Int(1, id);
    while (sqlite3_step(s.get()) == SQLITE_ROW) {
      d.removed.push_back({{static_cast<uint32_t>(s.ColInt(0)), static_cast<uint32_t>(s.ColInt(1))}, s.ColText(2), s.ColText(3)});
    }
  }
  return d;
}

Result<std::vector<Document>> SqliteStore::GetDocuments(const std::vector<int64_t>& ids) {
  // Two cached statements a document: as fast here as any batch.
  std::vector<Document> out;
  out.reserve(ids.size());
  for (int64_t id : ids) {
    auto d = GetDocument(id);
    if (!d) return Unexpected(d.error());
    out.push_back(std::move(*d));
  }
  return out;
}

Result<std::vector<Document>> SqliteStore::GetDocumentHeads(const std::vector<int64_t>& ids) {
  std::string sql = std::string("SELECT ") + kHeadColumns + " FROM documents WHERE id = ?";
  auto st = Prepare(sql.c_str());
  if (!st) return Unexpected(st.error());
  std::vector<Document> out;
  out.reserve(ids.size());
  for (int64_t id : ids) {
    Statement s(*st);
    s.Int(1, id);
    int rc = sqlite3_step(s.get());
    if (rc == SQLITE_ROW) out.push_back(ReadDocumentRow(s));
    else if (rc == SQLITE_DONE) return Fail("no document with id " + std::to_string(id), ErrorKind::kNotFound);
    else return Fail(SqliteError(db_, "reading documents: "));
  }
  return out;
}

Status SqliteStore::SaveAnnotations(int64_t doc, std::string_view encoded) {
  auto st = Prepare("INSERT OR REPLACE INTO doc_annotations (doc, annotations) VALUES (?, ?)");
  if (!st) return st.error();
  Statement s(*st);
  s.Int(1, doc);
  s.Blob(2, encoded);
  if (sqlite3_step(s.get()) != SQLITE_DONE) return SqliteError(db_, "saving annotations: ");
  return Status::Ok();
}

Result<std::unordered_map<int64_t, std::string>> SqliteStore::LoadAnnotations(const std::vector<int64_t>& docs) {
  auto st = Prepare("SELECT annotations FROM doc_annotations WHERE doc = ?");
  if (!st) return Unexpected(st.error());
  std::unordered_map<int64_t, std::string> out;
  for (int64_t doc : docs) {
    Statement s(*st);
    s.Int(1, doc);
    int rc = sqlite3_step(s.get());
    if (rc == SQLITE_ROW) out.emplace(doc, s.ColBlob(0));
    else if (rc != SQLITE_DONE) return Fail(SqliteError(db_, "reading annotations: "));
  }
  return out;
}

Result<std::string> SqliteStore::RawInput(int64_t doc_id) {
  auto st = Prepare(
      "SELECT i.raw, i.raw_codec, i.bytes FROM inputs i JOIN documents d ON d.input_id = i.id WHERE d.id = ?");
  if (!st) return Unexpected(st.error());
  Statement s(*st);
  s.Int(1, doc_id);
  if (sqlite3_step(s.get()) != SQLITE_ROW) return Fail("no document with id " + std::to_string(doc_id), ErrorKind::kNotFound);
  return DecodeRaw(s.ColBlob(0), s.ColText(1), static_cast<size_t>(s.ColInt(2)), doc_id);
}
int64_t SqliteStore::CountDocuments() {
  auto st = Prepare("SELECT count(*) FROM documents");
  if (!st) return 0;
  Statement s(*st);
  return sqlite3_step(s.get()) == SQLITE_ROW ? s.ColInt(0) : 0;
}

}  // namespace storyloom
