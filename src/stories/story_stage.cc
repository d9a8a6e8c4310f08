#include "stories/story_stage.h"

#include <algorithm>
#include <tuple>

#include "stories/features_codec.h"

namespace storyloom {

Result<std::unique_ptr<StoryStage>> StoryStage::Open(Store& store, const StoryResources& resources,
                                                     const StoryOptions& options) {
  std::unique_ptr<StoryStage> stage(new StoryStage(store, resources, options));
  STORYLOOM_RETURN_IF_ERROR(stage->Restore());
  return stage;
}

std::unique_ptr<StoryStage> StoryStage::OpenForQueueing(Store& store, const StoryResources& resources,
                                                         const StoryOptions& options) {
  std::unique_ptr<StoryStage> stage(new StoryStage(store, resources, options));
  stage->stale_ = true;
  return stage;
}

Status StoryStage::Restore() {
  index_ = StoryIndex(options_);
  restored_ = 0;
  last_seq_ = last_merge_seq_ = 0;
  // Near-duplicate candidates are verified against their shingles: stored
  // with documents placed before schema 8, else made again from the text
  // (the shingles are the store's largest feature, and a candidate to
  // verify is rare).
  index_.SetShingleSource([this](int64_t doc) {
    // A candidate that is gone (removed since) is no copy to fold under;
    // one that cannot be read is an error: the chunk is rolled back, the
    // index rebuilt, and the next run places it again (see PlaceQueued).
    std::vector<uint64_t> out;
    auto fail = [&](const Status& st) {
      if (shingle_error_.ok() && st.kind() != ErrorKind::kNotFound) {
        shingle_error_ = st.Prefixed("near-duplicate candidate " + std::to_string(doc) + ": ");
      }
      return out;
    };
    auto bytes = store_.LoadShingles(doc);
    if (!bytes) return fail(bytes.error());
    if (!bytes->empty()) {
      auto decoded = DecodeShingles(*bytes);
      if (!decoded) return fail(Status::Error(decoded.error().message(), ErrorKind::kCorruption));
      return std::move(*decoded);
    }
    auto text = store_.GetDocument(doc);
    if (!text) return fail(text.error());
    if (!segmenter_) segmenter_ = std::make_unique<Segmenter>();
    segmenter_->Segment(&*text, {}, true);
    return DocumentShingles(*text);
  });
  return CatchUp();
}

Status StoryStage::CatchUp() {
  // The version is read first: a commit by another writer while the rows
  // are read (outside a write transaction) leaves it behind, and the next
  // Sync reads again.
  version_ = store_.DataVersion();
  stale_ = false;
  // The placements up to the last one now, a chunk at a time (a large
  // store's features do not fit in memory at once), and the merges read
  // after that bound: every merge of a placement within it is among them.
  auto seqs = store_.StorySeqs();
  if (!seqs) return seqs.error();
  const int64_t up_to = seqs->first;
  bool legacy = false;
  auto merges = store_.LoadMerges(last_merge_seq_, &legacy);
  if (!merges) return merges.error();
  // Merges are saved with the placement that made them: those up to the
  // bound read with it are exactly the merges of the placements up to it.
  while (!legacy && !merges->empty() && merges->back().seq > seqs->second) merges->pop_back();
  // Each document goes to the story it joined and the merges are made
  // again where they were: the index is the one that placed them, bit for
  // bit, and so it can be caught up with what other writers appended. A
  // store with merges from before schema 4 has no order for them: its
  // documents go where they are now, and every catch-up is a rebuild.
  legacy_ = legacy;
  size_t next_merge = 0;
  if (up_to > last_seq_) {
    auto count = store_.CountPlacedOriginals(last_seq_, up_to);
    if (!count) return count.error();
    // Norms are computed from the last refresh point the replay passes on
    // (before it, a rebuild computes each of them once, there).
    index_.BeginBulkRestore(index_.documents() + static_cast<size_t>(*count));
    constexpr size_t kChunk = 10000;
    for (;;) {
      auto saved = store_.LoadPlacedFeatures(last_seq_, up_to, kChunk);
      if (!saved) return saved.error();
      for (const StoredFeatures& s : *saved) {
        auto f = DecodeFeatures(s.features);
        if (!f) return Status::Error("document " + std::to_string(s.doc) + ": " + f.error().message());
        // Features saved before bands were stored: their bands come from the
        // shingles, read this once.
        if (f->bands.empty()) {
          auto shingles = store_.LoadShingles(s.doc);
          if (shingles) {
            auto decoded = DecodeShingles(*shingles);
            if (decoded) f->shingles = std::move(*decoded);
          }
        }
        std::optional<DuplicateLink> duplicate;
        if (s.placement.duplicate_of) {
          duplicate = DuplicateLink{s.doc, s.placement.duplicate_of, s.placement.duplicate_kind,
                                    s.placement.duplicate_score};
        }
        index_.Restore(*f, legacy ? s.placement.story : s.placement.placed, duplicate);
        for (; !legacy && next_merge < merges->size() && (*merges)[next_merge].doc == s.doc; ++next_merge) {
          index_.ReplayMerge((*merges)[next_merge].merged, (*merges)[next_merge].into);
        }
        last_seq_ = s.seq;
        ++restored_;
      }
      if (saved->size() < kChunk) break;
    }
    index_.EndBulkRestore();
  }
  if (!merges->empty()) last_merge_seq_ = merges->back().seq;
  // A story merged away keeps its id: new stories are numbered after it.
  auto max_id = store_.MaxStoryId();
  if (!max_id) return max_id.error();
  index_.ReserveStoryIds(*max_id);
  return Status::Ok();
}

Status StoryStage::Sync() {
  if (!stale_ && store_.DataVersion() == version_) return Status::Ok();
  if (!stale_ && !legacy_) {
    Status st = CatchUp();
    if (st.ok()) return st;
  }
  return Restore();
}

Status StoryStage::Queue(std::vector<DocFeatures> batch) {
  for (const DocFeatures& f : batch) {
    // The shingles wait on the queue (EncodePending) and are not kept after.
    STORYLOOM_RETURN_IF_ERROR(store_.SaveFeatures(f.doc, EncodeFeatures(f), ""));
    if (!f.annotations.empty()) STORYLOOM_RETURN_IF_ERROR(store_.SaveAnnotations(f.doc, f.annotations));
    STORYLOOM_RETURN_IF_ERROR(store_.QueueForPlacement(f.doc, f.day, f.content_hash, EncodePending(f)));
  }
  return Status::Ok();
}

Status StoryStage::Place(std::vector<DocFeatures> batch, PlaceReport* report) {
  // An index left stale by a failed placing (a candidate that could not be
  // read) is rebuilt first; when it is current this costs nothing.
  STORYLOOM_RETURN_IF_ERROR(Sync());
  STORYLOOM_RETURN_IF_ERROR(Queue(std::move(batch)));
  for (size_t placed = 1; placed > 0;) {
    STORYLOOM_RETURN_IF_ERROR(PlaceQueued(4096, report, &placed));
  }
  return Status::Ok();
}

Status StoryStage::PlaceQueued(size_t limit, PlaceReport* report, size_t* placed) {
  *placed = 0;
  auto queued = store_.Queued(limit);
  if (!queued) return queued.error();
  if (queued->empty()) return Status::Ok();
  std::vector<DocFeatures> batch;
  batch.reserve(queued->size());
  for (const QueuedDocument& q : *queued) {
    auto f = DecodeFeatures(q.features);
    if (!f) return f.error().Prefixed("document " + std::to_string(q.doc) + ": ");
    auto shingles = DecodeShingles(q.shingles);
    if (!shingles) return shingles.error().Prefixed("document " + std::to_string(q.doc) + ": ");
    f->doc = q.doc;
    f->shingles = std::move(*shingles);
    STORYLOOM_RETURN_IF_ERROR(DecodePending(q.pending, &*f).Prefixed("document " + std::to_string(q.doc) + ": "));
    batch.push_back(std::move(*f));
  }
  *placed = batch.size();
  for (const DocFeatures& f : batch) {
    Placement p = index_.Add(f);
    if (!shingle_error_.ok()) {
      // Placed without a candidate it could not read: nothing of it is kept.
      Status st = std::move(shingle_error_);
      shingle_error_ = Status::Ok();
      stale_ = true;
      return st.Prefixed("document " + std::to_string(f.doc) + ": ");
    }
    StoredPlacement sp;
    sp.doc = f.doc;
    sp.score = p.score;
    sp.told_first = f.told_first;
    sp.told_last = f.told_last;
    sp.why = p.why;
    if (p.duplicate) {
      sp.duplicate_of = p.duplicate->of;
      sp.duplicate_kind = p.duplicate->kind;
      sp.duplicate_score = p.duplicate->score;
    }
    // Where the document is after the merges it caused (each merge moves
    // every document of the story merged away), and the story it joined,
    // which restoring replays.
    sp.story = p.story;
    sp.placed = p.joined;
    STORYLOOM_RETURN_IF_ERROR(store_.SavePlacement(sp));
    for (size_t i = 0; i < p.merged.size(); ++i) {
      STORYLOOM_RETURN_IF_ERROR(store_.MergeStories(p.merged[i], p.story, f.doc, p.merged_into[i]));
    }
    if (report) {
      ++report->placed;
      report->new_stories += p.new_story;
      report->duplicates += p.duplicate.has_value();
      report->merges += p.merged.size();
    }
  }
  // What this index holds now ends where the store's rows do.
  auto seqs = store_.StorySeqs();
  if (!seqs) return seqs.error();
  std::tie(last_seq_, last_merge_seq_) = *seqs;
  return Status::Ok();
}

}  // namespace storyloom
