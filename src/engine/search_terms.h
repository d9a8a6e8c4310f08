// Text queries for the full-text index: the query is read by storyloom's own
// segmenter (ICU words, lower-cased, Arabic folded, Snowball stems), the same
// way documents were indexed, so a Vietnamese, Indonesian or Arabic query
// matches what ingest stored. The query goes to the store as terms
// (TermQuery): no query text is ever read as a backend's syntax.
#ifndef STORYLOOM_ENGINE_SEARCH_TERMS_H_
#define STORYLOOM_ENGINE_SEARCH_TERMS_H_

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storyloom/document.h"
#include "storyloom/search.h"  // Snippet
#include "storyloom/store.h"

namespace storyloom {

class Segmenter;

struct QueryTerms {
  std::vector<std::string> norms;  // distinct normalised words, in query order
  std::set<std::string> stems;     // their stems in the candidate languages
  TermQuery query;                 // empty: no words
};

// Words must all be found, but for "a OR b" (either), and "NOT a" or "-a"
// (documents holding it are left out). `lang` (optional) is the language
// asked for; without it the stems of the
// likely languages are tried (Arabic for Arabic script, else English and
// Indonesian). At most `max_terms` words are kept.
QueryTerms ParseQuery(std::string_view text, const std::string& lang, Segmenter& segmenter, size_t max_terms = 16);

// The first sentence holding a query word (tokens are found when absent);
// the document's opening when none does. Cut to about max_bytes.
Snippet FindSnippet(Document& doc, const QueryTerms& terms, Segmenter& segmenter, size_t max_bytes = 320);

// What the full-text index holds of a document: its title's words, then
// its text's (`doc.tokens`, segmented with tokens). A headline word finds
// its article even when the text does not repeat it.
SearchTerms DocumentSearchTerms(const Document& doc, Segmenter& segmenter);

// Cuts s to at most n bytes without splitting a UTF-8 character.
size_t Utf8Floor(std::string_view s, size_t n);

}  // namespace storyloom

#endif  // STORYLOOM_ENGINE_SEARCH_TERMS_H_
