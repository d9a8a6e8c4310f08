// The engine's documents: listed, one in full with its placement, its
// tokens, and full-text search with snippets.
#include <algorithm>

#include "engine/engine_rep.h"
#include "engine/search_terms.h"

namespace storyloom {

Result<std::vector<Document>> Engine::ListDocuments() { return ListDocuments(0, 0); }

Result<std::vector<Document>> Engine::ListDocuments(int64_t after, size_t limit) {
  auto reader = rep_->AcquireReader();
  if (!reader) return Unexpected(reader.error());
  return reader->store().ListDocuments(after, limit);
}

Result<DocumentView> Engine::GetDocument(int64_t id) {
  auto reader = rep_->AcquireReader();
  if (!reader) return Unexpected(reader.error());
  Store& store = reader->store();
  auto d = store.GetDocument(id);
  if (!d) return Unexpected(d.error());
  return DocumentView{std::move(*d), store.Placement(id)};
}

Result<std::vector<Token>> Engine::DocumentTokens(int64_t id) {
  auto reader = rep_->AcquireReader();
  if (!reader) return Unexpected(reader.error());
  auto d = reader->store().GetDocument(id);
  if (!d) return Unexpected(d.error());
  reader->segmenter().Segment(&*d, {}, true);
  return std::move(d->tokens);
}

Result<SearchResults> Engine::Search(const std::string& text, const SearchOptions& options) {
  auto reader = rep_->AcquireReader();
  if (!reader) return Unexpected(reader.error());
  Store& store = reader->store();
  QueryTerms terms = ParseQuery(text, options.lang, reader->segmenter());
  SearchResults out;
  out.query = text;
  out.terms = terms.norms;
  out.offset = options.offset;
  out.limit = options.limit;
  if (terms.query.empty()) return out;
  SearchQuery query;
  query.terms = terms.query;
  query.lang = options.lang;
  query.from = options.from;
  query.to = options.to;
  query.story = options.story;
  query.limit = options.limit;
  query.offset = options.offset;
  query.window = options.window;
  auto page = store.Search(query);
  if (!page) return Unexpected(page.error());
  out.total = page->total;
  out.total_at_least = page->total_at_least;
  // The page's documents in one read (one by one should one have been
  // removed since the index answered: it has no snippet).
  std::vector<int64_t> ids;
  for (const SearchHit& h : page->hits) ids.push_back(h.doc);
  auto docs = store.GetDocuments(ids);
  if (!docs) {
    docs = std::vector<Document>{};
    for (int64_t id : ids) {
      if (auto d = store.GetDocument(id)) docs->push_back(std::move(*d));
    }
  }
  for (SearchHit& h : page->hits) {
    SearchResultHit hit{std::move(h), std::nullopt};
    auto d = std::find_if(docs->begin(), docs->end(), [&](const Document& x) { return x.id == hit.hit.doc; });
    if (d != docs->end()) hit.snippet = FindSnippet(*d, terms, reader->segmenter());
    out.hits.push_back(std::move(hit));
  }
  return out;
}

}  // namespace storyloom
