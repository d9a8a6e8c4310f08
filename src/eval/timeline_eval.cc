#include "eval/timeline_eval.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <set>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "eval/timeline_datasets.h"
#include "eval/timeline_metrics.h"
#include "storyloom/article.h"
#include "storyloom/eval.h"
#include "storyloom/text.h"
#include "storyloom/timeline_build.h"

namespace storyloom {

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

// The published anchor (news-tls, Datewise on Timeline17).
constexpr double kDatewiseAr1 = 0.120, kDatewiseAr2 = 0.035, kDatewiseDateF1 = 0.544, kDatewiseSeconds = 16;

struct RunResult {  // one gold timeline of a topic
  size_t l = 0, k = 0, documents = 0, predicted_dates = 0;
  TimelineScores scores;
  double seconds = 0;  // BuildTimeline alone
};

struct TopicResult {
  std::string name;
  size_t articles = 0, documents = 0;
  double pipeline_seconds = 0, seconds = 0;
  std::vector<RunResult> runs;
  PRF ar1, ar2, dates;
};

}  // namespace

// news-tls's get_average_summary_length: Python's round(), ties to even.
size_t SentencesPerDate(const DatedSummaries& gold) {
  size_t total = 0;
  for (const auto& [date, sentences] : gold) total += sentences.size();
  double mean = gold.empty() ? 0 : static_cast<double>(total) / gold.size();
  double k = mean - std::floor(mean) == 0.5 ? 2 * std::round(mean / 2) : std::round(mean);
  return std::max<size_t>(1, static_cast<size_t>(k));
}

namespace {

// Every article through the per-document pipeline (ProcessArticle);
// docs[i] are article i's documents.
std::vector<std::vector<Document>> ProcessArticles(const TimelineTopic& topic, const Resources& resources,
                                                   int threads) {
  std::vector<std::vector<Document>> docs(topic.articles.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    Segmenter segmenter;
    for (size_t i; (i = next++) < topic.articles.size();) {
      const TimelineArticle& a = topic.articles[i];
      docs[i] = ProcessArticle(topic.name + "/" + a.id, "", a.text, a.published, resources, segmenter);
    }
  };
  if (threads <= 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(work);
    for (std::thread& t : pool) t.join();
  }
  return docs;
}

DatedSummaries ToSummaries(const Timeline& timeline) {
  DatedSummaries out;
  for (const TimelineEntry& e : timeline.entries) {
    std::vector<std::string>& day = out[e.date];
    for (const TimelineSentence& s : e.sentences) day.push_back(s.text);
  }
  return out;
}

using TopicDocs = std::vector<std::pair<std::string, Document>>;  // (published, document)

// Ids: 1, 2, ... over the topic's documents in article order, the same for
// every gold timeline.
TopicDocs PrepareTopic(const TimelineTopic& topic, const Resources& resources, int threads) {
  std::vector<std::vector<Document>> processed = ProcessArticles(topic, resources, threads);
  TopicDocs all;
  for (size_t i = 0; i < processed.size(); ++i) {
    for (Document& d : processed[i]) {
      d.id = static_cast<int64_t>(all.size() + 1);
      all.emplace_back(topic.articles[i].published, std::move(d));
    }
  }
  return all;
}

TopicResult BuildTopic(const TimelineTopic& topic, const TopicDocs& all, const TimelineEvalOptions& options,
                       const TimelineBuilder& builder, const RougeTokenizer& rouge);

TopicResult RunTopic(const TimelineTopic& topic, const TimelineEvalOptions& options, const Resources& resources,
                     const TimelineBuilder& builder, const RougeTokenizer& rouge) {
  auto start = Clock::now();
  TopicDocs all = PrepareTopic(topic, resources, options.threads);
  double pipeline_seconds = Seconds(start);
  TopicResult result = BuildTopic(topic, all, options, builder, rouge);
  result.pipeline_seconds = pipeline_seconds;
  return result;
}

TopicResult BuildTopic(const TimelineTopic& topic, const TopicDocs& all, const TimelineEvalOptions& options,
                       const TimelineBuilder& builder, const RougeTokenizer& rouge) {
  TopicResult result;
  result.name = topic.name;
  result.articles = topic.articles.size();
  result.documents = all.size();

  std::vector<PRF> ar1, ar2, dates;
  for (const DatedSummaries& gold : topic.timelines) {
    RunResult run;
    const std::string& from = gold.begin()->first;
    const std::string& to = gold.rbegin()->first;
    run.l = gold.size();
    run.k = SentencesPerDate(gold);
    std::vector<Document> input;
    for (const auto& [published, doc] : all) {
      if (published >= from && published <= to) input.push_back(doc);
    }
    run.documents = input.size();
    TimelineOptions to_build;
    to_build.dates = run.l;
    to_build.sentences = run.k;
    to_build.summary = 0;
    to_build.months = false;
    to_build.from = from;
    to_build.to = to;
    to_build.threads = options.threads;  // one core unless asked
    to_build.weights = options.weights;
    auto built = Clock::now();
    Timeline timeline = builder.Build(std::move(input), to_build);
    run.seconds = Seconds(built);
    DatedSummaries predicted = ToSummaries(timeline);
    run.predicted_dates = predicted.size();
    run.scores = ScoreTimeline(predicted, gold, rouge);
    result.seconds += run.seconds;
    ar1.push_back(run.scores.rouge1);
    ar2.push_back(run.scores.rouge2);
    dates.push_back(run.scores.dates);
    result.runs.push_back(run);
  }
  result.ar1 = MeanPRF(ar1);
  result.ar2 = MeanPRF(ar2);
  result.dates = MeanPRF(dates);
  return result;
}

nlohmann::json ToJson(const PRF& s) { return {{"precision", s.precision}, {"recall", s.recall}, {"f1", s.f1}}; }

void PrintRow(std::ostream& out, const std::string& name, const std::string& shape, double ar1, double ar2,
              double date_f1, double seconds, const std::string& extra) {
  char line[256];
  std::snprintf(line, sizeof line, "%-24s %-22s %7.3f %7.3f %7.3f %8.2f  %s\n", name.c_str(), shape.c_str(), ar1,
                ar2, date_f1, seconds, extra.c_str());
  out << line;
}

}  // namespace

Status RunTimelineLoto(const TimelineDataset& data, const TimelineEvalOptions& options, const Resources& resources,
                       std::ostream& out) {
  TimelineEvalOptions effective = options;
  if (effective.threads <= 0) effective.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  auto builder = TimelineBuilder::Load(resources, {"en"});
  if (!builder) return builder.error();
  auto rouge = RougeTokenizer::Load(resources.paths().dir);
  if (!rouge) return rouge.error();
  std::vector<TopicDocs> prepared;
  for (const TimelineTopic& t : data.topics) prepared.push_back(PrepareTopic(t, resources, effective.threads));
  // The grid, defaults included; each point's runs: (affair, scores).
  std::vector<TimelineWeights> grid;
  for (double later : {0.25, 0.5, 1.0}) {
    for (double published : {0.1, 0.25, 0.5}) {
      for (double cap : {1.5, 2.0, 3.0}) {
        TimelineWeights w;
        w.later_bonus = later, w.published_weight = published, w.support_cap = cap;
        grid.push_back(w);
      }
    }
  }
  auto affair = [](const std::string& topic) { return topic.substr(0, topic.find('_')); };
  std::vector<std::vector<std::pair<std::string, TimelineScores>>> runs(grid.size());
  size_t defaults = 0;
  for (size_t g = 0; g < grid.size(); ++g) {
    const TimelineWeights d;
    if (grid[g].later_bonus == d.later_bonus && grid[g].published_weight == d.published_weight &&
        grid[g].support_cap == d.support_cap)
      defaults = g;
    TimelineEvalOptions o = effective;
    o.weights = grid[g];
    for (size_t t = 0; t < data.topics.size(); ++t) {
      TopicResult r = BuildTopic(data.topics[t], prepared[t], o, **builder, **rouge);
      for (const RunResult& run : r.runs) runs[g].push_back({affair(data.topics[t].name), run.scores});
    }
  }
  std::set<std::string> affairs;
  for (const TimelineTopic& t : data.topics) affairs.insert(affair(t.name));
  // The objective: AR-1 F1 plus date F1 of the mean over the runs used.
  auto objective = [](const std::vector<TimelineScores>& s) {
    std::vector<PRF> a, d;
    for (const TimelineScores& x : s) a.push_back(x.rouge1), d.push_back(x.dates);
    return MeanPRF(a).f1 + MeanPRF(d).f1;
  };
  std::vector<PRF> loto1, loto2, lotod, in1, in2, ind;
  out << "leave one affair out: " << grid.size() << " weightings, tuned on the other affairs' gold timelines\n";
  for (const std::string& held : affairs) {
    size_t best = defaults;
    double best_value = -1;
    for (size_t g = 0; g < grid.size(); ++g) {
      std::vector<TimelineScores> train;
      for (const auto& [a, s] : runs[g]) {
        if (a != held) train.push_back(s);
      }
      double v = objective(train);
      if (v > best_value + 1e-12) best_value = v, best = g;
    }
    for (const auto& [a, s] : runs[best]) {
      if (a != held) continue;
      loto1.push_back(s.rouge1), loto2.push_back(s.rouge2), lotod.push_back(s.dates);
    }
    char line[200];
    std::snprintf(line, sizeof line, "  %-16s later %.2f published %.2f cap %.1f\n", held.c_str(),
                  grid[best].later_bonus, grid[best].published_weight, grid[best].support_cap);
    out << line;
  }
  for (const auto& [a, s] : runs[defaults]) in1.push_back(s.rouge1), in2.push_back(s.rouge2), ind.push_back(s.dates);
  char line[200];
  out << "                              AR-1 F1 AR-2 F1 date F1\n";
  std::snprintf(line, sizeof line, "leave one affair out          %7.3f %7.3f %7.3f   (%zu gold timelines)\n",
                MeanPRF(loto1).f1, MeanPRF(loto2).f1, MeanPRF(lotod).f1, loto1.size());
  out << line;
  std::snprintf(line, sizeof line, "defaults (tuned in-sample)    %7.3f %7.3f %7.3f\n", MeanPRF(in1).f1,
                MeanPRF(in2).f1, MeanPRF(ind).f1);
  out << line;
  return {};
}

Result<TimelineEvalFigures> ScoreTimelinesPerTopic(const TimelineDataset& data, const TimelineEvalOptions& options,
                                                   const Resources& resources) {
  TimelineEvalOptions effective = options;
  if (effective.threads <= 0) effective.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  auto builder = TimelineBuilder::Load(resources, {"en"});
  if (!builder) return Unexpected(builder.error());
  auto rouge = RougeTokenizer::Load(resources.paths().dir);
  if (!rouge) return Unexpected(rouge.error());
  std::vector<PRF> ar1, ar2, dates;
  TimelineEvalFigures figures;
  double seconds = 0;
  for (const TimelineTopic& topic : data.topics) {
    if (!options.topic.empty() && topic.name != options.topic) continue;
    TopicResult t = RunTopic(topic, effective, resources, **builder, **rouge);
    for (const RunResult& r : t.runs) {
      ar1.push_back(r.scores.rouge1);
      ar2.push_back(r.scores.rouge2);
      dates.push_back(r.scores.dates);
    }
    seconds += t.seconds;
    figures.seconds_per_topic += 1;
  }
  figures.runs = ar1.size();
  figures.seconds_per_topic = figures.seconds_per_topic > 0 ? seconds / figures.seconds_per_topic : 0;
  figures.ar1 = MeanPRF(ar1);
  figures.ar2 = MeanPRF(ar2);
  figures.dates = MeanPRF(dates);
  return figures;
}

Status RunTimelineEval(const std::string& path, const TimelineEvalOptions& options, const Resources& resources,
                       std::ostream& out) {
  auto data = ReadTimelineDataset(path);
  if (!data) return data.error();
  if (!options.topic.empty()) {
    std::string names;
    auto it = std::find_if(data->topics.begin(), data->topics.end(),
                           [&](const TimelineTopic& t) { return t.name == options.topic; });
    if (it == data->topics.end()) {
      for (const TimelineTopic& t : data->topics) names += " " + t.name;
      return Status::Error("no topic " + options.topic + " in " + path + "; topics:" + names);
    }
    TimelineTopic only = std::move(*it);
    data->topics.assign(1, std::move(only));
  }
  if (options.loto) return RunTimelineLoto(*data, options, resources, out);
  int threads = options.threads > 0 ? options.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  TimelineEvalOptions effective = options;
  effective.threads = threads;

  auto loaded = Clock::now();
  auto builder = TimelineBuilder::Load(resources, {"en"});
  if (!builder) return builder.error();
  auto rouge = RougeTokenizer::Load(resources.paths().dir);
  if (!rouge) return rouge.error();
  double load_seconds = Seconds(loaded);

  std::vector<TopicResult> topics;
  std::vector<PRF> ar1, ar2, dates;
  double seconds = 0, pipeline_seconds = 0;
  size_t runs = 0;
  for (const TimelineTopic& topic : data->topics) {
    topics.push_back(RunTopic(topic, effective, resources, **builder, **rouge));
    const TopicResult& t = topics.back();
    for (const RunResult& r : t.runs) {
      ar1.push_back(r.scores.rouge1);
      ar2.push_back(r.scores.rouge2);
      dates.push_back(r.scores.dates);
    }
    seconds += t.seconds;
    pipeline_seconds += t.pipeline_seconds;
    runs += t.runs.size();
  }
  const PRF mean1 = MeanPRF(ar1), mean2 = MeanPRF(ar2), mean_dates = MeanPRF(dates);
  const double per_topic = topics.empty() ? 0 : seconds / topics.size();
  const double pipeline_per_topic = topics.empty() ? 0 : pipeline_seconds / topics.size();

  if (options.json) {
    nlohmann::json j;
    j["dataset"] = "timeline17";
    j["threads"] = threads;
    j["load_seconds"] = load_seconds;
    j["topics"] = nlohmann::json::array();
    for (const TopicResult& t : topics) {
      nlohmann::json jt = {{"name", t.name},           {"articles", t.articles},
                           {"documents", t.documents}, {"ar1", ToJson(t.ar1)},
                           {"ar2", ToJson(t.ar2)},     {"dates", ToJson(t.dates)},
                           {"seconds", t.seconds},     {"pipeline_seconds", t.pipeline_seconds}};
      jt["timelines"] = nlohmann::json::array();
      for (const RunResult& r : t.runs) {
        jt["timelines"].push_back({{"l", r.l},
                                   {"k", r.k},
                                   {"documents", r.documents},
                                   {"predicted_dates", r.predicted_dates},
                                   {"ar1", ToJson(r.scores.rouge1)},
                                   {"ar2", ToJson(r.scores.rouge2)},
                                   {"dates", ToJson(r.scores.dates)},
                                   {"seconds", r.seconds}});
      }
      j["topics"].push_back(jt);
    }
    j["mean"] = {{"ar1", ToJson(mean1)},
                 {"ar2", ToJson(mean2)},
                 {"dates", ToJson(mean_dates)},
                 {"runs", runs},
                 {"seconds_per_topic", per_topic},
                 {"pipeline_seconds_per_topic", pipeline_per_topic}};
    j["published"] = {{"system", "Datewise (news-tls)"},
                      {"ar1_f1", kDatewiseAr1},
                      {"ar2_f1", kDatewiseAr2},
                      {"date_f1", kDatewiseDateF1},
                      {"seconds_per_topic", kDatewiseSeconds}};
    out << j.dump() << "\n";
    return {};
  }

  out << "timeline17: " << topics.size() << " topic(s), " << runs << " gold timeline(s); " << threads
      << " pipeline thread(s); resources loaded in ";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f s", load_seconds);
  out << buf << "\n";
  out << "topic                    docs  dates/l  k             AR-1 F1 AR-2 F1 date F1  seconds  (pipeline s)\n";
  for (const TopicResult& t : topics) {
    std::string dates_l, ks;
    for (const RunResult& r : t.runs) {
      if (!dates_l.empty()) dates_l += ",", ks += ",";
      dates_l += std::to_string(r.predicted_dates) + "/" + std::to_string(r.l);
      ks += std::to_string(r.k);
    }
    char cols[64];
    std::snprintf(cols, sizeof cols, "%4zu  %s  k=%s", t.documents, dates_l.c_str(), ks.c_str());
    std::snprintf(buf, sizeof buf, "(%.2f)", t.pipeline_seconds);
    PrintRow(out, t.name, cols, t.ar1.f1, t.ar2.f1, t.dates.f1, t.seconds, buf);
  }
  std::snprintf(buf, sizeof buf, "(%.2f per topic)", pipeline_per_topic);
  PrintRow(out, "mean", "(P, R averaged; F1)", mean1.f1, mean2.f1, mean_dates.f1, per_topic, buf);
  PrintRow(out, "Datewise (published)", "news-tls, per topic", kDatewiseAr1, kDatewiseAr2, kDatewiseDateF1,
           kDatewiseSeconds, "");
  return {};
}

}  // namespace storyloom
