#include "engine/ingest_driver.h"

#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <chrono>
#include <future>
#include <unordered_set>
#include <iostream>
#include <optional>
#include <iterator>
#include <memory>
#include <thread>

#include "engine/search_terms.h"
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
      r.terms.push_back(DocumentSearchTerms(d, segmenter));
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

// Reads input i (by name) into bytes; a warning may be left for the caller.
using InputSource = std::function<Result<std::string>(size_t i, std::string* warning)>;

// A test hook, read from STORYLOOM_KILL_AT ("commit:N", "write:N",
// "place:N" or "place-write:N"): the process kills itself (SIGKILL, as a
// crash would) after the Nth committed batch, or after the Nth batch's
// documents are written but before its commit; or the same for the Nth
// chunk of placements. The crash-and-resume tests use it to stop at exact points.
// STORYLOOM_PAUSE_AT, the same points, pauses there for a few seconds
// instead: a window for a test to send a real signal, however fast the
// machine.
struct KillHook {
  std::string point, pause_point;
  long at = 0, pause_at = 0;
  long seen = 0, pause_seen = 0;
  KillHook() {
    Parse("STORYLOOM_KILL_AT", &point, &at);
    Parse("STORYLOOM_PAUSE_AT", &pause_point, &pause_at);
  }
  static void Parse(const char* name, std::string* point, long* at) {
    const char* v = std::getenv(name);
    if (!v) return;
    std::string s = v;
    size_t colon = s.find(':');
    if (colon == std::string::npos) return;
    *point = s.substr(0, colon);
    *at = std::atol(s.c_str() + colon + 1);
  }
  void After(const std::string& what) {
    if (pause_point == what && ++pause_seen == pause_at) std::this_thread::sleep_for(std::chrono::seconds(5));
    if (point != what || ++seen != at) return;
    std::fflush(nullptr);
    ::kill(::getpid(), SIGKILL);
  }
};

// An input read and split, waiting for its transaction: its row is written
// there, beside its documents and their placements, so an input is in the
// store whole or not at all.
struct PendingInput {
  StoredInput meta;
  std::string bytes;     // verbatim, gzip included; dropped once written
  bool written = false;  // its row is in the open transaction (or it was found stored)
  int64_t id = 0;        // 0: another writer had stored it; its documents are dropped
};

Result<IngestReport> IngestInputs(const std::vector<std::string>& files, const InputSource& read_input,
                                  IngestReport report, const IngestRun& options, const Resources& resources,
                                  Store& store, const IssueSink& on_issue, const ProgressSink& on_progress) {
  auto issue = [&](const InputIssue& i) {
    if (!i.note) ++report.issues;
    if (on_issue) on_issue(i);
  };

  PipelineOptions popts;
  popts.forced_lang = options.forced_lang;
  UnitWorkers workers(options.threads, resources, popts, options.stories);
  ReadOptions ropts;
  ropts.format = options.format;
  ropts.keep_bad = options.keep_bad;
  KillHook kill_hook;
  const size_t batch_units = std::max<size_t>(1, options.batch_units);

  using InputRef = std::shared_ptr<PendingInput>;
  std::vector<InputUnit> batch;
  std::vector<InputRef> batch_inputs;  // each unit's input
  std::unordered_set<std::string> hashes_this_run;  // the same bytes twice in one run: stored once
  size_t batch_bytes = 0;
  IngestProgress progress;
  progress.inputs_total = files.size();

  // Writing one batch overlaps with processing the next: this thread stores
  // batch N while the workers clean and segment batch N+1. The workers (and
  // their Segmenters) serve one batch at a time, so batch N's results are
  // collected before batch N+1 starts.
  //
  // A transaction holds whole inputs: their rows, documents, search terms,
  // features and placements are committed together or not at all. It is
  // one batch, or, for an input too large for one batch, the several
  // batches it is cut into (memory stays bounded; the commit waits for its
  // last). Batches are cut by the inputs' own sizes, so a rerun after an
  // interruption, which skips the committed inputs, cuts the rest as the
  // first run did and places their documents in the same order.
  struct Processed {
    std::shared_ptr<const std::vector<InputUnit>> units;  // shared with the workers
    std::vector<InputRef> inputs;
    bool ends_input = true;  // its last unit is its input's last: the transaction may commit
    std::future<std::vector<UnitResult>> docs;
  };
  bool open = false;  // a transaction is open
  // However this function ends (an error, an exception from a worker or an
  // allocation), a transaction left open is undone, and the story index,
  // which may hold what it placed, is rebuilt when next used.
  struct Undo {
    std::function<void()> undo;
    ~Undo() { undo(); }
  } undo_open{[&] {
    if (!open) return;
    store.Rollback();
    open = false;
  }};
  std::optional<Processed> in_flight;  // declared after `workers`: destroyed (joined) first
  auto write_batch = [&](Processed& p, std::vector<UnitResult>& results) -> Status {
    std::vector<DocFeatures> features;
    for (size_t i = 0; i < p.units->size(); ++i) {
      PendingInput& in = *p.inputs[i];
      if (!in.written) {
        // Under the write lock, the input is looked for again: another
        // writer may have stored the same bytes since this one read them.
        in.written = true;
        if (store.FindInput(in.meta.content_hash)) {
          ++report.inputs_known;
        } else {
          auto id = store.AddInput(in.meta, in.bytes);
          if (!id) return Status::Error(in.meta.path + ": " + id.error().message());
          in.id = *id;
          ++report.inputs;
        }
        std::string().swap(in.bytes);
      }
      if (in.id == 0) continue;
      const InputUnit& u = (*p.units)[i];
      UnitResult& r = results[i];
      if (r.docs.empty()) {
        issue({u.path, u.line, "no text left after cleaning; nothing stored", false});
      }
      for (size_t j = 0; j < r.docs.size(); ++j) {
        // An item a feed snapshot or a re-crawl brings again, unchanged, is
        // not stored twice: its input (kept whole) is, and the document
        // already is. Changed text at the same address is a new document.
        if (!r.docs[j].url.empty()) {
          auto known = store.HasDocument(r.docs[j].url, r.docs[j].content_hash);
          if (!known) return Status::Error(u.path + ": " + known.error().message(), known.error().kind());
          if (*known) {
            ++report.documents_known;
            continue;
          }
        }
        STORYLOOM_RETURN_IF_ERROR(store.AddDocument(&r.docs[j], in.id));
        if (j < r.terms.size()) STORYLOOM_RETURN_IF_ERROR(store.IndexTerms(r.docs[j].id, r.terms[j]));
        ++report.documents;
        if (j < r.features.size()) {
          r.features[j].doc = r.docs[j].id;
          features.push_back(std::move(r.features[j]));
        }
      }
    }
    if (options.stories) STORYLOOM_RETURN_IF_ERROR(options.stories->Queue(std::move(features)));
    return Status::Ok();
  };
  auto store_batch = [&](Processed& p, std::vector<UnitResult> results) -> Status {
    Status st;
    if (!open) {
      st = store.Begin();
      open = st.ok();
    }
    if (st.ok()) st = write_batch(p, results);
    if (st.ok()) kill_hook.After("write");
    if (st.ok() && p.ends_input) {
      st = store.Commit();
      open = !st.ok();
    }
    if (!st.ok()) {
      // Nothing of the transaction is kept; the story index may hold what
      // the store does not: rebuilt when next used.
      store.Rollback();
      open = false;
      return st;
    }
    if (p.ends_input) {
      kill_hook.After("commit");
      progress.documents = report.documents;
      if (on_progress) on_progress(progress);
    }
    return Status::Ok();
  };
  auto flush = [&](bool ends_input) -> Status {
    if (batch.empty()) return Status::Ok();
    Processed next;
    next.units = std::make_shared<const std::vector<InputUnit>>(std::move(batch));
    next.inputs = std::move(batch_inputs);
    next.ends_input = ends_input;
    batch.clear();
    batch_inputs.clear();
    batch_bytes = 0;
    std::optional<std::vector<UnitResult>> done;
    if (in_flight) done = in_flight->docs.get();
    next.docs = std::async(std::launch::async, [&workers, units = next.units] { return workers.Run(*units); });
    Status st = in_flight ? store_batch(*in_flight, std::move(*done)) : Status::Ok();
    in_flight = std::move(next);
    return st;
  };
  // The batch in flight is collected (its workers read its units), and
  // stored unless an error came first.
  auto finish = [&](Status st) -> Status {
    if (in_flight) {
      auto results = in_flight->docs.get();
      if (st.ok()) st = store_batch(*in_flight, std::move(results));
      in_flight.reset();
    }
    return st;
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
    if (hashes_this_run.contains(hash) || store.FindInput(hash)) {
      ++report.inputs_known;
      continue;
    }
    ReadResult read = ReadInput(path, *bytes, ropts);
    for (const InputIssue& i : read.issues) issue(i);
    if (read.unreadable || read.units.empty()) {
      ++report.inputs_failed;
      continue;
    }
    hashes_this_run.insert(hash);
    auto in = std::make_shared<PendingInput>();
    in->meta.path = path;
    in->meta.content_hash = std::move(hash);
    in->meta.format = FormatName(read.format);
    in->meta.encoding = read.encoding;
    in->meta.invalid_bytes = read.invalid_bytes;
    in->bytes = std::move(*bytes);
    // An input that would overflow the batch starts the next one, so that
    // batches (and transactions) end where inputs end; only an input too
    // large for a batch of its own is cut, and committed after its last.
    size_t input_bytes = 0;
    for (const InputUnit& u : read.units) input_bytes += u.text.size();
    if (!batch.empty() && (batch_bytes + input_bytes >= kBatchBytes || batch.size() + read.units.size() > batch_units)) {
      Status st = flush(/*ends_input=*/true);
      if (!st.ok()) return Unexpected(finish(st));
    }
    for (size_t k = 0; k < read.units.size(); ++k) {
      InputUnit& u = read.units[k];
      batch_bytes += u.text.size();
      batch.push_back(std::move(u));
      batch_inputs.push_back(in);
      bool last = k + 1 == read.units.size();
      if (batch_bytes >= kBatchBytes || batch.size() >= batch_units) {
        Status st = flush(/*ends_input=*/last);
        if (!st.ok()) return Unexpected(finish(st));
      }
    }
  }
  Status st = flush(/*ends_input=*/true);
  st = finish(st);
  if (!st.ok()) return Unexpected(st);
  if (options.stories && options.place) {
    auto placed = PlaceQueued(options, store, on_progress);
    if (!placed) {
      // What was stored stays stored and queued: a rerun (or `storyloom
      // place`) places it.
      return Unexpected(placed.error().Prefixed(std::to_string(report.documents) +
                                                " document(s) stored and queued, not yet placed; "));
    }
    report.stories_new += placed->stories_new;
    report.duplicates += placed->duplicates;
    report.merges += placed->merges;
    report.placed += placed->placed;
    report.queued = placed->queued;
  } else if (options.stories) {
    auto queued = store.CountQueued();
    if (queued) report.queued = static_cast<size_t>(*queued);
  }
  return report;
}

}  // namespace

Result<IngestReport> PlaceQueued(const IngestRun& options, Store& store, const ProgressSink& on_progress) {
  IngestReport report;
  if (!options.stories) return Fail("placing: the story stage is not open", ErrorKind::kInvalidArgument);
  StoryStage& stage = *options.stories;
  KillHook kill_hook;
  IngestProgress progress;
  auto total = store.CountQueued();
  if (!total) return Unexpected(total.error());
  progress.place_total = static_cast<size_t>(*total);
  const size_t chunk = std::max<size_t>(1, options.batch_units);
  while (true) {
    // Each chunk is its own transaction: under the write lock the index
    // catches up with what other writers committed, then places the head
    // of the queue as it stands now.
    Status st = store.Begin();
    if (!st.ok()) return Unexpected(st);
    PlaceReport placed;
    size_t n = 0;
    st = stage.Sync();
    if (st.ok()) st = stage.PlaceQueued(chunk, &placed, &n);
    if (st.ok() && n > 0) kill_hook.After("place-write");
    if (st.ok()) st = store.Commit();
    if (!st.ok()) {
      store.Rollback();
      stage.Invalidate();
      return Unexpected(st.Prefixed("placing: "));
    }
    if (n == 0) break;
    kill_hook.After("place");
    report.placed += placed.placed;
    report.stories_new += placed.new_stories;
    report.duplicates += placed.duplicates;
    report.merges += placed.merges;
    progress.placed = report.placed;
    // Other writers may have queued more meanwhile.
    progress.place_total = std::max(progress.place_total, progress.placed);
    if (on_progress) on_progress(progress);
  }
  auto left = store.CountQueued();
  if (left) report.queued = static_cast<size_t>(*left);
  return report;
}

Result<IngestReport> Ingest(const std::vector<std::string>& paths, const IngestRun& options,
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

Result<IngestReport> IngestMemory(std::vector<MemoryInput> inputs, const IngestRun& options,
                                  const Resources& resources, Store& store, const IssueSink& on_issue,
                                  const ProgressSink& on_progress) {
  std::vector<std::string> names;
  for (const MemoryInput& in : inputs) names.push_back(in.name);
  auto read = [&inputs](size_t i, std::string*) -> Result<std::string> { return std::move(inputs[i].bytes); };
  return IngestInputs(names, read, IngestReport{}, options, resources, store, on_issue, on_progress);
}

}  // namespace storyloom
