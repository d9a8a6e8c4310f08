// `storyloom eval stories DATASET` (RunStoriesEval, storyloom/eval.h).
// Each item goes through the same stages as `storyloom ingest` (clean,
// language, sentences and tokens, annotation, features) on a pool of
// threads, then into one story index in publication order, as a stream
// would. An item the cleaner splits into several articles is labelled by its
// longest one.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "eval/cluster_metrics.h"
#include "eval/peer.h"
#include "storyloom/article.h"
#include "storyloom/eval.h"
#include "storyloom/story_clustering.h"

namespace storyloom {

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

// One clustering, with the time of the whole run (pipeline, annotation,
// clustering) beside the index's own.
struct Run {
  std::vector<int64_t> labels;  // stories
  std::vector<int64_t> events;  // story * 100000 + its event number
  double seconds = 0;          // the whole run: pipeline, annotation, clustering
  double cluster_seconds = 0;  // the story index alone
  size_t translations = 0, near = 0, exact = 0, merges = 0;
  std::set<std::string> langs;
};

// The items as articles, in dataset order (item i is document i + 1).
std::vector<Article> ArticlesOf(const std::vector<StoryItem>& items) {
  std::vector<Article> articles;
  articles.reserve(items.size());
  for (const StoryItem& item : items) articles.push_back({item.id, item.title, item.text, item.published});
  return articles;
}

// The prepared items `subset` (indices in dataset order) through one story
// index in publication order; labels are by position in subset.
Run Cluster(const StoryClusterer& clusterer, const std::vector<size_t>& subset, const StoriesEvalOptions& options) {
  StoryClustering c = clusterer.Cluster(subset, options.story, options.events);
  Run run;
  run.labels = std::move(c.stories);
  run.events = std::move(c.events);
  run.cluster_seconds = c.seconds;
  run.translations = c.translations, run.near = c.near, run.exact = c.exact, run.merges = c.merges;
  run.langs = std::move(c.langs);
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
  auto clusterer = StoryClusterer::Load(resources, {langs.begin(), langs.end()});
  if (!clusterer) return clusterer.error();
  double load_seconds = Seconds(loaded);
  auto start = Clock::now();
  (*clusterer)->Prepare(ArticlesOf(data->items), options.threads);
  std::vector<size_t> all((*clusterer)->size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  Run run = Cluster(**clusterer, all, options);
  run.seconds = Seconds(start);
  std::vector<std::string> gold, item_langs;
  for (const StoryItem& item : data->items) {
    gold.push_back(item.gold);
    item_langs.push_back(item.lang);
  }
  ClusterScores ours = ScoreClusters(gold, run.labels);
  ClusterScores events = ScoreClusters(gold, run.events);
  // The figure kept comparable across versions: the headline languages' items
  // alone, as when they were all there was: their own corpus, with the
  // lexicons of their languages only, through an index of their own (each
  // language's pivots, English's too, no longer depend on which others are
  // read: the two differ by the index alone). Beside it, the
  // same items as they came out of the whole run's features.
  std::optional<ClusterScores> headline, headline_in_all, headline_events;
  std::optional<Run> headline_run;
  std::string headline_name;
  if (!data->headline_langs.empty()) {
    std::vector<size_t> subset;
    std::vector<std::string> subset_gold;
    StoryDataset sub;
    sub.name = data->name;
    for (size_t i = 0; i < data->items.size(); ++i) {
      const auto& hl = data->headline_langs;
      if (std::find(hl.begin(), hl.end(), data->items[i].lang) == hl.end()) continue;
      subset.push_back(i);
      subset_gold.push_back(gold[i]);
      sub.items.push_back(data->items[i]);
    }
    headline_in_all = ScoreClusters(subset_gold, Cluster(**clusterer, subset, options).labels);
    auto sub_clusterer = StoryClusterer::Load(resources, data->headline_langs);
    if (!sub_clusterer) return sub_clusterer.error();
    (*sub_clusterer)->Prepare(ArticlesOf(sub.items), options.threads);
    std::vector<size_t> sub_all((*sub_clusterer)->size());
    for (size_t i = 0; i < sub_all.size(); ++i) sub_all[i] = i;
    headline_run = Cluster(**sub_clusterer, sub_all, options);
    headline = ScoreClusters(subset_gold, headline_run->labels);
    headline_events = ScoreClusters(subset_gold, headline_run->events);
    for (const std::string& l : data->headline_langs) headline_name += (headline_name.empty() ? "" : ",") + l;
  }
  std::map<std::string, JoinedShare> joined, headline_joined;
  if (!data->original_lang.empty()) joined = JoinedToOriginal(gold, item_langs, run.labels, data->original_lang);
  if (headline && !data->original_lang.empty()) {
    std::vector<std::string> g, l;
    for (size_t i = 0; i < data->items.size(); ++i) {
      const auto& hl = data->headline_langs;
      if (std::find(hl.begin(), hl.end(), data->items[i].lang) == hl.end()) continue;
      g.push_back(gold[i]);
      l.push_back(item_langs[i]);
    }
    headline_joined = JoinedToOriginal(g, l, headline_run->labels, data->original_lang);
  }

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
    if (headline) {
      j["headline"] = ToJson(*headline, run.seconds);
      j["headline"]["languages"] = data->headline_langs;
      j["headline"]["cluster_seconds"] = headline_run->cluster_seconds;
      j["headline_in_all"] = ToJson(*headline_in_all, run.seconds);
      j["headline_events"] = ToJson(*headline_events, run.seconds);
    }
    if (!joined.empty()) {
      j["joined_to_original"]["original"] = data->original_lang;
      for (const auto& [lang, share] : joined)
        j["joined_to_original"]["languages"][lang] = {
            {"joined", share.joined}, {"items", share.items}, {"share", share.share()}};
      for (const auto& [lang, share] : headline_joined)
        j["headline"]["joined_to_original"][lang] = {
            {"joined", share.joined}, {"items", share.items}, {"share", share.share()}};
    }
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
  Print(out, headline ? "storyloom stories (all)" : "storyloom stories", ours, run.seconds, extra);
  Print(out, headline ? "storyloom events (all)" : "storyloom events", events, run.seconds,
        "(each story's documents grouped again)");
  if (headline) {
    std::snprintf(extra, sizeof extra, "(index %.2f s; these languages alone, as before there were more)",
                  headline_run->cluster_seconds);
    Print(out, "stories (" + headline_name + ")", *headline, run.seconds, extra);
    Print(out, "events (" + headline_name + ")", *headline_events, run.seconds, "(these languages alone)");
    Print(out, "  the same in the run of all", *headline_in_all, run.seconds,
          "(their features with every language's lexicons)");
  }
  if (peer) {
    std::snprintf(extra, sizeof extra, "(threshold %.3f tuned on this data)", peer_threshold);
    Print(out, "sklearn tfidf+average", *peer, peer_seconds, extra);
  }
  if (!joined.empty()) {
    out << "joined to their " << data->original_lang
        << " original (share of each language's articles placed in its story):\n";
    for (const auto& [lang, share] : joined) {
      char line[160];
      int n = std::snprintf(line, sizeof line, "  %s-%s %6.3f  (%zu / %zu)", lang.c_str(),
                            data->original_lang.c_str(), share.share(), share.joined, share.items);
      if (auto h = headline_joined.find(lang); h != headline_joined.end() && n > 0)
        std::snprintf(line + n, sizeof line - n, "   with %s only: %.3f", headline_name.c_str(), h->second.share());
      out << line << "\n";
    }
  }
  return {};
}

}  // namespace storyloom
