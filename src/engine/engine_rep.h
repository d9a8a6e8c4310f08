// What an Engine holds (engine.h), shared by its files: the resources, the
// writer connection with the story stage, the pool of read connections, and
// the story summaries cached per store version.
#ifndef STORYLOOM_ENGINE_ENGINE_REP_H_
#define STORYLOOM_ENGINE_ENGINE_REP_H_

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/ingest_driver.h"
#include "stories/story_resources.h"
#include "stories/story_stage.h"
#include "storyloom/engine.h"
#include "text/segment.h"

namespace storyloom {

// A store connection with the segmenter that reads queries beside it.
struct Connection {
  std::unique_ptr<Store> store;
  Segmenter segmenter;
};

// Story summaries for one title language, at one store version.
struct StoriesSnapshot {
  std::pair<int64_t, int64_t> version;
  std::vector<StorySummary> stories;          // largest first
  std::unordered_map<int64_t, size_t> index;  // id -> position
};

struct Engine::Rep {
  static Result<std::unique_ptr<Rep>> Make(std::string location, std::unique_ptr<Store> store,
                                           const EngineOptions& options);

  std::string location;  // empty: one connection given open (`shared` mode)
  EngineOptions options;

  // The models and tables, and the annotation tables and lexicons: each
  // loaded on first need (or by Preload), once.
  std::once_flag resources_once, story_resources_once;
  Result<std::unique_ptr<Resources>> resources = std::unique_ptr<Resources>();
  Result<std::unique_ptr<StoryResources>> story_resources = std::unique_ptr<StoryResources>();
  Result<const Resources*> ResourcesOrError();
  Result<const StoryResources*> StoryResourcesOrError();

  // The writer: one connection, the story stage over it, one write at a
  // time. Without a location it is also every reader's connection.
  std::mutex writer_mu;
  std::unique_ptr<Connection> writer;
  std::unique_ptr<StoryStage> stage;

  std::mutex readers_mu;
  std::vector<std::unique_ptr<Connection>> idle_readers;

  std::mutex stories_mu, stories_build_mu;
  std::map<std::string, std::shared_ptr<const StoriesSnapshot>> stories;

  // A read connection for the length of one call: the pool's (given back
  // when done), or the writer's in shared mode (held locked).
  class Reader {
   public:
    explicit Reader(Rep& rep) : rep_(rep) {}
    Reader(Reader&&) = default;
    ~Reader();
    Store& store() { return *c_->store; }
    Segmenter& segmenter() { return c_->segmenter; }

   private:
    friend struct Rep;
    Rep& rep_;
    std::unique_ptr<Connection> owned_;
    Connection* c_ = nullptr;
    std::unique_lock<std::mutex> lock_;
  };
  Result<Reader> AcquireReader();

  // Runs one ingest on the writer, with the story stage opened (and
  // restored from the store) on the first ingest that places documents.
  using IngestCall = std::function<Result<IngestReport>(const IngestRun&, const Resources&, Store&)>;
  Result<IngestReport> IngestWith(const IngestOptions& options, const ProgressSink& on_progress,
                                  const IngestCall& run);

  // The story summaries for `lang` at the store's current version.
  Result<std::shared_ptr<const StoriesSnapshot>> Stories(Reader& reader, const std::string& lang);
};

}  // namespace storyloom

#endif  // STORYLOOM_ENGINE_ENGINE_REP_H_
