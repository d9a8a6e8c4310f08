// Stories and events, as a reader asks for them. A story is one affair over
// weeks or months ("Niger turns from France to Russia"); an event is one
// happening of a few days inside it ("ECOWAS suspends Niger"). Documents join
// events and events join stories; a copy or a translation of a report is
// folded under it (its duplicate) rather than counted again.
//
// These are plain values: Engine (engine.h) answers with them, and views.h
// writes them as JSON.
#ifndef STORYLOOM_STORY_H_
#define STORYLOOM_STORY_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storyloom/store.h"

namespace storyloom {

// How documents are placed into stories: the story index's knobs. The
// defaults are storyloom's; `eval stories` tunes them.
struct StoryOptions {
  double join = 0.14;            // lowest score that joins a story
  double merge = 0.5;            // story-to-story similarity that merges two
  double near_duplicate = 0.7;   // shingle Jaccard of a near-duplicate
  double translation = 0.5;      // anchor similarity of a translation
  double term_share = 0.7;       // same language: terms' share of the score
  double cross_scale = 1.0;      // other languages: anchors' score scaled
  double pivot_share = 0.4;      // other languages: lexicon pivots' share of it
  double fade_days = 10;         // a story's pull halves every ~0.7 * fade_days beyond its dates
  double fade_span = 1.0;        // plus this share of the story's own span in days
  double fade_documents = 50;    // plus the days the stream takes to bring this many documents
  // Core places: two established stories (each with a few documents whose
  // main country, their heaviest geo: anchor, is known) never merge when
  // each one's main country is the main country of under core_share of the
  // other's documents. Affairs of one region and season that share their
  // vocabulary (Egypt, Libya and Syria in 2011) stay apart, while a story
  // about many countries (a pandemic) still takes each. 0: off.
  double core_share = 0.1;
  // And a document whose main country is that rare in an established story
  // scores this much of its score there (1: no penalty).
  double core_penalty = 0.9;
  // A story (an event) takes no document more than this many days after
  // its first; 0: no bound. The event level bounds its events to days.
  double max_span_days = 0;
  size_t candidates = 48;        // stories scored per document
  // Reference mode: score every live story and verify every earlier
  // document's shingles (no postings, no LSH). Small inputs only.
  bool exhaustive = false;
};

// A day written YYYY-MM-DD, checked to be a real day (filters take days so).
std::optional<std::chrono::sys_days> ParseIsoDay(const std::string& s);

// Which stories a list holds, and in what order.
struct StoryFilter {
  // Only stories with a document in this language (ISO 639-1); titles are
  // then in it where one exists. Empty: every language.
  std::string lang;
  // Only stories published on some day of [from, to] (ISO days, inclusive).
  std::optional<std::string> from, to;
  // Only stories holding a document that matches this text (read as
  // Engine::Search reads it). Empty: no text filter.
  std::string text;
  enum class Order { kSize, kRecent };
  Order order = Order::kSize;  // largest first, or latest published first
  size_t offset = 0;
  size_t limit = 0;  // 0: every story from `offset` on
};

// A page of stories.
struct StoryList {
  std::vector<StorySummary> stories;  // this page, in the order asked
  size_t total = 0;                   // every story the filter keeps
  std::vector<std::string> terms;     // the text's words as read (empty without text)
};

// One happening within a story.
struct StoryEvent {
  int number = 0;                          // 1, 2, ... in the order events begin
  std::vector<int64_t> docs;               // publication order, copies included
  std::optional<std::string> start, end;   // publication days of its documents
  std::string title;                       // its first titled report's title, else its first report's lead
};

// A document in brief, as lists and timelines cite it.
struct DocumentBrief {
  int64_t id = 0;
  std::string lang, title, source, url;
  std::optional<std::string> published;  // ISO day
};
DocumentBrief BriefOf(const Document& doc);

// One stored document in full (paragraphs, sentences, removed spans), with
// its placement when the story stage placed it.
struct DocumentView {
  Document doc;
  std::optional<StoredPlacement> placement;
};

// A story's document with where and why it was placed.
struct StoryDocument {
  DocumentBrief brief;
  bool stored = true;     // false: the placement names a document the store no longer has (only brief.id is set)
  std::string lead;       // a headline made from its lead, when it has no title
  double score = 0;       // how well it fitted the story
  std::vector<std::string> why;  // the strongest anchors and terms it shares
  int64_t duplicate_of = 0;      // 0: a report of its own
  std::string duplicate_kind;    // "exact", "near", "translation"
  double duplicate_score = 0;
};

// A story merged into another, at the document that brought them together.
struct StoryMerge {
  int64_t story = 0;
  int64_t at_doc = 0;
};

// One story in full: its summary, documents, events and merges.
struct StoryView {
  StorySummary summary;
  std::vector<StoryDocument> docs;  // placement order, duplicates included
  std::vector<StoryEvent> events;
  std::vector<StoryMerge> merged;

  // The story's document `doc`, or nullptr.
  const StoryDocument* Find(int64_t doc) const;
  // The documents that copy or translate `doc`, in placement order: a
  // reader shows them folded under it.
  std::vector<const StoryDocument*> FoldedUnder(int64_t doc) const;
};

}  // namespace storyloom

#endif  // STORYLOOM_STORY_H_
