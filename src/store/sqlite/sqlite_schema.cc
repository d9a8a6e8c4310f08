// The SQLite backend's schema: versioned (PRAGMA user_version) and
// migrated forward on open, under the write lock.
#include "store/sqlite/sqlite_internal.h"
#include "store/sqlite/sqlite_store.h"

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
    // 6: the annotate stage's results, stored once with each document
    // (encoded by the annotate stage), so that timelines and snippets never
    // annotate again. Documents stored before have none: readers annotate
    // those themselves.
    R"sql(
    CREATE TABLE doc_annotations (
      doc INTEGER PRIMARY KEY REFERENCES documents(id),
      annotations BLOB NOT NULL
    );
    )sql",
    // 7: the placement queue: documents stored with their features and not
    // yet placed, in the order they will be (day, undated last; content
    // hash; id), so that documents stored by several processes are placed
    // as one process would place them. `pending` is what placing needs once.
    R"sql(
    CREATE TABLE placement_queue (
      doc INTEGER PRIMARY KEY REFERENCES documents(id),
      day INTEGER,
      content_hash TEXT NOT NULL,
      pending BLOB NOT NULL
    );
    CREATE INDEX placement_queue_order ON placement_queue((day IS NULL), day, content_hash, doc);
    )sql",
    // 8: raw inputs kept compressed: `raw_codec` says how `raw` holds the
    // input's `bytes` ('': as given, as every input stored before; 'zstd':
    // one zstd frame). A store made from here on also gives freed pages
    // back (auto_vacuum, set before its first table).
    R"sql(
    ALTER TABLE inputs ADD COLUMN raw_codec TEXT NOT NULL DEFAULT '';
    )sql",
    // 9: documents' texts kept compressed: `body_zstd` holds the text (its
    // size, then one zstd frame) and `body` is empty; NULL: the text is in
    // `body`, as for every document stored before.
    R"sql(
    ALTER TABLE documents ADD COLUMN body_zstd BLOB;
    )sql",
};

}  // namespace

int SqliteStore::SchemaVersion() {
  sqlite3_stmt* st = nullptr;
  int v = 0;
  if (sqlite3_prepare_v2(db_, "PRAGMA user_version", -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
    v = sqlite3_column_int(st, 0);
  }
  sqlite3_finalize(st);
  return v;
}

Status SqliteStore::Migrate() {
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

}  // namespace storyloom
