#include "stories/story_stage.h"

#include <algorithm>

#include "stories/features_codec.h"

namespace storyloom {

Result<std::unique_ptr<StoryStage>> StoryStage::Open(Store& store, const StoryResources& resources,
                                                     const StoryOptions& options) {
  std::unique_ptr<StoryStage> stage(new StoryStage(store, resources, options));
  STORYLOOM_RETURN_IF_ERROR(stage->Restore());
  return stage;
}

Status StoryStage::Restore() {
  // The version is read first: a commit by another writer while the
  // placements are read leaves it behind, and the next Sync reads again.
  version_ = store_.DataVersion();
  stale_ = false;
  restored_ = 0;
  index_ = StoryIndex(options_);
  auto saved = store_.LoadPlacedFeatures();
  if (!saved) return saved.error();
  auto merges = store_.LoadMerges();
  if (!merges) return merges.error();
  // With the merges listed (schema 4 on), each document goes to the story
  // it joined and the merges are made again where they were: the index is
  // the one that placed them, bit for bit. Merges from before that are
  // already folded into where the documents are.
  const bool replay = !merges->empty();
  size_t next_merge = 0;
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
    index_.Restore(*f, replay ? s.placed_story : s.placement.story, duplicate);
    for (; replay && next_merge < merges->size() && (*merges)[next_merge].doc == s.doc; ++next_merge) {
      index_.ReplayMerge((*merges)[next_merge].merged, (*merges)[next_merge].into);
    }
    ++restored_;
  }
  // A story merged away keeps its id: new stories are numbered after it.
  index_.ReserveStoryIds(store_.MaxStoryId());
  // Near-duplicate candidates are verified against the stored shingles.
  Store* st = &store_;
  index_.SetShingleSource([st](int64_t doc) {
    std::vector<uint64_t> out;
    auto bytes = st->LoadShingles(doc);
    if (bytes) {
      auto decoded = DecodeShingles(*bytes);
      if (decoded) out = std::move(*decoded);
    }
    return out;
  });
  return Status::Ok();
}

Status StoryStage::Sync() {
  if (!stale_ && store_.DataVersion() == version_) return Status::Ok();
  ++rebuilds_;
  return Restore();
}

Status StoryStage::Place(std::vector<DocFeatures> batch, PlaceReport* report) {
  std::stable_sort(batch.begin(), batch.end(), PublishedBefore);
  for (const DocFeatures& f : batch) {
    STORYLOOM_RETURN_IF_ERROR(store_.SaveFeatures(f.doc, EncodeFeatures(f), EncodeShingles(f.shingles)));
    Placement p = index_.Add(f);
    StoredPlacement sp;
    sp.doc = f.doc;
    sp.score = p.score;
    sp.why = p.why;
    if (p.duplicate) {
      sp.duplicate_of = p.duplicate->of;
      sp.duplicate_kind = p.duplicate->kind;
      sp.duplicate_score = p.duplicate->score;
    }
    // The story the document joined before any merge it caused; the merge
    // then moves every document of the merged story, this one included.
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
  return Status::Ok();
}

}  // namespace storyloom
