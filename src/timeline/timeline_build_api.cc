// TimelineBuilder (storyloom/timeline_build.h) over BuildTimeline.
#include "timeline/timeline_build_api.h"

#include "timeline/timeline.h"

namespace storyloom {

TimelineBuilder::TimelineBuilder(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
TimelineBuilder::~TimelineBuilder() = default;

Result<std::unique_ptr<TimelineBuilder>> TimelineBuilder::Load(const Resources& resources,
                                                               const std::vector<std::string>& languages) {
  auto loaded = StoryResources::Load(resources.paths(), languages);
  if (!loaded) return Fail(loaded.error());
  auto rep = std::make_unique<Rep>();
  rep->resources = std::move(*loaded);
  return std::unique_ptr<TimelineBuilder>(new TimelineBuilder(std::move(rep)));
}

Timeline TimelineBuilder::Build(std::vector<Document> docs, const TimelineOptions& options, int64_t story) const {
  std::vector<TimelineDocument> input;
  input.reserve(docs.size());
  for (Document& d : docs) {
    TimelineDocument td;
    td.doc = std::move(d);
    input.push_back(std::move(td));
  }
  return BuildTimeline(std::move(input), *rep_->resources, options, story);
}

}  // namespace storyloom
