// Drop folders: a crawler writes files into a folder and storyloom ingests
// each one once it has settled (no change for a moment, or closed after
// writing or moved in), until told to stop. Built on Linux's inotify.
//
//   WatchOptions o;
//   Status s = WatchFolder(*engine, "incoming/", o, [] { return stopping.load(); });
//
// A file is taken when it has been closed after writing, or moved in, and
// nothing has happened to it for the settle time; a file still open for
// writing waits however long its writer pauses. (Files already in the
// folder when the watch starts are taken once they stand still.) A file
// rewritten later is read again, and what it holds that is stored already
// is folded as copies.
//
// Safe to stop at any moment, and to kill: an input is stored whole or not
// at all (ingest.h), and a watch starts by ingesting what the folder holds,
// so a restart picks up whatever was not stored and skips, by content,
// whatever was. Files and folders whose names start with '.' and names
// ending in .part, .partial, .tmp, .crdownload, .download, .open or '~'
// (files still being written by their makers) are left alone until renamed.
// When an ingest fails (the store busy with another writer, or failing),
// its files are tried again after a while, and the watch goes on.
#ifndef STORYLOOM_WATCH_H_
#define STORYLOOM_WATCH_H_

#include <functional>
#include <string>
#include <vector>

#include "storyloom/engine.h"
#include "storyloom/ingest.h"
#include "storyloom/status.h"

namespace storyloom {

struct WatchOptions {
  IngestOptions ingest;
  // A file is taken once nothing has happened to it for this long (after it
  // was closed from writing, or moved in).
  double settle_seconds = 0.25;
  // How often the stop callback is asked.
  double poll_seconds = 0.1;
  // Paths never taken as input, by prefix: the store's file when it lies in
  // the watched folder ("news.db" covers news.db-wal and the rest).
  std::vector<std::string> ignore_prefixes;
};

// What one round of ingesting settled files did.
struct WatchRound {
  std::vector<std::string> files;
  IngestReport report;
  double seconds_since_settled = 0;  // from the last file settling to its commit
};

// Watches `dir` (and the folders made inside it) until `stop` returns true,
// ingesting settled files into `engine`. Fails when the folder cannot be
// watched or is removed; problems with single files, and failed ingests
// (tried again), go to `on_issue`.
Status WatchFolder(Engine& engine, const std::string& dir, const WatchOptions& options,
                   const std::function<bool()>& stop, const IssueSink& on_issue = nullptr,
                   const std::function<void(const WatchRound&)>& on_round = nullptr);

}  // namespace storyloom

#endif  // STORYLOOM_WATCH_H_
