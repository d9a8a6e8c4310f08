// Ingest: inputs in, documents stored (Engine::Ingest, engine.h). Inputs are
// read and split into units in order; units go through the per-document
// pipeline on a pool of threads; documents are written in input order, so
// ids are the same whatever the thread count. Each input is stored whole or
// not at all: its row, its documents and their story placements share one
// transaction, and an input whose bytes are already in the store is skipped,
// so rerunning an interrupted ingest completes it (and re-ingesting is a
// no-op). Writers in other processes take turns on the store's write lock.
#ifndef STORYLOOM_INGEST_H_
#define STORYLOOM_INGEST_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "storyloom/document.h"

namespace storyloom {


// A problem with one input, reported as `path[:line]: message`.
struct InputIssue {
  std::string path;
  uint32_t line = 0;
  std::string message;
  bool skipped = false;  // the input (or line) was not ingested
  // Information, not a problem (what a web archive held beside its pages):
  // not counted in IngestReport::issues, no failure under --strict, and
  // not printed under --quiet.
  bool note = false;
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
  // Documents also go through annotation and the story stage: their
  // features and annotations are saved in the same transactions, and they
  // wait on the store's placement queue. false: documents only.
  bool stories = true;
  // With the story stage, once every input is stored, the placement queue
  // is placed (dedup, events, stories), as Engine::Place does. false:
  // documents are stored and queued only, for a placer to place later; so
  // several processes can share the per-document work while the placement
  // stays one ordered decision.
  bool place = true;
};

struct IngestProgress {
  // Set while ingest prepares, before any input is read: what it is doing
  // ("loading annotation tables and lexicons", "restoring stories").
  const char* preparing = nullptr;
  size_t inputs_done = 0;
  size_t inputs_total = 0;
  size_t documents = 0;
  size_t bytes = 0;
  size_t placed = 0;        // placing the queue: documents placed so far
  size_t place_total = 0;   // ... of this many (0: not placing yet)
};

struct IngestReport {
  size_t inputs = 0;           // read and stored
  size_t inputs_known = 0;     // already in the store: skipped
  size_t inputs_failed = 0;    // nothing readable
  size_t documents = 0;
  size_t documents_known = 0;  // items already stored with the same address and text: skipped
  size_t bytes = 0;            // input bytes read (after gunzip)
  size_t issues = 0;           // problems reported through on_issue
  size_t stories_new = 0;      // stories started
  size_t duplicates = 0;       // documents folded under a canonical one
  size_t merges = 0;           // stories merged into others
  size_t placed = 0;           // documents placed into stories
  size_t queued = 0;           // documents left on the placement queue
  size_t stories = 0;          // stories in the store afterwards (with the story stage on)
};

using IssueSink = std::function<void(const InputIssue&)>;
using ProgressSink = std::function<void(const IngestProgress&)>;

// An input already in memory (a request body); `name` is stored as its path
// and read for its format like a file name.
struct MemoryInput {
  std::string name;
  std::string bytes;
};

}  // namespace storyloom

#endif  // STORYLOOM_INGEST_H_
