// Timelines: a story's dated events, ranked, each line citing the sentences
// and documents it stands on.
//
// Candidates are dated sentences: expressions the annotate stage resolved,
// the publication date as a weaker fallback. Sentences about the same event
// on the same date, across documents and languages, form one entry; an entry
// weighs by its independent sources, so a copy or a translation counts once.
// Each chosen date shows its most central sentences, in the reader's
// language where one exists.
//
//   TimelineOptions options;
//   options.lang = "vi";
//   Result<TimelineView> t = engine->GetTimeline(story, options);
//   std::cout << TimelineText(t->timeline);
#ifndef STORYLOOM_TIMELINE_H_
#define STORYLOOM_TIMELINE_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "storyloom/mapped_text.h"
#include "storyloom/story.h"

namespace storyloom {

// One sentence quoted by a timeline, with where it stands.
struct TimelineSentence {
  std::string text;
  int64_t doc = 0;
  uint32_t sentence = 0;  // its index among the document's sentences
  std::string lang;
  Span span;       // in the document's original input bytes (provenance)
  Span body_span;  // in Document::body (the cleaned text)
  std::string date_text;  // the expression that dated it ("4 Desember"), empty when the publication date did
};

struct TimelineEntry {
  std::string date;  // ISO day "2023-12-04", or month "2023-07" for an event only known to its month
  double salience = 0;
  std::vector<TimelineSentence> sentences;
  std::vector<int64_t> sources;    // every document saying the same, copies included, ascending
  std::vector<std::string> langs;  // languages among the sources, sorted
};

struct Timeline {
  int64_t story = 0;
  std::vector<TimelineEntry> entries;      // date order
  std::vector<TimelineSentence> summary;   // a few sentences covering the story
  size_t documents = 0;                    // documents read
  size_t candidates = 0;                   // dated sentences considered
};

// How dates are ranked: what a mention gives a date. Defaults are storyloom's;
// `eval timeline --loto` tunes them leaving one affair out.
struct TimelineWeights {
  double later_bonus = 0.5;         // a date named after it passed counts this much more
  double published_weight = 0.25;   // a source's undated lead, for its publication day
  double support_cap = 2.0;         // what one source can give a date
  double published_sentence = 0.8;  // a sentence dated only by its publication, as a quote
};

struct TimelineOptions {
  size_t dates = 0;      // dates to show; 0: as many as the story supports (at most 30)
  size_t sentences = 1;  // sentences per date
  size_t summary = 3;    // summary sentences
  std::string lang;      // the reader's language; empty: none preferred
  bool months = true;    // month-only events may be entries
  // Only dates in [from, to] (ISO days), and only documents published in it.
  std::optional<std::string> from, to;
  int threads = 0;       // documents are prepared on this many threads; 0: every core
  TimelineWeights weights;
};

// A quoted sentence in its paragraph, cut to a few hundred bytes around it.
struct QuoteContext {
  std::string text;
  uint32_t start = 0, end = 0;  // the sentence, in `text`
  bool clipped_before = false, clipped_after = false;
};

// An entry's source as a report: one document with the copies and
// translations of it that the entry also cites folded under it.
struct TimelineReport {
  struct Folded {
    int64_t doc = 0;
    std::string kind;  // "exact", "near", "translation"
    int quote = -1;    // its first sentence in the entry; -1: none quoted
  };
  int64_t doc = 0;
  int quote = -1;  // its first sentence in the entry; -1: none quoted
  std::vector<Folded> folded;
};

// A cited document in brief, with what it duplicates.
struct CitedDocument {
  DocumentBrief brief;
  int64_t duplicate_of = 0;  // 0: a report of its own
  std::string duplicate_kind;
};

// A timeline with what a reader needs beside it.
struct TimelineView {
  Timeline timeline;
  std::string lang;  // the reader's language it was built for
  std::vector<std::vector<TimelineReport>> reports;                // per entry
  std::vector<std::vector<std::optional<QuoteContext>>> contexts;  // per entry, per sentence
  std::vector<std::optional<QuoteContext>> summary_contexts;       // per summary sentence
  std::map<int64_t, CitedDocument> docs;                           // every cited document
};

// A timeline written out for a reader. All text is escaped for the format it
// goes into; the HTML page is self-contained and reads offline.
std::string TimelineText(const Timeline& timeline);
std::string TimelineMarkdown(const Timeline& timeline);
std::string TimelineHtml(const Timeline& timeline, const std::string& title);

}  // namespace storyloom

#endif  // STORYLOOM_TIMELINE_H_
