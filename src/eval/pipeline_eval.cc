// `storyloom eval pipeline DIR` (RunPipelineEval, storyloom/eval.h):
// storyloom end to end on a Timeline17-layout dataset, as a user would run
// it. Every article of every topic goes, in publication order, into one
// fresh store as one JSONL stream (ingest with the story stage); storyloom
// finds the stories on its own. Then:
//
// - stories: BCubed over documents against the affair each came from (the
//   topic folder's name before "_": bpoil_bbc and bpoil_guardian are one
//   affair), the largest story's purity (the share of its most common
//   affair), how many documents sit in stories that are mostly (>= 90%) one
//   affair, and how many stories have no label;
// - timelines: for each gold timeline, the story holding most of its topic's
//   documents, its timeline built from the store under news-tls's protocol
//   (l dates, k sentences, documents published in the gold's span), scored
//   with AR-1, AR-2 and date F1; printed beside the per-topic protocol of
//   `eval timeline`, which hands each topic's articles over already grouped.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <thread>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "eval/cluster_metrics.h"
#include "eval/timeline_datasets.h"
#include "eval/timeline_eval.h"
#include "eval/timeline_metrics.h"
#include "storyloom/eval.h"
#include "storyloom/ingest.h"
#include "storyloom/store.h"
#include "storyloom/story_clustering.h"
#include "storyloom/timeline_build.h"

namespace storyloom {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

std::string AffairOf(const std::string& topic) { return topic.substr(0, topic.find('_')); }

struct StreamArticle {
  const TimelineTopic* topic = nullptr;
  const TimelineArticle* article = nullptr;
};

// A temporary folder for the store, removed however the run ends.
struct TempDir {
  fs::path path;
  ~TempDir() {
    std::error_code ec;
    if (!path.empty()) fs::remove_all(path, ec);
  }
};

nlohmann::json ToJson(const PRF& s) { return {{"precision", s.precision}, {"recall", s.recall}, {"f1", s.f1}}; }

}  // namespace

Status RunPipelineEval(const std::string& path, const PipelineEvalOptions& options, const Resources& resources,
                       std::ostream& out) {
  auto data = ReadTimelineDataset(path);
  if (!data) return data.error();
  const int threads =
      options.threads > 0 ? options.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

  // The stream: every article, in publication order (topics by name and the
  // file's order within a day break ties, so the stream is the same each run).
  std::vector<StreamArticle> stream;
  for (const TimelineTopic& t : data->topics) {
    for (const TimelineArticle& a : t.articles) stream.push_back({&t, &a});
  }
  std::stable_sort(stream.begin(), stream.end(), [](const StreamArticle& a, const StreamArticle& b) {
    return a.article->published < b.article->published;
  });
  MemoryInput feed;
  feed.name = "timeline17.jsonl";
  for (const StreamArticle& s : stream) {
    nlohmann::json line = {{"id", s.topic->name + "/" + s.article->id},
                           {"time", s.article->published},
                           {"text", s.article->text}};
    feed.bytes += line.dump() + "\n";
  }

  TempDir temp;
  std::string store_path = options.store;
  if (store_path.empty()) {
    std::string pattern = (fs::temp_directory_path() / "storyloom-eval-XXXXXX").string();
    if (!mkdtemp(pattern.data())) return Status::Error("cannot make a temporary folder in " + fs::temp_directory_path().string());
    temp.path = pattern;
    store_path = (temp.path / "stream.db").string();
  } else if (fs::exists(store_path)) {
    return Status::Error(store_path + " exists: eval pipeline fills a fresh store");
  }
  auto store = Store::Open(store_path, Store::Mode::kCreate);
  if (!store) return store.error();

  IngestOptions ingest;
  ingest.format = Format::kJsonl;
  ingest.threads = threads;
  size_t issues = 0;
  std::string first_issues;  // the first few, to say what they were
  auto started = Clock::now();
  auto report = IngestWithStories({std::move(feed)}, ingest, options.story, resources, **store,
                                  [&](const InputIssue& issue) {
                                    if (++issues <= 3) {
                                      first_issues +=
                                          "  line " + std::to_string(issue.line) + ": " + issue.message + "\n";
                                    }
                                  }, nullptr);
  if (!report) return report.error();
  const double ingest_seconds = Seconds(started);

  // Documents back to their articles: a JSONL document knows its line.
  auto documents = (*store)->ListDocuments();
  if (!documents) return documents.error();
  std::unordered_map<int64_t, const StreamArticle*> article_of;
  for (const Document& d : *documents) {
    if (d.line >= 1 && d.line <= stream.size()) article_of[d.id] = &stream[d.line - 1];
  }
  auto stories = (*store)->ListStories();
  if (!stories) return stories.error();

  // Stories against affairs, over documents.
  std::vector<std::string> gold;
  std::vector<int64_t> predicted;
  size_t untitled = 0, largest_size = 0, in_pure = 0;
  double largest_purity = 0;
  std::string largest_affair;
  int64_t largest_id = 0;
  // topic -> story -> documents of that topic in it
  std::map<std::string, std::map<int64_t, size_t>> topic_stories;
  for (const StorySummary& s : *stories) {
    if (s.title.empty()) ++untitled;
    std::map<std::string, size_t> affairs;
    for (int64_t doc : s.docs) {
      auto it = article_of.find(doc);
      if (it == article_of.end()) continue;
      const std::string& topic = it->second->topic->name;
      gold.push_back(AffairOf(topic));
      predicted.push_back(s.id);
      ++affairs[AffairOf(topic)];
      ++topic_stories[topic][s.id];
    }
    size_t total = 0, top = 0;
    std::string top_affair;
    for (const auto& [affair, n] : affairs) {
      total += n;
      if (n > top) top = n, top_affair = affair;
    }
    if (total > 0 && top >= 0.9 * total) in_pure += total;
    if (total > largest_size) {
      largest_size = total;
      largest_purity = static_cast<double>(top) / total;
      largest_affair = top_affair;
      largest_id = s.id;
    }
  }
  const ClusterScores clusters = ScoreClusters(gold, predicted);

  // Each gold timeline from the story holding most of its topic.
  auto builder = TimelineBuilder::Load(resources);
  if (!builder) return builder.error();
  auto rouge = RougeTokenizer::Load(resources.paths().dir);
  if (!rouge) return rouge.error();
  std::vector<PRF> ar1, ar2, dates;
  nlohmann::json runs = nlohmann::json::array();
  double timeline_seconds = 0;
  for (const TimelineTopic& topic : data->topics) {
    int64_t best = 0;
    size_t best_n = 0, topic_n = 0;
    for (const auto& [story, n] : topic_stories[topic.name]) {
      topic_n += n;
      if (n > best_n) best = story, best_n = n;
    }
    for (const DatedSummaries& g : topic.timelines) {
      TimelineOptions to_build;
      to_build.dates = g.size();
      to_build.sentences = SentencesPerDate(g);
      to_build.summary = 0;
      to_build.months = false;
      to_build.from = g.begin()->first;
      to_build.to = g.rbegin()->first;
      to_build.threads = threads;
      DatedSummaries built_dates;
      auto t0 = Clock::now();
      if (best != 0) {
        auto timeline = (*builder)->BuildStored(**store, best, to_build);
        if (!timeline) return timeline.error();
        for (const TimelineEntry& e : timeline->entries) {
          for (const TimelineSentence& s : e.sentences) built_dates[e.date].push_back(s.text);
        }
      }
      timeline_seconds += Seconds(t0);
      TimelineScores scores = ScoreTimeline(built_dates, g, **rouge);
      ar1.push_back(scores.rouge1);
      ar2.push_back(scores.rouge2);
      dates.push_back(scores.dates);
      runs.push_back({{"topic", topic.name},
                      {"story", best},
                      {"topic_documents", topic_n},
                      {"in_story", best_n},
                      {"l", g.size()},
                      {"ar1", ToJson(scores.rouge1)},
                      {"ar2", ToJson(scores.rouge2)},
                      {"dates", ToJson(scores.dates)}});
    }
  }
  const PRF e2e1 = MeanPRF(ar1), e2e2 = MeanPRF(ar2), e2ed = MeanPRF(dates);

  std::optional<TimelineEvalFigures> per_topic;
  if (options.per_topic) {
    TimelineEvalOptions topic_options;
    topic_options.threads = threads;
    auto figures = ScoreTimelinesPerTopic(*data, topic_options, resources);
    if (!figures) return figures.error();
    per_topic = *figures;
  }

  if (options.json) {
    nlohmann::json j;
    j["dataset"] = path;
    j["articles"] = stream.size();
    j["documents"] = documents->size();
    j["ingest_seconds"] = ingest_seconds;
    j["issues"] = issues;
    j["stories"] = {{"count", stories->size()},
                    {"bcubed", {{"precision", clusters.bcubed_precision},
                                {"recall", clusters.bcubed_recall},
                                {"f1", clusters.bcubed_f1}}},
                    {"largest", {{"id", largest_id}, {"documents", largest_size}, {"purity", largest_purity},
                                 {"affair", largest_affair}}},
                    {"documents_in_pure_stories", in_pure},
                    {"untitled", untitled}};
    j["end_to_end"] = {{"ar1", ToJson(e2e1)}, {"ar2", ToJson(e2e2)}, {"dates", ToJson(e2ed)},
                       {"seconds", timeline_seconds}, {"runs", runs}};
    if (per_topic) {
      j["per_topic"] = {{"ar1", ToJson(per_topic->ar1)}, {"ar2", ToJson(per_topic->ar2)},
                        {"dates", ToJson(per_topic->dates)}};
    }
    out << j.dump() << "\n";
    return {};
  }
  char line[512];
  std::snprintf(line, sizeof line,
                "%s as one stream: %zu articles, %zu documents, %zu stories; ingest %.1f s on %d thread(s)%s\n",
                path.c_str(), stream.size(), documents->size(), stories->size(), ingest_seconds, threads,
                issues ? (", " + std::to_string(issues) + " input issue(s)").c_str() : "");
  out << line << first_issues;
  std::snprintf(line, sizeof line, "stories   BCubed P %.3f  R %.3f  F1 %.3f   (over documents; gold: the affair)\n",
                clusters.bcubed_precision, clusters.bcubed_recall, clusters.bcubed_f1);
  out << line;
  std::snprintf(line, sizeof line,
                "          largest story %lld: %zu documents, %.0f%% %s; %.0f%% of documents in stories >= 90%% one "
                "affair; %zu untitled\n",
                static_cast<long long>(largest_id), largest_size, 100 * largest_purity, largest_affair.c_str(),
                gold.empty() ? 0.0 : 100.0 * in_pure / gold.size(), untitled);
  out << line;
  out << "timelines                AR-1 F1 AR-2 F1 date F1\n";
  std::snprintf(line, sizeof line, "end to end               %7.3f %7.3f %7.3f   (%zu gold timelines; %.1f s)\n",
                e2e1.f1, e2e2.f1, e2ed.f1, ar1.size(), timeline_seconds);
  out << line;
  if (per_topic) {
    std::snprintf(line, sizeof line, "per topic (eval timeline) %6.3f %7.3f %7.3f\n", per_topic->ar1.f1,
                  per_topic->ar2.f1, per_topic->dates.f1);
    out << line;
  }
  return {};
}

}  // namespace storyloom
