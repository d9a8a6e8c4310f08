// The API's full-text search over documents: hits ranked by the store, each
// with a snippet that highlights the query's terms.
#include "serve/api.h"

#include "serve/api_internal.h"

namespace storyloom {

using namespace api_internal;  // NOLINT: the API's own parameters and responses

ApiResponse Api::SearchDocuments(const ApiRequest& r) {
  const ApiLimits& lim = options_.limits;
  auto q = Param(r, "q", lim.max_query_text);
  if (!q) throw BadRequest{"parameter 'q' (the text to search for) is required"};
  if (!ValidUtf8(*q)) throw BadRequest{"parameter 'q' is not valid UTF-8"};
  SearchOptions options;
  options.lang = LangParam(r);
  options.from = DayParam(r, "from");
  options.to = DayParam(r, "to");
  options.story = IntParam(r, "story", 0, 0, INT64_C(999999999999999999));
  options.limit = static_cast<size_t>(IntParam(r, "limit", 20, 1, static_cast<int64_t>(lim.max_page)));
  options.offset = static_cast<size_t>(IntParam(r, "offset", 0, 0, 1000000));
  options.window = static_cast<size_t>(
      IntParam(r, "window", static_cast<int64_t>(kDefaultSearchWindow), 0, INT64_C(999999999999999999)));
  auto results = engine_.Search(*q, options);
  if (!results) return StatusError(results.error());
  return JsonOk(SearchJson(*results));
}

}  // namespace storyloom
