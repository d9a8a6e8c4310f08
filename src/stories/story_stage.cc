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
    index_.Restore(*f, s.placement.story, duplicate);
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
    STORYLOOM_RETURN_IF_ERROR(store_.SavePlacement(sp));
    for (int64_t merged : p.merged) STORYLOOM_RETURN_IF_ERROR(store_.MergeStories(merged, p.story, f.doc));
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
