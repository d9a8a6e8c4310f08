#include "storyloom/store.h"

#include <sqlite3.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <ctime>

#include "annotate/temporal_calendar.h"
#include "label/headline.h"

namespace storyloom {

namespace {

// Each entry moves the schema one version up; never edit a released one,
// add the next.
const char* const kMigrations[] = {
    // 1: inputs, documents and what hangs from them.
    R"sql(
    CREATE TABLE inputs (
      id INTEGER PRIMARY KEY,
      path TEXT NOT NULL,
      content_hash TEXT NOT NULL UNIQUE,
      format TEXT NOT NULL,
      encoding TEXT,
      invalid_bytes INTEGER NOT NULL DEFAULT 0,
      bytes INTEGER NOT NULL,
      raw BLOB NOT NULL,
      ingested_at TEXT NOT NULL
    );
    CREATE TABLE documents (
      id INTEGER PRIMARY KEY,
      input_id INTEGER NOT NULL REFERENCES inputs(id),
      path TEXT NOT NULL,
      line INTEGER NOT NULL DEFAULT 0,
      part INTEGER NOT NULL DEFAULT 0,
      format TEXT NOT NULL,
      is_list INTEGER NOT NULL DEFAULT 0,
      raw_start INTEGER NOT NULL,
      raw_end INTEGER NOT NULL,
      title TEXT, url TEXT, source TEXT, site TEXT, byline TEXT,
      published TEXT, published_from TEXT,
      lang TEXT, lang_confidence REAL, mixed_lang INTEGER NOT NULL DEFAULT 0,
      body TEXT NOT NULL,
      offset_map BLOB NOT NULL,
      content_hash TEXT NOT NULL,
      metadata TEXT,
      sentences BLOB NOT NULL,  -- packed little-endian uint32 (start, end) pairs in body
      paragraphs BLOB NOT NULL  -- packed: uint32 start, uint32 end, char[4] lang, float confidence
    );
    CREATE INDEX documents_content_hash ON documents(content_hash);
    CREATE INDEX documents_lang ON documents(lang);
    CREATE INDEX documents_published ON documents(published);
    CREATE TABLE removed (
      doc_id INTEGER NOT NULL REFERENCES documents(id),
      start INTEGER NOT NULL, end INTEGER NOT NULL,
      reason TEXT NOT NULL, text TEXT NOT NULL
    );
    CREATE INDEX removed_doc ON removed(doc_id);
    )sql",
    // 2: the story stage: features of each document, where it was placed
    // (in decision order, `seq`), and merges of stories.
    R"sql(
    CREATE TABLE doc_features (
      doc INTEGER PRIMARY KEY REFERENCES documents(id),
      features BLOB NOT NULL,
      shingles BLOB NOT NULL
    );
    CREATE TABLE story_docs (
      doc INTEGER PRIMARY KEY REFERENCES documents(id),
      story INTEGER NOT NULL,
      seq INTEGER NOT NULL UNIQUE,
      score REAL NOT NULL,
      why TEXT NOT NULL,          -- strongest shared anchors and terms, one a line
      duplicate_of INTEGER REFERENCES documents(id),
      duplicate_kind TEXT,
      duplicate_score REAL
    );
    CREATE INDEX story_docs_story ON story_docs(story);
    CREATE TABLE story_merges (
      story INTEGER PRIMARY KEY,  -- merged away
      into_story INTEGER NOT NULL,
      doc INTEGER NOT NULL,       -- the document that showed the two were one
      merged_at TEXT NOT NULL
    );
    )sql",
    // 3: full-text search over storyloom's normalised tokens (norms) and
    // their stems, one row a document (rowid = document id). Contentless:
    // the text is in `documents`; the index only answers which documents
    // match. unicode61 with diacritics kept, so Vietnamese tones count.
    R"sql(
    CREATE VIRTUAL TABLE doc_fts USING fts5(
      norms, stems, content = '', tokenize = 'unicode61 remove_diacritics 0'
    );
    )sql",
    // 4: what restoring the story index needs to replay it exactly: the
    // story each placement chose (story_docs.story follows later merges),
    // and each merge's survivor at the time and its order (into_story
    // follows later merges too). Placements saved before take the story
    // they are in now; merges saved before have no order (NULL), and their
    // stores restore as merged.
    R"sql(
    ALTER TABLE story_docs ADD COLUMN placed_story INTEGER;
    UPDATE story_docs SET placed_story = story;
    ALTER TABLE story_merges ADD COLUMN first_into INTEGER;
    ALTER TABLE story_merges ADD COLUMN merge_seq INTEGER;
    CREATE INDEX story_merges_seq ON story_merges(merge_seq);
    )sql",
    // 5: the dates each document's sentences tell of, for the story's span.
    // Documents placed before have none (their stories fall back on
    // publication dates).
    R"sql(
    ALTER TABLE story_docs ADD COLUMN told_first TEXT;
    ALTER TABLE story_docs ADD COLUMN told_last TEXT;
    )sql",
};

std::string Now() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

// Uses one of the store's cached prepared statements for one call and
// leaves it reset for the next.
class Statement {
 public:
  explicit Statement(sqlite3_stmt* s) : s_(s) {}
  ~Statement() {
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

 private:
  sqlite3_stmt* s_;
};

constexpr const char* kDocumentColumns =
    "id, path, line, part, format, is_list, raw_start, raw_end, title, url, source, site, byline, published, "
    "published_from, lang, lang_confidence, mixed_lang, body, offset_map, content_hash, metadata, sentences, paragraphs";

// Sentence spans as one blob a document: far cheaper than a row each.
std::string PackSentences(const std::vector<Sentence>& sentences) {
  std::string out(sentences.size() * 8, '\0');
  for (size_t i = 0; i < sentences.size(); ++i) {
    uint32_t v[2] = {sentences[i].span.start, sentences[i].span.end};
    std::memcpy(out.data() + i * 8, v, 8);
  }
  return out;
}

std::string PackParagraphs(const std::vector<Paragraph>& paragraphs) {
  std::string out(paragraphs.size() * 16, '\0');
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    const Paragraph& p = paragraphs[i];
    char* at = out.data() + i * 16;
    uint32_t v[2] = {p.span.start, p.span.end};
    std::memcpy(at, v, 8);
    std::memcpy(at + 8, p.lang.data(), std::min<size_t>(p.lang.size(), 4));
    std::memcpy(at + 12, &p.confidence, 4);
  }
  return out;
}

std::vector<Paragraph> UnpackParagraphs(std::string_view blob) {
  std::vector<Paragraph> out(blob.size() / 16);
  for (size_t i = 0; i < out.size(); ++i) {
    const char* at = blob.data() + i * 16;
    uint32_t v[2];
    std::memcpy(v, at, 8);
    out[i].span = {v[0], v[1]};
    out[i].lang.assign(at + 8, strnlen(at + 8, 4));
    std::memcpy(&out[i].confidence, at + 12, 4);
  }
  return out;
}

std::vector<Sentence> UnpackSentences(std::string_view blob) {
  std::vector<Sentence> out(blob.size() / 8);
  for (size_t i = 0; i < out.size(); ++i) {
    uint32_t v[2];
    std::memcpy(v, blob.data() + i * 8, 8);
    out[i].span = {v[0], v[1]};
  }
  return out;
}

Document ReadDocumentRow(Statement& s) {
  Document d;
  d.id = s.ColInt(0);
  d.path = s.ColText(1);
  d.line = static_cast<uint32_t>(s.ColInt(2));
  d.part = static_cast<uint32_t>(s.ColInt(3));
  ParseFormat(s.ColText(4), &d.format);
  d.is_list = s.ColInt(5) != 0;
  d.raw_span = {static_cast<uint32_t>(s.ColInt(6)), static_cast<uint32_t>(s.ColInt(7))};
  d.title = s.ColText(8);
  d.url = s.ColText(9);
  d.source = s.ColText(10);
  d.site = s.ColText(11);
  d.byline = s.ColText(12);
  if (!s.ColNull(13)) d.published = s.ColText(13);
  d.published_from = s.ColText(14);
  d.lang = s.ColText(15);
  d.lang_confidence = static_cast<float>(sqlite3_column_double(s.get(), 16));
  d.mixed_lang = s.ColInt(17) != 0;
  std::vector<OffsetRun> runs;
  MappedText::DeserializeMap(s.ColBlob(19), &runs);
  d.body = MappedText::FromParts(s.ColText(18), std::move(runs));
  d.content_hash = s.ColText(20);
  d.metadata_json = s.ColText(21);
  d.sentences = UnpackSentences(s.ColBlob(22));
  d.paragraphs = UnpackParagraphs(s.ColBlob(23));
  return d;
}

}  // namespace

namespace {

// What an SQLite result code means to a caller: busy and locked are worth a
// retry, a damaged or foreign file is corruption, a broken constraint is a
// conflict, a file that cannot be opened or written is unavailable.
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

// The connection's last error, with its kind, after `context` ("saving features: ").
Status SqliteError(sqlite3* db, const std::string& context) {
  return Status::Error(context + sqlite3_errmsg(db), KindOfSqlite(sqlite3_extended_errcode(db)));
}

}  // namespace

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, Mode mode) {
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
  std::unique_ptr<Store> store(new Store(db));
  sqlite3_busy_handler(db, &Store::Busy, store.get());
  // Writers only; absent for an in-memory store or a folder that cannot be
  // written: the writers then simply race for the lock.
  if (mode == Mode::kCreate && path != ":memory:" && !path.empty()) {
    store->writers_fd_ = ::open((path + "-writers").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  }
  Status s = store->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
  if (!s.ok()) return Fail(s.Prefixed("cannot open store " + path + ": "));
  s = store->Migrate();
  if (!s.ok()) return Fail(s.Prefixed("store " + path + ": "));
  return store;
}

// SQLite calls this while another connection holds a lock this one needs:
// sleep a little longer each time, say once that we are waiting, and give
// up after wait_seconds_.
int Store::Busy(void* self, int count) {
  Store* store = static_cast<Store*>(self);
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

Store::~Store() {
  for (auto& [sql, st] : statements_) sqlite3_finalize(st);
  sqlite3_close(db_);
  if (writers_fd_ >= 0) ::close(writers_fd_);
}

Status Store::Exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown SQLite error";
    sqlite3_free(err);
    return Status::Error(msg, KindOfSqlite(sqlite3_errcode(db_)));
  }
  return Status::Ok();
}

int Store::SchemaVersion() {
  sqlite3_stmt* st = nullptr;
  int v = 0;
  if (sqlite3_prepare_v2(db_, "PRAGMA user_version", -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
    v = sqlite3_column_int(st, 0);
  }
  sqlite3_finalize(st);
  return v;
}

Status Store::Migrate() {
  constexpr int kCount = static_cast<int>(sizeof(kMigrations) / sizeof(kMigrations[0]));
  static_assert(kCount == kSchemaVersion);
  auto too_new = [&](int version) {
    return Status::Conflict("schema version " + std::to_string(version) + " is newer than this storyloom (" +
                            std::to_string(kCount) + "); upgrade storyloom");
  };
  int version = SchemaVersion();
  if (version > kCount) return too_new(version);
  if (version == kCount) return Status::Ok();
  // Under the write lock, the version is read again: another process may
  // have created or migrated the store since, and its work is not redone.
  STORYLOOM_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
  version = SchemaVersion();
  if (version > kCount) {
    Rollback();
    return too_new(version);
  }
  for (int v = version; v < kCount; ++v) {
    Status s = Exec(kMigrations[v]);
    if (s.ok()) s = Exec(("PRAGMA user_version = " + std::to_string(v + 1)).c_str());
    if (!s.ok()) {
      Rollback();
      return s.Prefixed("migration to schema " + std::to_string(v + 1) + " failed: ");
    }
  }
  return Exec("COMMIT");
}

Result<sqlite3_stmt*> Store::Prepare(const char* sql) {
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

Status Store::Begin() {
  in_begin_ = true;
  Status s = Exec("BEGIN IMMEDIATE");
  in_begin_ = false;
  if (announced_) Announce(false);
  return s;
}

Status Store::Commit() {
  STORYLOOM_RETURN_IF_ERROR(Exec("COMMIT"));
  // A writer that waited for this transaction goes next: pause until it
  // has the lock (it polls every few milliseconds), or a little while at
  // most when yet another writer keeps waiting behind it.
  for (int i = 0; i < 25 && AnotherWriterWaits(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return Status::Ok();
}

void Store::Announce(bool waiting) {
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

bool Store::AnotherWriterWaits() const {
  if (writers_fd_ < 0) return false;
  struct flock l {};
  l.l_type = F_WRLCK;
  l.l_whence = SEEK_SET;
  l.l_start = 0;
  l.l_len = 1;
  // Reports a lock another descriptor holds (another writer's).
  return ::fcntl(writers_fd_, F_OFD_GETLK, &l) == 0 && l.l_type != F_UNLCK;
}

void Store::Rollback() {
  if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

int64_t Store::DataVersion() {
  auto st = Prepare("PRAGMA data_version");
  if (!st) return -1;
  Statement s(*st);
  if (sqlite3_step(s.get()) != SQLITE_ROW) return -1;
  return s.ColInt(0);
}

Result<std::pair<int64_t, int64_t>> Store::StorySeqs() {
  auto st = Prepare(
      "SELECT (SELECT COALESCE(MAX(seq), 0) FROM story_docs), (SELECT COALESCE(MAX(merge_seq), 0) FROM story_merges)");
  if (!st) return Unexpected(st.error());
  Statement s(*st);
  if (sqlite3_step(s.get()) != SQLITE_ROW) return Fail(SqliteError(db_, "reading story order: "));
  return std::pair<int64_t, int64_t>{s.ColInt(0), s.ColInt(1)};
}

Result<int64_t> Store::MaxStoryId() {
  auto st = Prepare(
      "SELECT MAX((SELECT COALESCE(MAX(story), 0) FROM story_docs), (SELECT COALESCE(MAX(story), 0) FROM story_merges))");
  if (!st) return Unexpected(st.error());
  Statement s(*st);
  if (sqlite3_step(s.get()) != SQLITE_ROW) return Fail(SqliteError(db_, "reading story ids: "));
  return s.ColInt(0);
}

Result<std::vector<int64_t>> Store::InputDocumentIds(int64_t input_id) {
  auto st = Prepare("SELECT id FROM documents WHERE input_id = ? ORDER BY id");
  if (!st) return Unexpected(st.error());
  Statement s(*st);
  s.Int(1, input_id);
  std::vector<int64_t> out;
  while (sqlite3_step(s.get()) == SQLITE_ROW) out.push_back(s.ColInt(0));
  return out;
}

std::optional<StoredInput> Store::FindInput(const std::string& content_hash) {
  auto st = Prepare("SELECT id, path, content_hash, format, encoding, invalid_bytes FROM inputs WHERE content_hash = ?");
  if (!st) return std::nullopt;
  Statement s(*st);
  s.Text(1, content_hash);
  if (sqlite3_step(s.get()) != SQLITE_ROW) return std::nullopt;
  return StoredInput{s.ColInt(0), s.ColText(1), s.ColText(2), s.ColText(3), s.ColText(4),
                     static_cast<uint32_t>(s.ColInt(5))};
}

Result<int64_t> Store::AddInput(const StoredInput& in, std::string_view raw) {
  auto st = Prepare(
      "INSERT INTO inputs (path, content_hash, format, encoding, invalid_bytes, bytes, raw, ingested_at) "
      "VALUES (?,?,?,?,?,?,?,?)");
  if (!st) return Unexpected(st.error());
  Statement s(*st);
  s.Text(1, in.path);
  s.Text(2, in.content_hash);
  s.Text(3, in.format);
  s.Text(4, in.encoding);
  s.Int(5, in.invalid_bytes);
  s.Int(6, static_cast<int64_t>(raw.size()));
  s.Blob(7, raw);
  s.Text(8, Now());
  if (sqlite3_step(s.get()) != SQLITE_DONE) return Fail(SqliteError(db_, "SQLite: "));
  return sqlite3_last_insert_rowid(db_);
}

Status Store::AddDocument(Document* d, int64_t input_id) {
  auto st = Prepare(
      "INSERT INTO documents (input_id, path, line, part, format, is_list, raw_start, raw_end, title, url, source, "
      "site, byline, published, published_from, lang, lang_confidence, mixed_lang, body, offset_map, content_hash, "
      "metadata, sentences, paragraphs) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  if (!st) return st.error();
  {
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
    s.Text(19, d->body.text());
    s.Blob(20, d->body.SerializeMap());
    s.Text(21, d->content_hash);
    s.TextOrNull(22, d->metadata_json);
    s.Blob(23, PackSentences(d->sentences));
    s.Blob(24, PackParagraphs(d->paragraphs));
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

Result<std::vector<Document>> Store::ListDocuments() {
  std::string sql = std::string("SELECT ") + kDocumentColumns + " FROM documents ORDER BY id";
  auto st = Prepare(sql.c_str());
  if (!st) return Unexpected(st.error());
  Statement s(*st);
  std::vector<Document> out;
  while (sqlite3_step(s.get()) == SQLITE_ROW) out.push_back(ReadDocumentRow(s));
  return out;
}

Result<Document> Store::GetDocument(int64_t id) {
  std::string sql = std::string("SELECT ") + kDocumentColumns + " FROM documents WHERE id = ?";
  auto st = Prepare(sql.c_str());
  if (!st) return Unexpected(st.error());
  Document d;
  {
    Statement s(*st);
    s.Int(1, id);
    if (sqlite3_step(s.get()) != SQLITE_ROW) return Fail("no document with id " + std::to_string(id), ErrorKind::kNotFound);
    d = ReadDocumentRow(s);
  }
  if (auto rs = Prepare("SELECT start, end, reason, text FROM removed WHERE doc_id = ? ORDER BY start")) {
    Statement s(*rs);
    s.Int(1, id);
    while (sqlite3_step(s.get()) == SQLITE_ROW) {
      d.removed.push_back({{static_cast<uint32_t>(s.ColInt(0)), static_cast<uint32_t>(s.ColInt(1))}, s.ColText(2), s.ColText(3)});
    }
  }
  return d;
}

Status Store::SaveFeatures(int64_t doc, std::string_view features, std::string_view shingles) {
  auto st = Prepare("INSERT OR REPLACE INTO doc_features (doc, features, shingles) VALUES (?, ?, ?)");
  if (!st) return st.error();
  Statement s(*st);
  s.Int(1, doc);
  s.Blob(2, features);
  s.Blob(3, shingles);
  if (sqlite3_step(s.get()) != SQLITE_DONE) return SqliteError(db_, "saving features: ");
  return Status::Ok();
}

namespace {
std::string JoinLines(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& x : v) out += (out.empty() ? "" : "\n") + x;
  return out;
}
std::vector<std::string> SplitLines(const std::string& s) {
  std::vector<std::string> out;
  size_t a = 0;
  while (a < s.size()) {
    size_t b = s.find('\n', a);
    if (b == std::string::npos) b = s.size();
    out.push_back(s.substr(a, b - a));
    a = b + 1;
  }
  return out;
}
}  // namespace

Status Store::SavePlacement(const StoredPlacement& p) {
  auto st = Prepare(
      "INSERT OR REPLACE INTO story_docs (doc, story, placed_story, seq, score, why, duplicate_of, duplicate_kind, "
      "duplicate_score, told_first, told_last) VALUES (?1, ?2, COALESCE(NULLIF(?8, 0), ?2), "
      "(SELECT COALESCE(MAX(seq), 0) + 1 FROM story_docs), ?3, ?4, ?5, ?6, ?7, NULLIF(?9, ''), NULLIF(?10, ''))");
  if (!st) return st.error();
  Statement s(*st);
  s.Int(1, p.doc);
  s.Int(2, p.story);
  s.Real(3, p.score);
  s.Text(4, JoinLines(p.why));
  if (p.duplicate_of) {
    s.Int(5, p.duplicate_of);
    s.Text(6, p.duplicate_kind);
    s.Real(7, p.duplicate_score);
  }
  s.Int(8, p.placed);
  s.Text(9, p.told_first);
  s.Text(10, p.told_last);
  if (sqlite3_step(s.get()) != SQLITE_DONE) return SqliteError(db_, "saving placement: ");
  return Status::Ok();
}

Status Store::MergeStories(int64_t story, int64_t into, int64_t doc, int64_t first_into) {
  {
    auto st = Prepare("UPDATE story_docs SET story = ? WHERE story = ?");
    if (!st) return st.error();
    Statement s(*st);
    s.Int(1, into);
    s.Int(2, story);
    if (sqlite3_step(s.get()) != SQLITE_DONE) return SqliteError(db_, "merging: ");
  }
  auto st = Prepare(
      "INSERT OR REPLACE INTO story_merges (story, into_story, doc, merged_at, first_into, merge_seq) "
      "VALUES (?1, ?2, ?3, ?4, COALESCE(NULLIF(?5, 0), ?2), (SELECT COALESCE(MAX(merge_seq), 0) + 1 FROM story_merges))");
  if (!st) return st.error();
  Statement s(*st);
  s.Int(1, story);
  s.Int(2, into);
  s.Int(3, doc);
  s.Text(4, Now());
  s.Int(5, first_into);
  if (sqlite3_step(s.get()) != SQLITE_DONE) return SqliteError(db_, "merging: ");
  // Earlier merges into the story merged away now point at the survivor.
  auto up = Prepare("UPDATE story_merges SET into_story = ? WHERE into_story = ?");
  if (!up) return up.error();
  Statement u(*up);
  u.Int(1, into);
  u.Int(2, story);
  if (sqlite3_step(u.get()) != SQLITE_DONE) return SqliteError(db_, "merging: ");
  return Status::Ok();
}

namespace {
StoredPlacement ReadPlacement(Statement& s, int first) {
  StoredPlacement p;
  p.doc = s.ColInt(first);
  p.story = s.ColInt(first + 1);
  p.score = sqlite3_column_double(s.get(), first + 2);
  p.why = SplitLines(s.ColText(first + 3));
  if (!s.ColNull(first + 4)) {
    p.duplicate_of = s.ColInt(first + 4);
    p.duplicate_kind = s.ColText(first + 5);
    p.duplicate_score = sqlite3_column_double(s.get(), first + 6);
  }
  return p;
}
constexpr const char* kPlacementColumns = "p.doc, p.story, p.score, p.why, p.duplicate_of, p.duplicate_kind, p.duplicate_score";
}  // namespace

Result<std::vector<StoredFeatures>> Store::LoadPlacedFeatures(int64_t after_seq) {
  auto st = Prepare((std::string("SELECT f.features, COALESCE(p.placed_story, p.story), p.seq, ") + kPlacementColumns +
                     " FROM story_docs p JOIN doc_features f ON f.doc = p.doc WHERE p.seq > ? ORDER BY p.seq")
                        .c_str());
  if (!st) return Unexpected(st.error());
  Statement s(*st);
  s.Int(1, after_seq);
  std::vector<StoredFeatures> out;
  int rc;
  while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
    StoredFeatures f;
    f.features = s.ColBlob(0);
    f.placement = ReadPlacement(s, 3);
    f.placement.placed = s.ColInt(1);
    f.seq = s.ColInt(2);
    f.doc = f.placement.doc;
    out.push_back(std::move(f));
  }
  if (rc != SQLITE_DONE) return Fail(SqliteError(db_, "reading story features: "));
  return out;
}

Result<std::vector<StoredFeatures>> Store::StoryFeatures(int64_t story) {
  auto st = Prepare((std::string("SELECT f.features, p.seq, ") + kPlacementColumns +
                     " FROM story_docs p JOIN doc_features f ON f.doc = p.doc WHERE p.story = ? ORDER BY p.seq")
                        .c_str());
  if (!st) return Unexpected(st.error());
  Statement s(*st);
  s.Int(1, story);
  std::vector<StoredFeatures> out;
  int rc;
  while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
    StoredFeatures f;
    f.features = s.ColBlob(0);
    f.seq = s.ColInt(1);
    f.placement = ReadPlacement(s, 2);
    f.doc = f.placement.doc;
    out.push_back(std::move(f));
  }
  if (rc != SQLITE_DONE) return Fail(SqliteError(db_, "reading story features: "));
  return out;
}

Result<std::vector<StoredMerge>> Store::LoadMerges(int64_t after_seq, bool* legacy) {
  // Merges saved before schema 4 have no order (NULL sorts first).
  auto st = Prepare(
      "SELECT doc, story, first_into, merge_seq FROM story_merges WHERE merge_seq IS NULL OR merge_seq > ? "
      "ORDER BY merge_seq");
  if (!st) return Unexpected(st.error());
  Statement s(*st);
  s.Int(1, after_seq);
  std::vector<StoredMerge> out;
  *legacy = false;
  int rc;
  while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
    if (s.ColNull(3)) {
      *legacy = true;
      continue;
    }
    out.push_back({s.ColInt(0), s.ColInt(1), s.ColInt(2), s.ColInt(3)});
  }
  if (rc != SQLITE_DONE) return Fail(SqliteError(db_, "reading story merges: "));
  return out;
}

Result<std::string> Store::LoadShingles(int64_t doc) {
  auto st = Prepare("SELECT shingles FROM doc_features WHERE doc = ?");
  if (!st) return Unexpected(st.error());
  Statement s(*st);
  s.Int(1, doc);
  if (sqlite3_step(s.get()) != SQLITE_ROW) return Fail("no features for document " + std::to_string(doc), ErrorKind::kNotFound);
  return s.ColBlob(0);
}

Result<std::vector<StoredPlacement>> Store::StoryPlacements(int64_t story) {
  auto st = Prepare((std::string("SELECT ") + kPlacementColumns + " FROM story_docs p WHERE p.story = ? ORDER BY p.seq").c_str());
  if (!st) return Unexpected(st.error());
  Statement s(*st);
  s.Int(1, story);
  std::vector<StoredPlacement> out;
  while (sqlite3_step(s.get()) == SQLITE_ROW) out.push_back(ReadPlacement(s, 0));
  return out;
}

Result<std::vector<std::pair<int64_t, int64_t>>> Store::StoryMerges(int64_t into) {
  auto st = Prepare("SELECT story, doc FROM story_merges WHERE into_story = ? ORDER BY doc");
  if (!st) return Unexpected(st.error());
  Statement s(*st);
  s.Int(1, into);
  std::vector<std::pair<int64_t, int64_t>> out;
  while (sqlite3_step(s.get()) == SQLITE_ROW) out.push_back({s.ColInt(0), s.ColInt(1)});
  return out;
}

namespace {
// Days since 1970-01-01 of "YYYY-MM-DD" or "YYYY-MM" (its first day).
std::optional<int64_t> DayOf(const std::string& iso) {
  int y = 0, m = 0, d = 1;
  if (std::sscanf(iso.c_str(), "%d-%d-%d", &y, &m, &d) < 2 || m < 1 || m > 12) return std::nullopt;
  return temporal::DaysFromCivil(y, m, d);
}
}  // namespace

Result<std::vector<StorySummary>> Store::ListStories(const std::string& lang) {
  // One pass over the placements joined with the few document columns a
  // summary needs; stories are built in memory.
  auto st = Prepare(
      "SELECT p.story, p.doc, p.score, p.duplicate_of, d.lang, d.source, d.published, d.title, p.told_first, "
      "p.told_last, CASE WHEN d.title IS NULL OR d.title = '' THEN substr(d.body, 1, 60) END FROM story_docs p JOIN documents d ON d.id = p.doc ORDER BY p.seq");
  if (!st) return Unexpected(st.error());
  Statement s(*st);
  std::unordered_map<int64_t, size_t> index;
  std::vector<StorySummary> out;
  std::unordered_map<int64_t, std::tuple<int, int, double>> title_rank;  // story -> (titled, language fit, score)
  std::unordered_map<int64_t, std::unordered_set<std::string>> independent_keys;
  std::unordered_map<int64_t, std::vector<std::pair<std::string, std::string>>> told;  // story -> reports' (first, last)
  // Untitled reports: story -> (rank, doc, the body's first bytes), and how
  // many reports of the story open with those bytes.
  std::unordered_map<int64_t, std::vector<std::tuple<std::tuple<int, int, double>, int64_t, std::string>>> untitled;
  std::unordered_map<int64_t, std::unordered_map<std::string, int>> openings;
  while (sqlite3_step(s.get()) == SQLITE_ROW) {
    int64_t story = s.ColInt(0);
    auto [it, fresh] = index.try_emplace(story, out.size());
    if (fresh) {
      out.emplace_back();
      out.back().id = story;
    }
    StorySummary& sum = out[it->second];
    int64_t doc = s.ColInt(1);
    sum.docs.push_back(doc);
    bool duplicate = !s.ColNull(3);
    sum.duplicates += duplicate;
    std::string dlang = s.ColText(4), source = s.ColText(5), title = s.ColText(7);
    if (!dlang.empty() && std::find(sum.langs.begin(), sum.langs.end(), dlang) == sum.langs.end()) sum.langs.push_back(dlang);
    if (!source.empty() && std::find(sum.sources.begin(), sum.sources.end(), source) == sum.sources.end()) {
      sum.sources.push_back(source);
    }
    if (!duplicate && !s.ColNull(8)) told[story].push_back({s.ColText(8), s.ColText(9)});
    if (!duplicate) {
      ++sum.reports;
      // Independent sources: known publishers only; a report that names
      // none is not counted as a source of its own.
      if (!source.empty() && independent_keys[story].insert(source).second) ++sum.independent;
    }
    if (!s.ColNull(6)) {
      std::string day = s.ColText(6);
      sum.days.push_back(day);
      if (!sum.start || day < *sum.start) sum.start = day;
      if (!sum.end || day > *sum.end) sum.end = day;
    }
    // The headline of the document that fits the story best, in the
    // language asked for where the story has one. Without any title, the
    // lead of the document that fits best stands in (HeadlineFromLead),
    // ranked the same way below every real title; a lead that other reports
    // of the story open with too is a site's furniture (a sidebar headline
    // glued above every page), not this report's news.
    if (!duplicate) {
      double score = sqlite3_column_double(s.get(), 2);
      // A founding document (score 0, as are the founders of stories merged
      // in later) ranks below every document that joined.
      std::tuple<int, int, double> rank{title.empty() ? 0 : 1, lang.empty() || dlang == lang ? 1 : 0, score};
      if (title.empty()) {
        std::string opening = s.ColText(10);
        ++openings[story][opening];
        untitled[story].push_back({rank, doc, std::move(opening)});
      }
      auto r = title_rank.find(story);
      if (r == title_rank.end() || rank > r->second) {
        title_rank[story] = rank;
        sum.title = title;
        sum.title_doc = doc;
      }
    }
  }
  for (StorySummary& sum : out) {
    if (!sum.title.empty()) continue;
    auto& candidates = untitled[sum.id];
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const auto& a, const auto& b) { return std::get<0>(a) > std::get<0>(b); });
    for (const auto& [rank, doc, opening] : candidates) {
      if (openings[sum.id][opening] == 1) {
        sum.title_doc = doc;
        break;
      }
    }
  }
  auto lead = Prepare("SELECT substr(body, 1, 1500) FROM documents WHERE id = ?");
  if (!lead) return Unexpected(lead.error());
  Statement l(*lead);
  for (StorySummary& sum : out) {
    if (!sum.title.empty() || sum.title_doc == 0) continue;
    sqlite3_reset(l.get());
    l.Int(1, sum.title_doc);
    if (sqlite3_step(l.get()) == SQLITE_ROW) sum.title = HeadlineFromLead(l.ColText(0));
    sum.title_from_lead = !sum.title.empty();
  }
  for (StorySummary& sum : out) {
    std::sort(sum.langs.begin(), sum.langs.end());
    // The span told: the reports' earliest and latest told dates, as a
    // timeline takes them: a month alone stands only where two reports tell
    // it, and in a story of 20 reports or more the outermost twentieth
    // (background, asides, misreadings) does not stretch it.
    auto it = told.find(sum.id);
    if (it != told.end()) {
      std::vector<std::string> firsts, lasts;
      for (const auto& [first, last] : it->second) firsts.push_back(first), lasts.push_back(last);
      std::sort(firsts.begin(), firsts.end());
      std::sort(lasts.rbegin(), lasts.rend());
      // `alone`: whether one report may set the bound with this value.
      auto pick = [](const std::vector<std::string>& values,
                     const std::function<bool(const std::string&)>& alone) -> std::optional<std::string> {
        for (size_t i = values.size() >= 20 ? values.size() / 20 : 0; i < values.size(); ++i) {
          const std::string& v = values[i];
          if (alone(v)) return v;
          size_t same = std::count_if(values.begin(), values.end(),
                                      [&](const std::string& w) { return w.compare(0, 7, v) == 0; });
          if (same >= 2) return v;
        }
        return std::nullopt;
      };
      // Reports tell background: a day more than a month before the first
      // report, like a month alone, needs two reports in its month.
      const std::optional<int64_t> first_published = sum.start ? DayOf(*sum.start) : std::nullopt;
      sum.told_start = pick(firsts, [&](const std::string& v) {
        if (v.size() <= 7) return false;
        auto day = DayOf(v);
        return !first_published || !day || *day >= *first_published - 31;
      });
      sum.told_end = pick(lasts, [](const std::string& v) { return v.size() > 7; });
      // A story covered for weeks by many reports began near its first
      // report: what they tell of before that is background.
      if (firsts.size() >= 20 && sum.start && sum.told_start) {
        auto first = DayOf(*sum.start), told = DayOf(*sum.told_start);
        if (first && told && *told < *first - 31) sum.told_start.reset();
      }
    }
    if (sum.start && (!sum.told_start || *sum.start < *sum.told_start)) sum.told_start = sum.start;
    if (sum.end && (!sum.told_end || *sum.end > *sum.told_end)) sum.told_end = sum.end;
  }
  std::stable_sort(out.begin(), out.end(), [](const StorySummary& a, const StorySummary& b) {
    return a.docs.size() != b.docs.size() ? a.docs.size() > b.docs.size() : a.id < b.id;
  });
  return out;
}

Result<std::string> Store::RawInput(int64_t doc_id) {
  auto st = Prepare("SELECT i.raw FROM inputs i JOIN documents d ON d.input_id = i.id WHERE d.id = ?");
  if (!st) return Unexpected(st.error());
  Statement s(*st);
  s.Int(1, doc_id);
  if (sqlite3_step(s.get()) != SQLITE_ROW) return Fail("no document with id " + std::to_string(doc_id), ErrorKind::kNotFound);
  return s.ColBlob(0);
}

std::optional<StoredPlacement> Store::Placement(int64_t doc) {
  auto st = Prepare((std::string("SELECT ") + kPlacementColumns + " FROM story_docs p WHERE p.doc = ?").c_str());
  if (!st) return std::nullopt;
  Statement s(*st);
  s.Int(1, doc);
  if (sqlite3_step(s.get()) != SQLITE_ROW) return std::nullopt;
  return ReadPlacement(s, 0);
}

std::pair<int64_t, int64_t> Store::StoriesVersion() {
  auto st = Prepare("SELECT (SELECT COALESCE(MAX(seq), 0) FROM story_docs), (SELECT count(*) FROM story_merges)");
  if (!st) return {-1, -1};
  Statement s(*st);
  if (sqlite3_step(s.get()) != SQLITE_ROW) return {-1, -1};
  return {s.ColInt(0), s.ColInt(1)};
}

SearchTerms SearchTermsOf(const std::vector<Token>& tokens) {
  SearchTerms t;
  for (const Token& tok : tokens) {
    if (tok.is_word || tok.norm.empty()) continue;
    if (!t.norms.empty()) {
      t.norms += ' ';
      t.stems += ' ';
    }
    t.norms += tok.norm;
    t.stems += tok.stem.empty() ? tok.norm : tok.stem;
  }
  return t;
}

Status Store::IndexTerms(int64_t doc, const SearchTerms& terms) {
  // A contentless table cannot check for a row already there (a second
  // insert would add its terms to the first): each document is indexed
  // once, when it is added or, for older stores, by UnindexedDocuments.
  auto st = Prepare("INSERT INTO doc_fts (rowid, norms, stems) VALUES (?, ?, ?)");
  if (!st) return st.error();
  Statement s(*st);
  s.Int(1, doc);
  s.Text(2, terms.norms);
  s.Text(3, terms.stems);
  if (sqlite3_step(s.get()) != SQLITE_DONE) return SqliteError(db_, "indexing: ");
  return Status::Ok();
}

Result<std::vector<int64_t>> Store::UnindexedDocuments() {
  std::unordered_set<int64_t> indexed;
  {
    auto st = Prepare("SELECT rowid FROM doc_fts");
    if (!st) return Unexpected(st.error());
    Statement s(*st);
    while (sqlite3_step(s.get()) == SQLITE_ROW) indexed.insert(s.ColInt(0));
  }
  auto st = Prepare("SELECT id FROM documents ORDER BY id");
  if (!st) return Unexpected(st.error());
  Statement s(*st);
  std::vector<int64_t> out;
  while (sqlite3_step(s.get()) == SQLITE_ROW) {
    if (!indexed.contains(s.ColInt(0))) out.push_back(s.ColInt(0));
  }
  return out;
}

Result<SearchPage> Store::Search(const SearchQuery& q) {
  auto st = Prepare(
      // bm25() only runs in a plain query over the index: rank first, join after.
      "WITH m AS MATERIALIZED (SELECT rowid AS doc, bm25(doc_fts) AS rank FROM doc_fts WHERE doc_fts MATCH ?1) "
      "SELECT d.id, m.rank, d.lang, d.title, d.source, d.url, d.published, p.story, p.duplicate_of, "
      "count(*) OVER () FROM m JOIN documents d ON d.id = m.doc "
      "LEFT JOIN story_docs p ON p.doc = d.id "
      "WHERE (?2 = '' OR d.lang = ?2) AND (?3 IS NULL OR d.published >= ?3) "
      "AND (?4 IS NULL OR d.published <= ?4) AND (?5 = 0 OR p.story = ?5) "
      "ORDER BY m.rank, d.id LIMIT ?6 OFFSET ?7");
  if (!st) return Unexpected(st.error());
  SearchPage page;
  {
    Statement s(*st);
    s.Text(1, q.match);
    s.Text(2, q.lang);
    if (q.from) s.Text(3, *q.from);
    if (q.to) s.Text(4, *q.to);
    s.Int(5, q.story);
    s.Int(6, static_cast<int64_t>(q.limit));
    s.Int(7, static_cast<int64_t>(q.offset));
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
      SearchHit h;
      h.doc = s.ColInt(0);
      h.rank = sqlite3_column_double(s.get(), 1);
      h.lang = s.ColText(2);
      h.title = s.ColText(3);
      h.source = s.ColText(4);
      h.url = s.ColText(5);
      if (!s.ColNull(6)) h.published = s.ColText(6);
      h.story = s.ColInt(7);
      h.duplicate_of = s.ColInt(8);
      page.total = static_cast<size_t>(s.ColInt(9));
      page.hits.push_back(std::move(h));
    }
    if (rc != SQLITE_DONE) return Fail(SqliteError(db_, "search: "));
  }
  if (page.hits.empty() && q.offset > 0) {
    // Past the last page: the total still tells how many there are.
    SearchQuery first = q;
    first.offset = 0;
    first.limit = 1;
    auto again = Search(first);
    if (again) page.total = again->total;
  }
  return page;
}

Result<std::vector<int64_t>> Store::MatchingStories(const std::string& match) {
  auto st = Prepare(
      "SELECT DISTINCT p.story FROM doc_fts JOIN story_docs p ON p.doc = doc_fts.rowid WHERE doc_fts MATCH ?");
  if (!st) return Unexpected(st.error());
  Statement s(*st);
  s.Text(1, match);
  std::vector<int64_t> out;
  int rc;
  while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) out.push_back(s.ColInt(0));
  if (rc != SQLITE_DONE) return Fail(SqliteError(db_, "search: "));
  return out;
}

int64_t Store::CountDocuments() {
  auto st = Prepare("SELECT count(*) FROM documents");
  if (!st) return 0;
  Statement s(*st);
  return sqlite3_step(s.get()) == SQLITE_ROW ? s.ColInt(0) : 0;
}

}  // namespace storyloom
