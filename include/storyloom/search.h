// Full-text search over stored documents. A query is read by storyloom's own
// segmenter, the way documents were indexed (ICU words, lower-cased, Arabic
// folded, Snowball stems), so a Vietnamese, Indonesian or Arabic query
// matches what ingest stored. Words must all be found, but for "a OR b"
// (either) and "NOT a" or "-a" (documents holding it are left out). No query
// text is ever read as a backend's syntax.
#ifndef STORYLOOM_SEARCH_H_
#define STORYLOOM_SEARCH_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "storyloom/store.h"

namespace storyloom {

inline constexpr size_t kDefaultSearchWindow = 2000;

struct SearchOptions {
  // The query's language (stems are tried in it) and the documents'; empty:
  // any, with the stems of the likely languages tried.
  std::string lang;
  std::optional<std::string> from, to;  // publication days, inclusive
  int64_t story = 0;                    // 0: any story
  size_t limit = 20;
  size_t offset = 0;
  // Without a filter (language, days, story), the best hits among the
  // `window` most recently stored matches (0: among every match), so a
  // common word answers as fast in a million documents as in a thousand;
  // SearchResults::total_at_least says when more match. Filters look at
  // every match.
  size_t window = kDefaultSearchWindow;
};

// A sentence of a document that holds query words, with their spans in it.
struct Snippet {
  std::string text;
  uint32_t start = 0;  // of the sentence in the body
  std::vector<std::pair<uint32_t, uint32_t>> highlights;  // in `text`
};

struct SearchResultHit {
  SearchHit hit;
  std::optional<Snippet> snippet;  // absent when the document could not be read
};

struct SearchResults {
  std::string query;               // as asked
  std::vector<std::string> terms;  // its words as read, in query order
  size_t total = 0;                // every hit, not only this page
  bool total_at_least = false;     // more match: `total` is the window searched
  size_t offset = 0, limit = 0;
  std::vector<SearchResultHit> hits;  // best first
};

}  // namespace storyloom

#endif  // STORYLOOM_SEARCH_H_
