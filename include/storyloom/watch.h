// Drop folders: a crawler writes files into a folder and storyloom ingests
// each one once it has settled (no change for a moment, or closed after
// writing or moved in), until told to stop. Built on Linux's inotify.
//
//   WatchOptions o;
//   Status s = WatchFolder(*engine, "incoming/", o, [] { return stopping.load(); });
//
// Safe to stop at any moment, and to kill: an input is stored whole or not
// at all (ingest.h), and a watch starts by ingesting what the folder holds,
// so a restart picks up whatever was not stored and skips, by content,
// whatever was. Files and folders whose names start with '.' and names
// ending in .part, .tmp, .crdownload or '~' (files still being written by
// their makers) are left alone until renamed.
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
};

// What one round of ingesting settled files did.
struct WatchRound {
  std::vector<std::string> files;
  IngestReport report;
  double seconds_since_settled = 0;  // from the last file settling to its commit
};

// Watches `dir` (and the folders made inside it) until `stop` returns true,
// ingesting settled files into `engine`. Fails when the folder cannot be
// watched or the store fails; problems with single files go to `on_issue`.
Status WatchFolder(Engine& engine, const std::string& dir, const WatchOptions& options,
                   const std::function<bool()>& stop, const IssueSink& on_issue = nullptr,
                   const std::function<void(const WatchRound&)>& on_round = nullptr);

}  // namespace storyloom

#endif  // STORYLOOM_WATCH_H_
