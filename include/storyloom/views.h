// The JSON views: how storyloom writes its answers, one shape for each, so
// that `storyloom ... --json` and the HTTP API (`storyloom serve`) answer
// alike. The web page reads these shapes; web/openapi.json describes them.
//
// Strings are kept as they are (invalid UTF-8 is replaced when dumped: use
// DumpJson or SafeJson). Missing dates and ids are null.
#ifndef STORYLOOM_VIEWS_H_
#define STORYLOOM_VIEWS_H_

#include <string>

#include <nlohmann/json.hpp>

#include "storyloom/document.h"
#include "storyloom/search.h"
#include "storyloom/story.h"
#include "storyloom/timeline.h"

namespace storyloom {

// A story in a list: {"id", "title", "title_doc", "size", "duplicates",
// "independent_sources", "reports", "langs", "sources" (the first 8),
// "sources_count", "start", "end" (what it tells of), "published_start",
// "published_end", "coverage": {"from", "to", "counts"}}. `with_docs` adds
// "docs": every document id, duplicates included.
nlohmann::json StoryJson(const StorySummary& story, bool with_docs = false);
// A page of stories: {"total", "offset", "limit", "stories": [StoryJson],
// "terms" (only when the filter had text)}.
nlohmann::json StoryListJson(const StoryList& list, const StoryFilter& filter);
// {"number", "title", "start", "end", "docs"}.
nlohmann::json EventJson(const StoryEvent& event);
// StoryJson plus "docs": [{DocumentBriefJson, "lead" (untitled only),
// "score", "why", "duplicate_of", "duplicate_kind", "duplicate_score"}],
// "events": [EventJson], "merged": [{"story", "at_doc"}].
nlohmann::json StoryViewJson(const StoryView& view);

// {"id", "lang", "title", "source", "url", "published"}.
nlohmann::json DocumentBriefJson(const DocumentBrief& brief);
// A stored document without its structure: DocumentBriefJson plus "path",
// "line", "part", "format", "list", "lang_confidence", "mixed_lang",
// "published_from", "site", "byline", "metadata", "text".
nlohmann::json DocumentJson(const Document& doc);
// DocumentJson plus "paragraphs": [{"start", "end", "lang"}], "sentences":
// [[start, end]] in the text, "sentences_original": [[start, end]] the same
// sentences in input bytes, "removed": [{"reason", "text", "start", "end", "at"}]
// (input bytes; `at`: where it stood in the text), "story": {"id",
// "duplicate_of", "duplicate_kind"} or null.
nlohmann::json DocumentViewJson(const DocumentView& view);

// A timeline alone: {"story", "entries": [{"date", "salience", "sentences":
// [{"text", "doc", "lang", "start", "end", "body_start", "body_end",
// "date_text"}], "sources", "langs"}], "summary": [sentences], "documents",
// "candidates"}.
nlohmann::json TimelineJson(const Timeline& timeline);
// TimelineJson with, beside it, each sentence's "context" (QuoteContext) and
// "date_start"/"date_end" (its date expression in "text"), each entry's
// "reports": [{"doc", "quote", "folded": [{"doc", "kind", "quote"}]}],
// "docs": {id: DocumentBriefJson plus "duplicate_of", "duplicate_kind"},
// and "lang".
nlohmann::json TimelineViewJson(const TimelineView& view);

// {"query", "terms", "total", "offset", "limit", "hits": [{"doc", "rank",
// "lang", "title", "source", "url", "published", "story", "duplicate_of",
// "snippet": {"text", "start", "highlights": [[start, end]]}}]}.
nlohmann::json SearchJson(const SearchResults& results);

// One line of JSON (no indent), invalid UTF-8 replaced.
std::string DumpJson(const nlohmann::json& j, int indent = -1);
// DumpJson with '<', '>' and '&' escaped as \u sequences, so that a
// response can never be read as markup even when mislabelled.
std::string SafeJson(const nlohmann::json& j);

}  // namespace storyloom

#endif  // STORYLOOM_VIEWS_H_
