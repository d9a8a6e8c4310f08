#include "storyloom/ingest.h"

#include <future>
#include <iostream>
#include <optional>
#include <iterator>
#include <memory>
#include <thread>

#include "ingest/decode.h"
#include "ingest/reader.h"
#include "stories/story_stage.h"
#include "text/segment.h"

namespace storyloom {

namespace {

// Runs the per-document pipeline over a batch of units on `threads` threads;
// each thread keeps its own Segmenter across batches.
// What the workers make of one unit: its documents and, with the story
// stage on, their features (tokens are dropped once features have them).
struct UnitResult {
  std::vector<Document> docs;
  std::vector<DocFeatures> features;
  std::vector<SearchTerms> terms;  // for the full-text index, one a document
};

class UnitWorkers {
 public:
  UnitWorkers(int threads, const Resources& resources, const PipelineOptions& options, const StoryStage* stories)
      : resources_(resources), options_(options), stories_(stories) {
    options_.with_tokens = true;  // the full-text index reads them; so does the story stage
    for (int i = 0; i < std::max(1, threads); ++i) segmenters_.push_back(std::make_unique<Segmenter>());
  }

  std::vector<UnitResult> Run(const std::vector<InputUnit>& units) {
    std::vector<UnitResult> out(units.size());
    if (segmenters_.size() == 1 || units.size() == 1) {
      for (size_t i = 0; i < units.size(); ++i) out[i] = One(units[i], *segmenters_[0]);
      return out;
    }
    std::atomic<size_t> next{0};
    std::vector<std::thread> threads;
    for (auto& seg : segmenters_) {
      threads.emplace_back([&, s = seg.get()] {
        for (size_t i = next++; i < units.size(); i = next++) out[i] = One(units[i], *s);
      });
    }
    for (auto& t : threads) t.join();
    return out;
  }

 private:
  UnitResult One(const InputUnit& unit, Segmenter& segmenter) const {
    UnitResult r;
    r.docs = ProcessUnit(unit, resources_, segmenter, options_);
    for (Document& d : r.docs) {
      r.terms.push_back(SearchTermsOf(d.tokens));
      if (stories_) r.features.push_back(stories_->Features(d));
      d.tokens.clear();
      d.tokens.shrink_to_fit();
    }
    return r;
  }

  const Resources& resources_;
  PipelineOptions options_;
  const StoryStage* stories_;
  std::vector<std::unique_ptr<Segmenter>> segmenters_;
};

constexpr size_t kBatchBytes = 4 << 20;
constexpr size_t kBatchUnits = 2048;

// Reads input i (by name) into bytes; a warning may be left for the caller.
using InputSource = std::function<Result<std::string>(size_t i, std::string* warning)>;

Result<IngestReport> IngestInputs(const std::vector<std::string>& files, const InputSource& read_input,
                                  IngestReport report, const IngestOptions& options, const Resources& resources,
                                  Store& store, const IssueSink& on_issue, const ProgressSink& on_progress) {
  auto issue = [&](const InputIssue& i) {
    ++report.issues;
    if (on_issue) on_issue(i);
  };

  PipelineOptions popts;
  popts.forced_lang = options.forced_lang;
  UnitWorkers workers(options.threads, resources, popts, options.stories);
  ReadOptions ropts;
  ropts.format = options.format;
  ropts.keep_bad = options.keep_bad;

  std::vector<InputUnit> batch;
  std::vector<int64_t> batch_inputs;
  size_t batch_bytes = 0;
  IngestProgress progress;
  progress.inputs_total = files.size();

  // Writing one batch overlaps with processing the next: this thread stores
  // batch N while the workers clean and segment batch N+1. The workers (and
  // their Segmenters) serve one batch at a time, so batch N's results are
  // collected before batch N+1 starts.
  struct Processed {
    std::shared_ptr<const std::vector<InputUnit>> units;  // shared with the workers
    std::vector<int64_t> inputs;
    std::future<std::vector<UnitResult>> docs;
  };
  std::optional<Processed> in_flight;  // declared after `workers`: destroyed (joined) first
  auto store_batch = [&](Processed& p, std::vector<UnitResult> results) -> Status {
    STORYLOOM_RETURN_IF_ERROR(store.Begin());
    std::vector<DocFeatures> features;
    for (size_t i = 0; i < p.units->size(); ++i) {
      const InputUnit& u = (*p.units)[i];
      UnitResult& r = results[i];
      if (r.docs.empty()) {
        issue({u.path, u.line, "no text left after cleaning; nothing stored", false});
      }
      for (size_t j = 0; j < r.docs.size(); ++j) {
        STORYLOOM_RETURN_IF_ERROR(store.AddDocument(&r.docs[j], p.inputs[i]));
        if (j < r.terms.size()) STORYLOOM_RETURN_IF_ERROR(store.IndexTerms(r.docs[j].id, r.terms[j]));
        ++report.documents;
        if (j < r.features.size()) {
          r.features[j].doc = r.docs[j].id;
          features.push_back(std::move(r.features[j]));
        }
      }
    }
    if (options.stories) {
      PlaceReport placed;
      STORYLOOM_RETURN_IF_ERROR(options.stories->Place(std::move(features), &placed));
      report.stories_new += placed.new_stories;
      report.duplicates += placed.duplicates;
      report.merges += placed.merges;
    }
    STORYLOOM_RETURN_IF_ERROR(store.Commit());
    progress.documents = report.documents;
    if (on_progress) on_progress(progress);
    return Status::Ok();
  };
  auto flush = [&]() -> Status {
    if (batch.empty()) return Status::Ok();
    Processed next;
    next.units = std::make_shared<const std::vector<InputUnit>>(std::move(batch));
    next.inputs = std::move(batch_inputs);
    batch.clear();
    batch_inputs.clear();
    batch_bytes = 0;
    std::optional<std::vector<UnitResult>> done;
    if (in_flight) done = in_flight->docs.get();
    next.docs = std::async(std::launch::async, [&workers, units = next.units] { return workers.Run(*units); });
    if (in_flight) STORYLOOM_RETURN_IF_ERROR(store_batch(*in_flight, std::move(*done)));
    in_flight = std::move(next);
    return Status::Ok();
  };

  for (size_t file = 0; file < files.size(); ++file) {
    const std::string& path = files[file];
    std::string warning;
    Result<std::string> bytes = read_input(file, &warning);
    ++progress.inputs_done;
    if (!bytes) {
      issue({path, 0, bytes.error().message(), true});
      ++report.inputs_failed;
      continue;
    }
    if (!warning.empty()) issue({path, 0, warning, false});
    report.bytes += bytes->size();
    progress.bytes = report.bytes;
    std::string hash = ContentHash(*bytes);
    if (store.FindInput(hash)) {
      ++report.inputs_known;
      continue;
    }
    ReadResult read = ReadInput(path, *bytes, ropts);
    for (const InputIssue& i : read.issues) issue(i);
    if (read.unreadable || read.units.empty()) {
      ++report.inputs_failed;
      continue;
    }
    // The raw bytes as they came (gzip included) are kept verbatim.
    StoredInput in;
    in.path = path;
    in.content_hash = hash;
    in.format = FormatName(read.format);
    in.encoding = read.encoding;
    in.invalid_bytes = read.invalid_bytes;
    auto input_id = [&] {
      // Inputs are written at once (their ids are needed), in their own
      // short transaction.
      Status st = store.Begin();
      if (!st.ok()) return Result<int64_t>(Unexpected(st));
      auto id = store.AddInput(in, *bytes);
      st = store.Commit();
      if (id && !st.ok()) return Result<int64_t>(Unexpected(st));
      return id;
    }();
    if (!input_id) return Unexpected(input_id.error());
    ++report.inputs;
    for (InputUnit& u : read.units) {
      batch_bytes += u.text.size();
      batch.push_back(std::move(u));
      batch_inputs.push_back(*input_id);
    }
    if (batch_bytes >= kBatchBytes || batch.size() >= kBatchUnits) STORYLOOM_RETURN_IF_ERROR(flush());
  }
  STORYLOOM_RETURN_IF_ERROR(flush());
  if (in_flight) STORYLOOM_RETURN_IF_ERROR(store_batch(*in_flight, in_flight->docs.get()));
  return report;
}

}  // namespace

Result<IngestReport> Ingest(const std::vector<std::string>& paths, const IngestOptions& options,
                            const Resources& resources, Store& store, const IssueSink& on_issue,
                            const ProgressSink& on_progress) {
  IngestReport report;
  std::vector<InputIssue> path_issues;
  std::vector<std::string> files = ExpandInputPaths(paths, &path_issues);
  for (const InputIssue& i : path_issues) {
    ++report.issues;
    if (on_issue) on_issue(i);
    if (i.skipped) ++report.inputs_failed;
  }
  auto read = [&files](size_t i, std::string* warning) -> Result<std::string> {
    if (files[i] == "-") {
      std::string data((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
      return MaybeGunzip(std::move(data), "-", warning);
    }
    return ReadFileBytes(files[i], warning);
  };
  return IngestInputs(files, read, report, options, resources, store, on_issue, on_progress);
}

Result<IngestReport> IngestMemory(std::vector<MemoryInput> inputs, const IngestOptions& options,
                                  const Resources& resources, Store& store, const IssueSink& on_issue,
                                  const ProgressSink& on_progress) {
  std::vector<std::string> names;
  for (const MemoryInput& in : inputs) names.push_back(in.name);
  auto read = [&inputs](size_t i, std::string*) -> Result<std::string> { return std::move(inputs[i].bytes); };
  return IngestInputs(names, read, IngestReport{}, options, resources, store, on_issue, on_progress);
}

}  // namespace storyloom
