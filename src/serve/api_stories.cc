// The API's stories: the story list (filtered, searched, sorted, paged) and
// one story with its documents, events and merges.
#include "serve/api.h"

#include "serve/api_internal.h"

namespace storyloom {

using namespace api_internal;  // NOLINT: the API's own parameters and responses

ApiResponse Api::ListStories(const ApiRequest& r) {
  StoryFilter filter = StoryFilterParams(r, options_.limits);
  std::string sort = Param(r, "sort", 16).value_or("size");
  if (sort != "size" && sort != "recent") throw BadRequest{"parameter 'sort' must be 'size' or 'recent'"};
  filter.order = sort == "recent" ? StoryFilter::Order::kRecent : StoryFilter::Order::kSize;
  auto list = engine_.ListStories(filter);
  if (!list) return StatusError(list.error());
  return JsonOk(StoryListJson(*list, filter));
}

ApiResponse Api::GetStory(const ApiRequest& r, int64_t id) {
  auto story = engine_.GetStory(id, LangParam(r));
  if (!story) return StatusError(story.error());
  return JsonOk(StoryViewJson(*story));
}

}  // namespace storyloom
