// Engine: storyloom's front door. It opens a store, owns the resources the
// stages read (models and tables, loaded on the first call that needs them,
// or at once with Preload), and answers for everything a reader or a writer of news does:
// ingest, stories and their events, a story in full, a timeline, a document,
// and search.
//
//   EngineOptions options;
//   auto engine = Engine::Open("news.db", options);  // or "postgresql://..."
//   if (!engine) return engine.error();
//   auto report = (*engine)->Ingest({"feeds/"}, IngestOptions());
//   auto stories = (*engine)->ListStories(StoryFilter());
//   auto timeline = (*engine)->GetTimeline(stories->stories[0].id, TimelineOptions());
//
// Errors are values with a kind (status.h): a story or document that does
// not exist is kNotFound, a busy store kUnavailable, a bad argument
// kInvalidArgument.
//
// Thread-safe: any number of calls at once. Reads each take a store
// connection of their own from a pool; writes (ingest) go through one
// writer connection, one at a time. Several engines, in several processes,
// may share a store.
#ifndef STORYLOOM_ENGINE_H_
#define STORYLOOM_ENGINE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storyloom/document.h"
#include "storyloom/ingest.h"
#include "storyloom/resources.h"
#include "storyloom/search.h"
#include "storyloom/status.h"
#include "storyloom/store.h"
#include "storyloom/story.h"
#include "storyloom/timeline.h"

namespace storyloom {

struct EngineOptions {
  // Where the resources are (FindResources: the flags, then the environment,
  // then the installed share folder beside the binary, then the source tree).
  std::string resources_dir;
  std::string langid_model;
  // kCreate makes the store when absent (writers); kExisting fails, as not
  // found, when there is none (readers).
  Store::Mode mode = Store::Mode::kExisting;
  // Bilingual lexicon files or folders for the story stage and timelines
  // (empty: the default FreeDict and Wiktionary ones).
  std::vector<std::string> lexicons;
  StoryOptions story;  // how ingest places documents into stories
  // A write waits this long for another writer, then fails as unavailable.
  double wait_seconds = 600;
  // Called (at most once a minute) while a write waits for another writer.
  std::function<void()> on_wait;
};

class Engine {
 public:
  // Opens the store at `location` (a SQLite path, or a `postgresql://` URL).
  // Fails with the location in the message.
  static Result<std::unique_ptr<Engine>> Open(const std::string& location, const EngineOptions& options);
  // An engine over a store already open (the in-memory model store, say):
  // every call then uses that one connection, in turn.
  static Result<std::unique_ptr<Engine>> Open(std::unique_ptr<Store> store, const EngineOptions& options);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // The location given to Open ("" for a store given open), and its backend
  // ("sqlite", "postgresql", ...).
  const std::string& location() const;
  const char* backend() const;
  // Loads the language model and cleaning tables now, and with `stories`
  // the annotation tables and lexicons too, rather than on the first call
  // that needs them: a missing file is said at once (its name and how to
  // get it), and a server's first answer is not slow.
  Status Preload(bool stories);

  // Reads files, directories (recursive) and "-" (standard input) into the
  // store; see ingest.h for what is promised. Problems with single inputs go
  // to `on_issue` and do not fail the call; a store failure does.
  Result<IngestReport> Ingest(const std::vector<std::string>& paths, const IngestOptions& options,
                              const IssueSink& on_issue = nullptr, const ProgressSink& on_progress = nullptr);
  // The same over inputs held in memory (a request body).
  Result<IngestReport> IngestMemory(std::vector<MemoryInput> inputs, const IngestOptions& options,
                                    const IssueSink& on_issue = nullptr, const ProgressSink& on_progress = nullptr);
  // Places what waits on the store's placement queue (left there by ingests
  // with IngestOptions::place off, here or in other processes), in the
  // queue's order, options.batch_units documents a transaction, until it is
  // empty. Safe beside other writers; an interrupted call leaves the rest
  // queued. The report counts what was placed and the stories afterwards.
  Result<IngestReport> Place(const IngestOptions& options = IngestOptions(),
                             const ProgressSink& on_progress = nullptr);
  // The documents stored from the input with exactly these bytes, in id
  // order, each with its placement (none when no input has these bytes).
  Result<std::vector<DocumentView>> InputDocuments(std::string_view bytes);
  // Adds to the search index any document it lacks (those of a store made
  // before it had one); returns how many.
  Result<size_t> IndexUnindexed();

  // Stories the filter keeps, in its order. Summaries are cached per store
  // version: a second call costs little until someone places a document.
  Result<StoryList> ListStories(const StoryFilter& filter);
  // One story's summary (titles in `lang` where one exists); kNotFound when
  // there is no such story.
  Result<StorySummary> GetStorySummary(int64_t story, const std::string& lang = "");
  // One story in full: documents with their placements, events, merges.
  // kNotFound when there is no such story.
  Result<StoryView> GetStory(int64_t story, const std::string& lang = "");
  // The live story a story merged away now lives in (following later
  // merges of the survivor); 0 when `story` was never merged away.
  Result<int64_t> MergedInto(int64_t story);
  // A story's events, in the order they begin; kNotFound for no story.
  Result<std::vector<StoryEvent>> GetEvents(int64_t story);
  // A story's timeline with what a reader needs beside it (TimelineView).
  // Reads the annotations ingest stored. kNotFound for no story.
  Result<TimelineView> GetTimeline(int64_t story, const TimelineOptions& options);

  // Every stored document in id order, with paragraphs and sentences (no
  // removed spans); or a page of them: ids above `after`, at most `limit`.
  Result<std::vector<Document>> ListDocuments();
  Result<std::vector<Document>> ListDocuments(int64_t after, size_t limit);
  // One document in full with its placement; kNotFound when there is none.
  Result<DocumentView> GetDocument(int64_t id);
  // The tokens storyloom reads in a document's text (word, stem), as the
  // search index holds them.
  Result<std::vector<Token>> DocumentTokens(int64_t id);

  // Documents matching `text` (see search.h), best first, each with a
  // snippet. A text with no words matches nothing (an empty page).
  Result<SearchResults> Search(const std::string& text, const SearchOptions& options);

  // Changes whenever a placement or a merge is saved, by anyone: a reader
  // may cache what it built from stories under this key.
  Result<std::pair<int64_t, int64_t>> StoriesVersion();

 private:
  struct Rep;
  explicit Engine(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

}  // namespace storyloom

#endif  // STORYLOOM_ENGINE_H_
