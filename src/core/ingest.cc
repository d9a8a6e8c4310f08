#include "storyloom/ingest.h"

#include <iostream>
#include <iterator>
#include <memory>
#include <thread>

#include "ingest/decode.h"
#include "ingest/reader.h"
#include "text/segment.h"

namespace storyloom {

namespace {

// Runs the per-document pipeline over a batch of units on `threads` threads;
// each thread keeps its own Segmenter across batches.
class UnitWorkers {
 public:
  UnitWorkers(int threads, const Resources& resources, const PipelineOptions& options)
      : resources_(resources), options_(options) {
    for (int i = 0; i < std::max(1, threads); ++i) segmenters_.push_back(std::make_unique<Segmenter>());
  }

  std::vector<std::vector<Document>> Run(const std::vector<InputUnit>& units) {
    std::vector<std::vector<Document>> out(units.size());
    if (segmenters_.size() == 1 || units.size() == 1) {
      for (size_t i = 0; i < units.size(); ++i) out[i] = ProcessUnit(units[i], resources_, *segmenters_[0], options_);
      return out;
    }
    std::atomic<size_t> next{0};
    std::vector<std::thread> threads;
    for (auto& seg : segmenters_) {
      threads.emplace_back([&, s = seg.get()] {
        for (size_t i = next++; i < units.size(); i = next++) out[i] = ProcessUnit(units[i], resources_, *s, options_);
      });
    }
    for (auto& t : threads) t.join();
    return out;
  }

 private:
  const Resources& resources_;
  PipelineOptions options_;
  std::vector<std::unique_ptr<Segmenter>> segmenters_;
};

constexpr size_t kBatchBytes = 4 << 20;
constexpr size_t kBatchUnits = 2048;

}  // namespace

Result<IngestReport> Ingest(const std::vector<std::string>& paths, const IngestOptions& options,
                            const Resources& resources, Store& store, const IssueSink& on_issue,
                            const ProgressSink& on_progress) {
  IngestReport report;
  auto issue = [&](const InputIssue& i) {
    ++report.issues;
    if (on_issue) on_issue(i);
  };
  std::vector<InputIssue> path_issues;
  std::vector<std::string> files = ExpandInputPaths(paths, &path_issues);
  for (const InputIssue& i : path_issues) {
    issue(i);
    if (i.skipped) ++report.inputs_failed;
  }

  PipelineOptions popts;
  popts.forced_lang = options.forced_lang;
  UnitWorkers workers(options.threads, resources, popts);
  ReadOptions ropts;
  ropts.format = options.format;
  ropts.keep_bad = options.keep_bad;

  std::vector<InputUnit> batch;
  std::vector<int64_t> batch_inputs;
  size_t batch_bytes = 0;
  IngestProgress progress;
  progress.inputs_total = files.size();

  auto flush = [&]() -> Status {
    if (batch.empty()) return Status::Ok();
    std::vector<std::vector<Document>> docs = workers.Run(batch);
    for (size_t i = 0; i < batch.size(); ++i) {
      if (docs[i].empty()) {
        issue({batch[i].path, batch[i].line, "no text left after cleaning; nothing stored", false});
      }
      for (Document& d : docs[i]) {
        STORYLOOM_RETURN_IF_ERROR(store.AddDocument(&d, batch_inputs[i]));
        ++report.documents;
      }
    }
    STORYLOOM_RETURN_IF_ERROR(store.Commit());
    batch.clear();
    batch_inputs.clear();
    batch_bytes = 0;
    progress.documents = report.documents;
    if (on_progress) on_progress(progress);
    return Status::Ok();
  };

  STORYLOOM_RETURN_IF_ERROR(store.Begin());
  for (const std::string& path : files) {
    std::string warning;
    Result<std::string> bytes;
    if (path == "-") {
      std::string data((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
      bytes = MaybeGunzip(std::move(data), "-", &warning);
    } else {
      bytes = ReadFileBytes(path, &warning);
    }
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
    if (auto known = store.FindInput(hash)) {
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
    auto input_id = store.AddInput(in, *bytes);
    if (!input_id) return std::unexpected(input_id.error());
    ++report.inputs;
    for (InputUnit& u : read.units) {
      batch_bytes += u.text.size();
      batch.push_back(std::move(u));
      batch_inputs.push_back(*input_id);
    }
    if (batch_bytes >= kBatchBytes || batch.size() >= kBatchUnits) {
      STORYLOOM_RETURN_IF_ERROR(flush());
      STORYLOOM_RETURN_IF_ERROR(store.Begin());
    }
  }
  STORYLOOM_RETURN_IF_ERROR(flush());
  if (batch.empty() && report.documents == 0) {
    // flush() committed only when there was a batch; close the transaction.
    store.Commit();
  }
  return report;
}

}  // namespace storyloom
