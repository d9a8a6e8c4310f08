// The PostgreSQL backend's story tables: features, placements in decision
// order, merges, and the rows a story summary is built from.
#include <algorithm>
#include <cstdint>
#include <limits>

#include "store/postgresql/pg_connection.h"
#include "store/postgresql/pg_store.h"
#include "store/row_codec.h"

namespace storyloom {

Status PgStoreImpl::SaveFeatures(int64_t doc, std::string_view features, std::string_view shingles) {
  WriteScope w(*this);
  STORYLOOM_RETURN_IF_ERROR(w.status());
  auto r = conn_->Exec(
      "INSERT INTO doc_features (doc, features, shingles) VALUES ($1::bigint, $2::bytea, $3::bytea) "
      "ON CONFLICT (doc) DO UPDATE SET features = EXCLUDED.features, shingles = EXCLUDED.shingles",
      pg::Params().Int(doc).Blob(features).Blob(shingles));
  return w.Done(r ? Status::Ok() : r.error().Prefixed("saving features: "));
}

Status PgStoreImpl::SavePlacement(const StoredPlacement& p) {
  WriteScope w(*this);
  STORYLOOM_RETURN_IF_ERROR(w.status());
  // A placement saved again takes the next place in the order, as a new one.
  pg::Params params;
  params.Int(p.doc).Int(p.story).Real(p.score).Text(JoinWhy(p.why));
  if (p.duplicate_of) params.Int(p.duplicate_of).Text(p.duplicate_kind).Real(p.duplicate_score);
  else params.Null().Null().Null();
  params.Int(p.placed).Text(p.told_first).Text(p.told_last);
  auto r = conn_->Exec(
      "INSERT INTO story_docs (doc, story, placed_story, seq, score, why, duplicate_of, duplicate_kind, "
      "duplicate_score, told_first, told_last) VALUES ($1::bigint, $2::bigint, COALESCE(NULLIF($8::bigint, 0), "
      "$2::bigint), (SELECT COALESCE(MAX(seq), 0) + 1 FROM story_docs), $3::float8, $4::text, $5::bigint, $6::text, "
      "$7::float8, NULLIF($9::text, ''), NULLIF($10::text, '')) "
      "ON CONFLICT (doc) DO UPDATE SET story = EXCLUDED.story, placed_story = EXCLUDED.placed_story, "
      "seq = EXCLUDED.seq, score = EXCLUDED.score, why = EXCLUDED.why, duplicate_of = EXCLUDED.duplicate_of, "
      "duplicate_kind = EXCLUDED.duplicate_kind, duplicate_score = EXCLUDED.duplicate_score, "
      "told_first = EXCLUDED.told_first, told_last = EXCLUDED.told_last",
      params);
  if (!r) return w.Done(r.error().Prefixed("saving placement: "));
  auto dq = conn_->Exec("DELETE FROM placement_queue WHERE doc = $1::bigint", pg::Params().Int(p.doc));
  return w.Done(dq ? Status::Ok() : dq.error().Prefixed("saving placement: "));
}

Status PgStoreImpl::QueueForPlacement(int64_t doc, std::optional<int32_t> day, std::string_view content_hash,
                                      std::string_view pending) {
  WriteScope w(*this);
  STORYLOOM_RETURN_IF_ERROR(w.status());
  pg::Params params;
  params.Int(doc);
  if (day) params.Int(*day);
  else params.Null();
  params.Text(content_hash).Blob(pending);
  auto r = conn_->Exec(
      "INSERT INTO placement_queue (doc, day, content_hash, pending) VALUES ($1::bigint, $2::integer, $3::text, "
      "$4::bytea) ON CONFLICT (doc) DO UPDATE SET day = EXCLUDED.day, content_hash = EXCLUDED.content_hash, "
      "pending = EXCLUDED.pending",
      params);
  return w.Done(r ? Status::Ok() : r.error().Prefixed("queueing for placement: "));
}

Result<std::vector<QueuedDocument>> PgStoreImpl::Queued(size_t limit) {
  auto r = conn_->Exec(
      "SELECT q.doc, f.features, f.shingles, q.pending FROM placement_queue q JOIN doc_features f ON f.doc = q.doc "
      "ORDER BY q.day NULLS LAST, q.content_hash, q.doc LIMIT $1::bigint",
      pg::Params().Int(static_cast<int64_t>(std::min<size_t>(limit, INT64_MAX))), /*binary=*/true);
  if (!r) return Unexpected(r.error().Prefixed("reading the placement queue: "));
  std::vector<QueuedDocument> out;
  out.reserve(r->rows());
  for (int i = 0; i < r->rows(); ++i) out.push_back({r->Int(i, 0), r->Blob(i, 1), r->Blob(i, 2), r->Blob(i, 3)});
  return out;
}

Result<int64_t> PgStoreImpl::CountQueued() {
  auto r = conn_->Exec("SELECT count(*) FROM placement_queue");
  if (!r) return Unexpected(r.error().Prefixed("counting the placement queue: "));
  return r->Int(0, 0);
}

Status PgStoreImpl::MergeStories(int64_t story, int64_t into, int64_t doc, int64_t first_into) {
  WriteScope w(*this);
  STORYLOOM_RETURN_IF_ERROR(w.status());
  auto moved = conn_->Exec("UPDATE story_docs SET story = $1::bigint WHERE story = $2::bigint",
                           pg::Params().Int(into).Int(story));
  if (!moved) return w.Done(moved.error().Prefixed("merging: "));
  auto merged = conn_->Exec(
      "INSERT INTO story_merges (story, into_story, doc, merged_at, first_into, merge_seq) "
      "VALUES ($1::bigint, $2::bigint, $3::bigint, $4::text, COALESCE(NULLIF($5::bigint, 0), $2::bigint), "
      "(SELECT COALESCE(MAX(merge_seq), 0) + 1 FROM story_merges)) "
      "ON CONFLICT (story) DO UPDATE SET into_story = EXCLUDED.into_story, doc = EXCLUDED.doc, "
      "merged_at = EXCLUDED.merged_at, first_into = EXCLUDED.first_into, merge_seq = EXCLUDED.merge_seq",
      pg::Params().Int(story).Int(into).Int(doc).Text(NowUtc()).Int(first_into));
  if (!merged) return w.Done(merged.error().Prefixed("merging: "));
  // Earlier merges into the story merged away now point at the survivor.
  auto earlier = conn_->Exec("UPDATE story_merges SET into_story = $1::bigint WHERE into_story = $2::bigint",
                             pg::Params().Int(into).Int(story));
  return w.Done(earlier ? Status::Ok() : earlier.error().Prefixed("merging: "));
}

Result<std::vector<StoredFeatures>> PgStoreImpl::LoadPlacedFeatures(int64_t after_seq, int64_t up_to_seq,
                                                                     size_t limit) {
  auto r = conn_->Exec(std::string("SELECT f.features, p.seq, ") + kPlacementColumns +
                           " FROM story_docs p JOIN doc_features f ON f.doc = p.doc WHERE p.seq > $1::bigint "
                           "AND p.seq <= $2::bigint ORDER BY p.seq LIMIT $3::bigint",
                       pg::Params()
                           .Int(after_seq)
                           .Int(up_to_seq > 0 ? up_to_seq : std::numeric_limits<int64_t>::max())
                           .Int(limit > 0 ? static_cast<int64_t>(limit) : std::numeric_limits<int64_t>::max()));
  if (!r) return Unexpected(r.error().Prefixed("reading story features: "));
  std::vector<StoredFeatures> out;
  out.reserve(static_cast<size_t>(r->rows()));
  for (int i = 0; i < r->rows(); ++i) out.push_back(ReadFeaturesRow(pg::Row(*r, i)));
  return out;
}

Result<int64_t> PgStoreImpl::CountPlacedOriginals(int64_t after_seq, int64_t up_to_seq) {
  auto r = conn_->Exec(
      "SELECT count(*) FROM story_docs p JOIN doc_features f ON f.doc = p.doc WHERE p.seq > $1::bigint "
      "AND p.seq <= $2::bigint "
      "AND NOT (coalesce(p.duplicate_of, 0) != 0 AND coalesce(p.duplicate_kind, '') IN ('exact', 'near'))",
      pg::Params().Int(after_seq).Int(up_to_seq > 0 ? up_to_seq : std::numeric_limits<int64_t>::max()));
  if (!r) return Unexpected(r.error().Prefixed("counting story features: "));
  return pg::Row(*r, 0).Int(0);
}

Result<std::vector<StoredFeatures>> PgStoreImpl::StoryFeatures(int64_t story) {
  auto r = conn_->Exec(std::string("SELECT f.features, p.seq, ") + kPlacementColumns +
                           " FROM story_docs p JOIN doc_features f ON f.doc = p.doc WHERE p.story = $1::bigint "
                           "ORDER BY p.seq",
                       pg::Params().Int(story));
  if (!r) return Unexpected(r.error().Prefixed("reading story features: "));
  std::vector<StoredFeatures> out;
  for (int i = 0; i < r->rows(); ++i) out.push_back(ReadFeaturesRow(pg::Row(*r, i)));
  return out;
}

Result<std::vector<StoredMerge>> PgStoreImpl::LoadMerges(int64_t after_seq, bool* legacy) {
  // Every PostgreSQL store has its merges' order; the unordered ones are
  // looked for all the same, as on every backend.
  auto r = conn_->Exec(
      "SELECT doc, story, first_into, merge_seq FROM story_merges WHERE merge_seq IS NULL OR merge_seq > $1::bigint "
      "ORDER BY merge_seq NULLS FIRST",
      pg::Params().Int(after_seq));
  if (!r) return Unexpected(r.error().Prefixed("reading story merges: "));
  std::vector<StoredMerge> out;
  *legacy = false;
  for (int i = 0; i < r->rows(); ++i) {
    if (r->Null(i, 3)) {
      *legacy = true;
      continue;
    }
    out.push_back({r->Int(i, 0), r->Int(i, 1), r->Int(i, 2), r->Int(i, 3)});
  }
  return out;
}

Result<std::string> PgStoreImpl::LoadShingles(int64_t doc) {
  auto r = conn_->Exec("SELECT shingles FROM doc_features WHERE doc = $1::bigint", pg::Params().Int(doc));
  if (!r) return Unexpected(r.error());
  if (r->rows() == 0) return Fail("no features for document " + std::to_string(doc), ErrorKind::kNotFound);
  return r->Blob(0, 0);
}

Result<std::vector<StoredPlacement>> PgStoreImpl::StoryPlacements(int64_t story) {
  auto r = conn_->Exec(std::string("SELECT ") + kPlacementColumns +
                           " FROM story_docs p WHERE p.story = $1::bigint ORDER BY p.seq",
                       pg::Params().Int(story));
  if (!r) return Unexpected(r.error());
  std::vector<StoredPlacement> out;
  for (int i = 0; i < r->rows(); ++i) out.push_back(ReadPlacement(pg::Row(*r, i), 0));
  return out;
}

Result<std::vector<std::pair<int64_t, int64_t>>> PgStoreImpl::StoryMerges(int64_t into) {
  auto r = conn_->Exec("SELECT story, doc FROM story_merges WHERE into_story = $1::bigint ORDER BY doc, story",
                       pg::Params().Int(into));
  if (!r) return Unexpected(r.error());
  std::vector<std::pair<int64_t, int64_t>> out;
  for (int i = 0; i < r->rows(); ++i) out.push_back({r->Int(i, 0), r->Int(i, 1)});
  return out;
}

Result<std::vector<StoryRow>> PgStoreImpl::StoryRows() {
  auto r = conn_->Exec(
      "SELECT p.story, p.doc, p.score, p.duplicate_of, d.lang, d.source, d.published, d.title, p.told_first, "
      "p.told_last, CASE WHEN d.title IS NULL OR d.title = '' THEN left(d.body, 60) END FROM story_docs p "
      "JOIN documents d ON d.id = p.doc ORDER BY p.seq");
  if (!r) return Unexpected(r.error().Prefixed("reading stories: "));
  std::vector<StoryRow> out;
  out.reserve(static_cast<size_t>(r->rows()));
  for (int i = 0; i < r->rows(); ++i) {
    StoryRow s;
    s.story = r->Int(i, 0);
    s.doc = r->Int(i, 1);
    s.score = r->Real(i, 2);
    s.duplicate = !r->Null(i, 3);
    s.lang = r->Text(i, 4);
    s.source = r->Text(i, 5);
    if (!r->Null(i, 6)) s.published = r->Text(i, 6);
    s.title = r->Text(i, 7);
    if (!r->Null(i, 8)) s.told_first = r->Text(i, 8);
    if (!r->Null(i, 9)) s.told_last = r->Text(i, 9);
    s.opening = r->Text(i, 10);  // a compressed text keeps its opening plain
    out.push_back(std::move(s));
  }
  return out;
}

std::optional<StoredPlacement> PgStoreImpl::Placement(int64_t doc) {
  auto r = conn_->Exec(std::string("SELECT ") + kPlacementColumns + " FROM story_docs p WHERE p.doc = $1::bigint",
                       pg::Params().Int(doc));
  if (!r || r->rows() == 0) return std::nullopt;
  return ReadPlacement(pg::Row(*r, 0), 0);
}

}  // namespace storyloom
