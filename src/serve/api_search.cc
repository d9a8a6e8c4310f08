// The API's full-text search over documents: hits ranked by the store, each
// with a snippet that highlights the query's terms.
#include "serve/api.h"

#include "serve/api_internal.h"
#include "serve/search_terms.h"

namespace storyloom {

using nlohmann::json;
using namespace api_internal;  // NOLINT: the API's own parameters and responses

ApiResponse Api::SearchDocuments(const ApiRequest& r) {
  const ApiLimits& lim = options_.limits;
  auto q = Param(r, "q", lim.max_query_text);
  if (!q) throw BadRequest{"parameter 'q' (the text to search for) is required"};
  if (!ValidUtf8(*q)) throw BadRequest{"parameter 'q' is not valid UTF-8"};
  SearchQuery query;
  query.lang = LangParam(r);
  query.from = DayParam(r, "from");
  query.to = DayParam(r, "to");
  query.story = IntParam(r, "story", 0, 0, INT64_C(999999999999999999));
  query.limit = static_cast<size_t>(IntParam(r, "limit", 20, 1, static_cast<int64_t>(lim.max_page)));
  query.offset = static_cast<size_t>(IntParam(r, "offset", 0, 0, 1000000));

  auto reader = AcquireReader();
  if (!reader) return ReaderError(reader.error());
  ReaderLease lease(*this, std::move(*reader));
  QueryTerms terms = ParseQuery(*q, query.lang, *lease->segmenter);
  json out = {{"query", *q}, {"terms", terms.norms}, {"total", 0}, {"offset", query.offset},
              {"limit", query.limit}, {"hits", json::array()}};
  if (terms.query.empty()) return JsonOk(out);
  query.terms = terms.query;
  auto page = lease->store->Search(query);
  if (!page) return StatusError(page.error());
  out["total"] = page->total;
  for (const SearchHit& h : page->hits) {
    json hj = {{"doc", h.doc},         {"rank", h.rank},   {"lang", h.lang},
               {"title", h.title},     {"source", h.source}, {"url", h.url},
               {"published", OrNull(h.published)},
               {"story", h.story ? json(h.story) : json(nullptr)},
               {"duplicate_of", h.duplicate_of ? json(h.duplicate_of) : json(nullptr)}};
    if (auto d = lease->store->GetDocument(h.doc)) {
      Snippet s = FindSnippet(*d, terms, *lease->segmenter);
      json hl = json::array();
      for (const auto& [a, b] : s.highlights) hl.push_back({a, b});
      hj["snippet"] = {{"text", s.text}, {"start", s.start}, {"highlights", hl}};
    }
    out["hits"].push_back(std::move(hj));
  }
  return JsonOk(out);
}

}  // namespace storyloom
