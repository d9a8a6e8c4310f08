// The API's stories: the story list (filtered, searched, sorted, paged) and
// one story with its documents, events and merges.
#include "serve/api.h"

#include "serve/api_internal.h"

namespace storyloom {

using namespace api_internal;  // NOLINT: the API's own parameters and responses

ApiResponse Api::ListStories(const ApiRequest& r) {
  const ApiLimits& lim = options_.limits;
  StoryFilter filter;
  filter.lang = LangParam(r);
  filter.from = DayParam(r, "from");
  filter.to = DayParam(r, "to");
  auto q = Param(r, "q", lim.max_query_text);
  filter.limit = static_cast<size_t>(IntParam(r, "limit", 20, 1, static_cast<int64_t>(lim.max_page)));
  filter.offset = static_cast<size_t>(IntParam(r, "offset", 0, 0, 1000000));
  std::string sort = Param(r, "sort", 16).value_or("size");
  if (sort != "size" && sort != "recent") throw BadRequest{"parameter 'sort' must be 'size' or 'recent'"};
  filter.order = sort == "recent" ? StoryFilter::Order::kRecent : StoryFilter::Order::kSize;
  if (q && !ValidUtf8(*q)) throw BadRequest{"parameter 'q' is not valid UTF-8"};
  if (q) filter.text = *q;
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
