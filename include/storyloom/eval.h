// Evaluations: storyloom's quality on public labelled data, printed beside
// a peer a user would reach for (a Debian-packaged tool run on the same data
// and scored by the same scorer). Each Run*Eval reads its dataset, runs
// storyloom as a user would, and writes a table (or one JSON object with
// `json`) to `out`; docs/EVALUATION.md says what each figure means.
//
//   auto resources = Resources::Load(FindResources("", ""));
//   Status s = RunStoriesEval("../shared/data/mmds", StoriesEvalOptions{}, **resources, std::cout);
//
// `storyloom eval ...` is a thin shell over these. They fail (a Status)
// when the data cannot be read, never half-way through printing a table.
#ifndef STORYLOOM_EVAL_H_
#define STORYLOOM_EVAL_H_

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "storyloom/dates.h"
#include "storyloom/langid.h"
#include "storyloom/resources.h"
#include "storyloom/status.h"
#include "storyloom/story_clustering.h"
#include "storyloom/timeline_build.h"

namespace storyloom {

// ---- eval extract DIR ----
// Article-body agreement with the gold text of a page set in the
// article-extraction layout (ground-truth.json, html/<id>.html.gz): the
// benchmark's shingle F1 (word 4-gram shingles, per-page precision and
// recall averaged) and WCXB's word F1 (bags of lower-cased words, per-page
// F1 averaged), and the accuracy of the title, author and date where the
// gold has them; optionally beside Debian's python3-readability. Pages go
// through the reader `ingest --format html` uses.
struct ExtractEvalOptions {
  bool json = false;
  bool peer = false;     // also run python3-readability on the same pages
  int limit = 0;         // 0: every page
  bool verbose = false;  // one line per page
  // "dev" or "test": only that part of the pages, split by a hash of the
  // page id (about 80% dev, 20% test), so tuning on dev can be checked on
  // pages never looked at. "" or "all": every page.
  std::string part;
  int worst = 0;         // list the N pages of lowest word F1
  // Write each page's extracted text to <id>.txt there, and the blocks
  // left out, one a line after their reason, to <id>.removed.txt, and the
  // title, author and date to <id>.meta.txt.
  std::string dump_dir;
};

// The part ("dev" or "test") a page id falls in.
std::string ExtractEvalPart(const std::string& page_id);

Status RunExtractEval(const std::string& dir, const ExtractEvalOptions& options, std::ostream& out);

// ---- eval langid DIR ----
// Accuracy per language on NTREX sentences, raw lid.176 beside storyloom's
// identifier, and the Indonesian/Malay confusion.
struct LangidEvalOptions {
  bool json = false;
};
Status RunLangidEval(const std::string& dir, const LanguageIdentifier& identifier,
                     const LangidEvalOptions& options, std::ostream& out);

// ---- eval dates FILE.jsonl ----
// Precision, recall and F1 of the temporal tagger per language on a JSONL
// file of {"lang", "dct", "text" or "source", "timexes"} records (see
// tests/data/dates/GUIDELINE.md), optionally beside python3-dateparser.
struct DatesEvalOptions {
  std::string data_dir = "../shared/data";  // where "source" records point
  bool json = false;
  bool peer = false;
  bool verbose = false;  // storyloom's errors, one line each
};
Status RunDatesEval(const std::string& path, const DateTagger& tagger, const DatesEvalOptions& options,
                    std::ostream& out);

// ---- The story datasets ----
// Readers for the public story-clustering datasets of ../shared/data (see
// docs/EVALUATION.md), each turned into the same list of labelled articles so
// one scorer serves them all:
//
//   vietnamese-mds  clusters/cluster_N/ID.{info,body}.txt; gold = the cluster
//                   folder; 628 Vietnamese articles in 199 groups.
//   mmds            dev.json {"articles", "clusters"}; gold = the cluster label;
//                   209 articles in 51 groups (English, Malay, Indonesian and
//                   Chinese, though the dataset labels no language).
//   timeline17      <topic>_<source>/articles.jsonl; gold = the topic (8 stories
//                   over 16 sets); English.
//   ntrex           line-aligned translations of 123 English articles; one item
//                   per (article, language), gold = the source article, so a
//                   group holds every language version of one article: the
//                   English newstest2019-src.eng.txt and each
//                   newstest2019-ref.<code>.txt beside it (15 languages in
//                   ../shared/data/ntrex; codes as ISO 639-3, "zho-CN").
//
//   Result<StoryDataset> data = ReadStoryDataset("../shared/data/mmds");
//   for (const StoryItem& item : data->items) ... item.gold ...

struct StoryItem {
  std::string id;     // stable, readable: "cluster_12/12240106", "mmds/17", "bpoil_bbc/42", "ntrex/vie/bbc.381790"
  std::string gold;   // gold group label
  std::string lang;   // ISO 639-1 when the dataset says so ("vi", "en", "id", "ar", "ms"), else ""
  std::string title;  // may be empty
  std::string text;   // the article body as a user would ingest it (no title repeated)
  std::optional<std::string> published;  // ISO day "2013-10-23" when known
};

struct StoryDataset {
  std::string name;              // "vietnamese-mds", "mmds", "timeline17", "ntrex"
  std::vector<StoryItem> items;  // by published day (undated items last), ties by id in natural order
  // Translations (ntrex): the language of the originals ("en"), each
  // group's item in it being the one the others translate; else "".
  std::string original_lang;
  // Translations: the languages of the figure kept comparable across
  // versions of storyloom (ntrex: en, vi, id, ar, ms, the five it had
  // first); empty when the whole dataset is that figure.
  std::vector<std::string> headline_langs;
};

// path: a vietnamese-mds folder (holding clusters/ or being clusters/), an
// mmds JSON file (dev.json) or a folder holding dev.json, the timeline17
// folder, or the ntrex folder; the kind is sniffed from what the path holds.
// Articles whose text is empty are left out (Timeline17 has 24: a user has
// nothing to ingest). Fails with a message naming the path when it is
// missing, of no known kind, or malformed.
Result<StoryDataset> ReadStoryDataset(const std::string& path);

// ---- eval stories DATASET ----
// BCubed and pairwise scores of stories and events on vietnamese-mds, mmds,
// Timeline17 or NTREX, each article through the per-document stages as
// ingest takes it and into one story index in publication order;
// optionally beside scikit-learn TF-IDF with average linkage.
struct StoriesEvalOptions {
  bool json = false;
  bool peer = false;
  int threads = 0;  // 0: every core
  StoryOptions story;
  StoryOptions events = EventOptions();  // the event level, within each story
  std::string dump;  // write "id<TAB>gold<TAB>story" lines here
};
Status RunStoriesEval(const std::string& path, const StoriesEvalOptions& options, const Resources& resources,
                      std::ostream& out);

// ---- eval timeline DIR ----
// AR-1, AR-2 and date F1 of timelines on Timeline17 under news-tls's
// protocol (Ghalandari & Ifrim 2020): per topic and gold timeline, l dates
// of k sentences from the documents published in the gold's span.
struct TimelineEvalOptions {
  bool json = false;
  int threads = 1;    // per-document pipeline; 1 by default (the target is one core); 0: every core
  std::string topic;  // only this topic folder ("H1N1_bbc"); empty: all
  TimelineWeights weights;
  // Leave one affair out: for each affair (the topic folders before "_"),
  // the weighting (of a small grid) best on the other affairs' gold
  // timelines scores that affair's; the mean of those is an out-of-sample
  // figure, printed beside the defaults' (tuned in-sample).
  bool loto = false;
};
Status RunTimelineEval(const std::string& path, const TimelineEvalOptions& options, const Resources& resources,
                       std::ostream& out);

// ---- eval pipeline DIR ----
// A Timeline17-layout dataset end to end, as one JSONL stream into a fresh
// store with the story stage on: stories scored against affairs, then each
// gold timeline against the timeline of the story holding most of its
// topic, beside the per-topic protocol of eval timeline.
struct PipelineEvalOptions {
  bool json = false;
  int threads = 0;        // 0: every core
  std::string store;      // keep the store here (must not exist); empty: a temporary one, removed after
  bool per_topic = true;  // also run the per-topic protocol, for the side-by-side
  StoryOptions story;
};
Status RunPipelineEval(const std::string& path, const PipelineEvalOptions& options, const Resources& resources,
                       std::ostream& out);

}  // namespace storyloom

#endif  // STORYLOOM_EVAL_H_
