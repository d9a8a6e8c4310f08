#include "eval/stories_eval.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "eval/cluster_metrics.h"
#include "stories/events.h"
#include "eval/peer.h"
#include "eval/story_datasets.h"
#include "ingest/reader.h"
#include "stories/story_resources.h"
#include "storyloom/pipeline.h"
#include "text/segment.h"

namespace storyloom {

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

}  // namespace

std::vector<Document> ProcessArticle(const std::string& path, const std::string& title, const std::string& text,
                                     const std::optional<std::string>& published, const Resources& resources,
                                     Segmenter& segmenter, bool with_tokens) {
  InputUnit unit;
  unit.path = path;
  unit.format = Format::kText;
  // The headline heads the text, as on the page the article came from.
  std::string all = title.empty() ? text : title + "\n\n" + text;
  unit.raw_span = {0, static_cast<uint32_t>(all.size())};
  unit.text = MappedText::Identity(std::move(all));
  unit.title = title;
  unit.published = published;
  PipelineOptions options;
  options.with_tokens = with_tokens;
  std::vector<Document> docs = ProcessUnit(unit, resources, segmenter, options);
  for (Document& d : docs) {
    if (!d.published) d.published = published;
  }
  return docs;
}

DocFeatures FeaturesOf(const StoryItem& item, int64_t id, const Resources& resources,
                       const StoryResources& story_resources, Segmenter& segmenter) {
  std::vector<Document> docs = ProcessArticle(item.id, item.title, item.text, item.published, resources, segmenter);
  if (docs.empty()) {
    DocFeatures f;
    f.doc = id;
    if (item.published) f.day = DayNumber(*item.published);
    return f;
  }
  auto longest = std::max_element(docs.begin(), docs.end(), [](const Document& a, const Document& b) {
    return a.body.text().size() < b.body.text().size();
  });
  longest->id = id;
  DocFeatures f = Featurize(*longest, story_resources);
  f.doc = id;
  return f;
}

namespace {

struct Run {
  std::vector<int64_t> labels;  // stories
  std::vector<int64_t> events;  // story * 100000 + its event number
  double seconds = 0;          // the whole run: pipeline, annotation, clustering
  double cluster_seconds = 0;  // the story index alone
  size_t translations = 0, near = 0, exact = 0, merges = 0;
  std::set<std::string> langs;
};

Run RunStoryloom(const StoryDataset& data, const StoriesEvalOptions& options, const Resources& resources,
                 const StoryResources& story_resources) {
  Run run;
  auto start = Clock::now();
  std::vector<DocFeatures> features(data.items.size());
  int threads = options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      Segmenter segmenter;
      for (size_t i; (i = next++) < data.items.size();) {
        features[i] = FeaturesOf(data.items[i], static_cast<int64_t>(i + 1), resources, story_resources, segmenter);
      }
    });
  }
  for (std::thread& t : pool) t.join();
  // Publication order; items without a date keep the dataset's order.
  std::vector<size_t> order(features.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return PublishedBefore(features[a], features[b]); });
  auto cluster_start = Clock::now();
  StoryIndex index(options.story);
  index.KeepShingles(true);
  std::vector<int64_t> story(features.size());
  for (size_t i : order) {
    Placement p = index.Add(features[i]);
    story[i] = p.story;
    run.merges += p.merged.size();
    if (p.duplicate) {
      if (p.duplicate->kind == "translation") ++run.translations;
      else if (p.duplicate->kind == "near") ++run.near;
      else ++run.exact;
    }
    run.langs.insert(features[i].lang);
  }
  run.labels.resize(story.size());
  for (size_t i = 0; i < story.size(); ++i) run.labels[i] = index.Resolve(story[i]);
  // The event level: each story's documents, in publication order, grouped
  // again; an event's label is its story's and its number within it.
  std::map<int64_t, std::vector<size_t>> members;  // story -> items in publication order
  for (size_t i : order) members[run.labels[i]].push_back(i);
  run.events.resize(story.size());
  for (const auto& [id, items] : members) {
    std::vector<DocFeatures> docs;
    for (size_t i : items) docs.push_back(features[i]);
    std::vector<int> event = GroupEvents(docs, options.events);
    for (size_t k = 0; k < items.size(); ++k) run.events[items[k]] = id * 100000 + event[k];
  }
  run.cluster_seconds = Seconds(cluster_start);
  run.seconds = Seconds(start);
  return run;
}

Result<nlohmann::json> RunBaseline(const StoryDataset& data) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / ("storyloom-stories-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::string items = (dir / "items.jsonl").string();
  {
    std::ofstream out(items);
    for (const StoryItem& item : data.items) {
      nlohmann::json j = {{"id", item.id}, {"gold", item.gold}, {"lang", item.lang},
                          {"text", item.title.empty() ? item.text : item.title + "\n" + item.text}};
      out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    }
  }
  auto result = RunPeer("STORYLOOM_SKLEARN_PEER", "sklearn_stories.py", {items}, "python3-sklearn", "labels");
  std::filesystem::remove_all(dir);
  return result;
}

void Print(std::ostream& out, const std::string& system, const ClusterScores& s, double seconds,
           const std::string& extra) {
  char line[256];
  std::snprintf(line, sizeof line, "%-22s %6.3f %6.3f %6.3f   %6.3f %6.3f %6.3f   %5zu / %-5zu %8.2f  %s\n",
                system.c_str(), s.bcubed_precision, s.bcubed_recall, s.bcubed_f1, s.pair_precision, s.pair_recall,
                s.pair_f1, s.predicted_clusters, s.gold_clusters, seconds, extra.c_str());
  out << line;
}

nlohmann::json ToJson(const ClusterScores& s, double seconds) {
  return {{"bcubed_precision", s.bcubed_precision}, {"bcubed_recall", s.bcubed_recall},
          {"bcubed_f1", s.bcubed_f1},               {"pair_precision", s.pair_precision},
          {"pair_recall", s.pair_recall},           {"pair_f1", s.pair_f1},
          {"predicted_clusters", s.predicted_clusters}, {"gold_clusters", s.gold_clusters},
          {"seconds", seconds}};
}

}  // namespace

Status RunStoriesEval(const std::string& path, const StoriesEvalOptions& options, const Resources& resources,
                      std::ostream& out) {
  auto data = ReadStoryDataset(path);
  if (!data) return data.error();
  std::set<std::string> langs;
  for (const StoryItem& item : data->items) {
    if (!item.lang.empty()) langs.insert(item.lang);
  }
  auto loaded = Clock::now();
  auto story_resources = StoryResources::Load(resources.paths(), {langs.begin(), langs.end()});
  if (!story_resources) return story_resources.error();
  double load_seconds = Seconds(loaded);
  Run run = RunStoryloom(*data, options, resources, **story_resources);
  std::vector<std::string> gold;
  for (const StoryItem& item : data->items) gold.push_back(item.gold);
  ClusterScores ours = ScoreClusters(gold, run.labels);
  ClusterScores events = ScoreClusters(gold, run.events);

  if (!options.dump.empty()) {
    std::ofstream dump(options.dump);
    for (size_t i = 0; i < data->items.size(); ++i) {
      dump << data->items[i].id << "\t" << data->items[i].gold << "\t" << run.labels[i] << "\n";
    }
  }

  std::optional<ClusterScores> peer;
  double peer_seconds = 0;
  double peer_threshold = 0;
  if (options.peer) {
    auto result = RunBaseline(*data);
    if (!result) return result.error();
    std::vector<int64_t> labels = (*result)["labels"].get<std::vector<int64_t>>();
    if (labels.size() != gold.size()) return Status::Error("the sklearn peer returned a label count unlike the items'");
    peer = ScoreClusters(gold, labels);
    peer_seconds = (*result).value("seconds", 0.0);
    peer_threshold = (*result).value("threshold", 0.0);
  }

  if (options.json) {
    nlohmann::json j;
    j["dataset"] = data->name;
    j["items"] = data->items.size();
    j["storyloom"] = ToJson(ours, run.seconds);
    j["storyloom"]["cluster_seconds"] = run.cluster_seconds;
    j["storyloom"]["load_seconds"] = load_seconds;
    j["storyloom"]["duplicates"] = {{"exact", run.exact}, {"near", run.near}, {"translation", run.translations}};
    j["storyloom"]["merges"] = run.merges;
    j["events"] = ToJson(events, run.seconds);
    if (peer) {
      j["sklearn"] = ToJson(*peer, peer_seconds);
      j["sklearn"]["threshold"] = peer_threshold;
    }
    out << j.dump() << "\n";
    return {};
  }
  out << data->name << ": " << data->items.size() << " items, languages";
  for (const std::string& l : run.langs) out << " " << (l.empty() ? "?" : l);
  out << "\n";
  out << "system                  B3-P   B3-R   B3-F1   pair-P pair-R pair-F1  pred / gold   seconds\n";
  char extra[160];
  std::snprintf(extra, sizeof extra, "(index %.2f s; %zu exact, %zu near, %zu translation duplicates; %zu merges)",
                run.cluster_seconds, run.exact, run.near, run.translations, run.merges);
  Print(out, "storyloom stories", ours, run.seconds, extra);
  Print(out, "storyloom events", events, run.seconds, "(each story's documents grouped again)");
  if (peer) {
    std::snprintf(extra, sizeof extra, "(threshold %.3f tuned on this data)", peer_threshold);
    Print(out, "sklearn tfidf+average", *peer, peer_seconds, extra);
  }
  return {};
}

}  // namespace storyloom
