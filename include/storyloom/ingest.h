// Ingest: paths in, documents stored. Inputs are read and split into units
// in order; units go through the per-document pipeline on a pool of threads;
// documents are written in input order, so ids are the same whatever the
// thread count. Each input is stored whole or not at all: its row, its
// documents and their story placements share one transaction, and an input
// whose bytes are already in the store is skipped, so rerunning an
// interrupted ingest completes it (and re-ingesting is a no-op). Writers in
// other processes take turns on the store's write lock.
#ifndef STORYLOOM_INGEST_H_
#define STORYLOOM_INGEST_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "storyloom/document.h"
#include "storyloom/pipeline.h"
#include "storyloom/resources.h"
#include "storyloom/store.h"

namespace storyloom {

class StoryStage;

// A problem with one input, reported as `path[:line]: message`.
struct InputIssue {
  std::string path;
  uint32_t line = 0;
  std::string message;
  bool skipped = false;  // the input (or line) was not ingested
};

struct IngestOptions {
  Format format = Format::kAuto;
  std::string forced_lang;
  bool keep_bad = false;  // keep malformed JSONL lines as text documents
  int threads = 1;
  // Units (documents, before cleaning) a batch holds at most; a transaction
  // is one batch or more, always whole inputs. Smaller batches commit more
  // often: less is redone after an interruption.
  size_t batch_units = 2048;
  // When set, documents also go through annotation and the story stage
  // (dedup, stories), saved in the same transactions.
  StoryStage* stories = nullptr;
};

struct IngestProgress {
  size_t inputs_done = 0;
  size_t inputs_total = 0;
  size_t documents = 0;
  size_t bytes = 0;
};

struct IngestReport {
  size_t inputs = 0;           // read and stored
  size_t inputs_known = 0;     // already in the store: skipped
  size_t inputs_failed = 0;    // nothing readable
  size_t documents = 0;
  size_t bytes = 0;            // input bytes read (after gunzip)
  size_t issues = 0;           // problems reported through on_issue
  size_t stories_new = 0;      // stories started
  size_t duplicates = 0;       // documents folded under a canonical one
  size_t merges = 0;           // stories merged into others
};

using IssueSink = std::function<void(const InputIssue&)>;
using ProgressSink = std::function<void(const IngestProgress&)>;

Result<IngestReport> Ingest(const std::vector<std::string>& paths, const IngestOptions& options,
                            const Resources& resources, Store& store, const IssueSink& on_issue,
                            const ProgressSink& on_progress);

// An input already in memory (a request body); `name` is stored as its path
// and read for its format like a file name.
struct MemoryInput {
  std::string name;
  std::string bytes;
};

// Ingest over inputs in memory: the same reading, pipeline and story stage.
Result<IngestReport> IngestMemory(std::vector<MemoryInput> inputs, const IngestOptions& options,
                                  const Resources& resources, Store& store, const IssueSink& on_issue,
                                  const ProgressSink& on_progress);

}  // namespace storyloom

#endif  // STORYLOOM_INGEST_H_
