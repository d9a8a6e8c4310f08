// The SQLite backend's story tables: features, placements in decision
// order, merges, and the rows a story summary is built from.
#include <algorithm>
#include <cstdint>
#include <limits>

#include "store/sqlite/sqlite_internal.h"
#include "store/sqlite/sqlite_store.h"

namespace storyloom {

using namespace sqlite_store;

Status SqliteStore::SaveFeatures(int64_t doc, std::string_view features, std::string_view shingles) {
  auto st = Prepare("INSERT OR REPLACE INTO doc_features (doc, features, shingles) VALUES (?, ?, ?)");
  if (!st) return st.error();
  Statement s(*st);
  s.Int(1, doc);
  s.Blob(2, features);
  s.Blob(3, shingles);
  if (sqlite3_step(s.get()) != SQLITE_DONE) return SqliteError(db_, "saving features: ");
  return Status::Ok();
}
Status SqliteStore::SavePlacement(const StoredPlacement& p) {
  auto st = Prepare(
      "INSERT OR REPLACE INTO story_docs (doc, story, placed_story, seq, score, why, duplicate_of, duplicate_kind, "
      "duplicate_score, told_first, told_last) VALUES (?1, ?2, COALESCE(NULLIF(?8, 0), ?2), "
      "(SELECT COALESCE(MAX(seq), 0) + 1 FROM story_docs), ?3, ?4, ?5, ?6, ?7, NULLIF(?9, ''), NULLIF(?10, ''))");
  if (!st) return st.error();
  Statement s(*st);
  s.Int(1, p.doc);
  s.Int(2, p.story);
  s.Real(3, p.score);
  s.Text(4, JoinWhy(p.why));
  if (p.duplicate_of) {
    s.Int(5, p.duplicate_of);
    s.Text(6, p.duplicate_kind);
    s.Real(7, p.duplicate_score);
  }
  s.Int(8, p.placed);
  s.Text(9, p.told_first);
  s.Text(10, p.told_last);
  if (sqlite3_step(s.get()) != SQLITE_DONE) return SqliteError(db_, "saving placement: ");
  auto dq = Prepare("DELETE FROM placement_queue WHERE doc = ?");
  if (!dq) return dq.error();
  Statement d(*dq);
  d.Int(1, p.doc);
  if (sqlite3_step(d.get()) != SQLITE_DONE) return SqliteError(db_, "saving placement: ");
  return Status::Ok();
}

Status SqliteStore::QueueForPlacement(int64_t doc, std::optional<int32_t> day, std::string_view content_hash,
                                      std::string_view pending) {
  auto st = Prepare("INSERT OR REPLACE INTO placement_queue (doc, day, content_hash, pending) VALUES (?, ?, ?, ?)");
  if (!st) return st.error();
  Statement s(*st);
  s.Int(1, doc);
  if (day) s.Int(2, *day);
  s.Text(3, std::string(content_hash));
  s.Blob(4, pending);
  if (sqlite3_step(s.get()) != SQLITE_DONE) return SqliteError(db_, "queueing for placement: ");
  return Status::Ok();
}

Result<std::vector<QueuedDocument>> SqliteStore::Queued(size_t limit) {
  // Text compares bytewise (SQLite's BINARY collation), as every backend's.
  auto st = Prepare(
      "SELECT q.doc, f.features, f.shingles, q.pending FROM placement_queue q JOIN doc_features f ON f.doc = q.doc "
      "ORDER BY (q.day IS NULL), q.day, q.content_hash, q.doc LIMIT ?");
  if (!st) return Unexpected(st.error());
  Statement s(*st);
  s.Int(1, static_cast<int64_t>(std::min<size_t>(limit, INT64_MAX)));
  std::vector<QueuedDocument> out;
  int rc;
  while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
    out.push_back({s.ColInt(0), s.ColBlob(1), s.ColBlob(2), s.ColBlob(3)});
  }
  if (rc != SQLITE_DONE) return Fail(SqliteError(db_, "reading the placement queue: "));
  return out;
}

Result<int64_t> SqliteStore::CountQueued() {
  auto st = Prepare("SELECT count(*) FROM placement_queue");
  if (!st) return Unexpected(st.error());
  Statement s(*st);
  if (sqlite3_step(s.get()) != SQLITE_ROW) return Fail(SqliteError(db_, "counting the placement queue: "));
  return s.ColInt(0);
}

Status SqliteStore::MergeStories(int64_t story, int64_t into, int64_t doc, int64_t first_into) {
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
  s.Text(4, NowUtc());
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
Result<std::vector<StoredFeatures>> SqliteStore::LoadPlacedFeatures(int64_t after_seq, int64_t up_to_seq,
                                                                     size_t limit) {
  auto st = Prepare((std::string("SELECT f.features, p.seq, ") + kPlacementColumns +
                     " FROM story_docs p JOIN doc_features f ON f.doc = p.doc WHERE p.seq > ? AND p.seq <= ? "
                     "ORDER BY p.seq LIMIT ?")
                        .c_str());
  if (!st) return Unexpected(st.error());
  Statement s(*st);
  s.Int(1, after_seq);
  s.Int(2, up_to_seq > 0 ? up_to_seq : std::numeric_limits<int64_t>::max());
  s.Int(3, limit > 0 ? static_cast<int64_t>(limit) : -1);
  std::vector<StoredFeatures> out;
  int rc;
  while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) out.push_back(ReadFeaturesRow(s));
  if (rc != SQLITE_DONE) return Fail(SqliteError(db_, "reading story features: "));
  return out;
}

Result<int64_t> SqliteStore::CountPlacedOriginals(int64_t after_seq, int64_t up_to_seq) {
  auto st = Prepare(
      "SELECT count(*) FROM story_docs p JOIN doc_features f ON f.doc = p.doc WHERE p.seq > ? AND p.seq <= ? "
      "AND NOT (coalesce(p.duplicate_of, 0) != 0 AND p.duplicate_kind IN ('exact', 'near'))");
  if (!st) return Unexpected(st.error());
  Statement s(*st);
  s.Int(1, after_seq);
  s.Int(2, up_to_seq > 0 ? up_to_seq : std::numeric_limits<int64_t>::max());
  if (sqlite3_step(s.get()) != SQLITE_ROW) return Fail(SqliteError(db_, "counting story features: "));
  return s.ColInt(0);
}

Result<std::vector<StoredFeatures>> SqliteStore::StoryFeatures(int64_t story) {
  auto st = Prepare((std::string("SELECT f.features, p.seq, ") + kPlacementColumns +
                     " FROM story_docs p JOIN doc_features f ON f.doc = p.doc WHERE p.story = ? ORDER BY p.seq")
                        .c_str());
  if (!st) return Unexpected(st.error());
  Statement s(*st);
  s.Int(1, story);
  std::vector<StoredFeatures> out;
  int rc;
  while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) out.push_back(ReadFeaturesRow(s));
  if (rc != SQLITE_DONE) return Fail(SqliteError(db_, "reading story features: "));
  return out;
}

Result<std::vector<StoredMerge>> SqliteStore::LoadMerges(int64_t after_seq, bool* legacy) {
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

Result<std::string> SqliteStore::LoadShingles(int64_t doc) {
  auto st = Prepare("SELECT shingles FROM doc_features WHERE doc = ?");
  if (!st) return Unexpected(st.error());
  Statement s(*st);
  s.Int(1, doc);
  const int rc = sqlite3_step(s.get());
  if (rc == SQLITE_DONE) return Fail("no features for document " + std::to_string(doc), ErrorKind::kNotFound);
  if (rc != SQLITE_ROW) return Unexpected(SqliteError(db_, "reading shingles: "));
  return s.ColBlob(0);
}

Result<std::vector<StoredPlacement>> SqliteStore::StoryPlacements(int64_t story) {
  auto st = Prepare((std::string("SELECT ") + kPlacementColumns + " FROM story_docs p WHERE p.story = ? ORDER BY p.seq").c_str());
  if (!st) return Unexpected(st.error());
  Statement s(*st);
  s.Int(1, story);
  std::vector<StoredPlacement> out;
  while (sqlite3_step(s.get()) == SQLITE_ROW) out.push_back(ReadPlacement(s, 0));
  return out;
}

Result<std::vector<std::pair<int64_t, int64_t>>> SqliteStore::StoryMerges(int64_t into) {
  auto st = Prepare("SELECT story, doc FROM story_merges WHERE into_story = ? ORDER BY doc");
  if (!st) return Unexpected(st.error());
  Statement s(*st);
  s.Int(1, into);
  std::vector<std::pair<int64_t, int64_t>> out;
  while (sqlite3_step(s.get()) == SQLITE_ROW) out.push_back({s.ColInt(0), s.ColInt(1)});
  return out;
}
Result<std::vector<StoryRow>> SqliteStore::StoryRows() {
  auto st = Prepare(
      "SELECT p.story, p.doc, p.score, p.duplicate_of, d.lang, d.source, d.published, d.title, p.told_first, "
      "p.told_last, CASE WHEN d.title IS NULL OR d.title = '' THEN substr(d.body, 1, 60) END FROM story_docs p "
      "JOIN documents d ON d.id = p.doc ORDER BY p.seq");
  if (!st) return Unexpected(st.error());
  Statement s(*st);
  std::vector<StoryRow> out;
  int rc;
  while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
    StoryRow r;
    r.story = s.ColInt(0);
    r.doc = s.ColInt(1);
    r.score = sqlite3_column_double(s.get(), 2);
    r.duplicate = !s.ColNull(3);
    r.lang = s.ColText(4);
    r.source = s.ColText(5);
    if (!s.ColNull(6)) r.published = s.ColText(6);
    r.title = s.ColText(7);
    if (!s.ColNull(8)) r.told_first = s.ColText(8);
    if (!s.ColNull(9)) r.told_last = s.ColText(9);
    r.opening = s.ColText(10);  // a compressed text keeps its opening plain
    out.push_back(std::move(r));
  }
  if (rc != SQLITE_DONE) return Fail(SqliteError(db_, "reading stories: "));
  return out;
}

Result<std::string> SqliteStore::DocumentOpening(int64_t doc, size_t chars) {
  // The plain opening of a compressed text answers up to its length.
  auto st = Prepare(
      "SELECT substr(body, 1, ?1), CASE WHEN ?1 > ?3 THEN body_zstd END FROM documents WHERE id = ?2");
  if (!st) return Unexpected(st.error());
  Statement s(*st);
  s.Int(1, static_cast<int64_t>(chars));
  s.Int(2, doc);
  s.Int(3, static_cast<int64_t>(kPlainOpening));
  if (sqlite3_step(s.get()) != SQLITE_ROW) return Fail("no document with id " + std::to_string(doc), ErrorKind::kNotFound);
  if (s.ColNull(1)) return s.ColText(0);
  auto text = DecodeBody(s.ColBlob(1), doc);
  if (!text) return Unexpected(text.error());
  return FirstChars(*text, chars);
}

std::optional<StoredPlacement> SqliteStore::Placement(int64_t doc) {
  auto st = Prepare((std::string("SELECT ") + kPlacementColumns + " FROM story_docs p WHERE p.doc = ?").c_str());
  if (!st) return std::nullopt;
  Statement s(*st);
  s.Int(1, doc);
  if (sqlite3_step(s.get()) != SQLITE_ROW) return std::nullopt;
  return ReadPlacement(s, 0);
}

std::pair<int64_t, int64_t> SqliteStore::StoriesVersion() {
  auto st = Prepare("SELECT (SELECT COALESCE(MAX(seq), 0) FROM story_docs), (SELECT count(*) FROM story_merges)");
  if (!st) return {-1, -1};
  Statement s(*st);
  if (sqlite3_step(s.get()) != SQLITE_ROW) return {-1, -1};
  return {s.ColInt(0), s.ColInt(1)};
}

}  // namespace storyloom
