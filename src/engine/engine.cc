// The engine's front: opening the store, the resources loaded once on first
// need, the writer and the pool of read connections, and ingest.
#include "storyloom/engine.h"

#include <algorithm>

#include "engine/ingest_driver.h"
#include "engine/engine_rep.h"
#include "engine/search_terms.h"
#include "storyloom/pipeline.h"

namespace storyloom {

Result<const Resources*> Engine::Rep::ResourcesOrError() {
  std::call_once(resources_once, [this] {
    resources = Resources::Load(FindResources(options.resources_dir, options.langid_model));
  });
  if (!resources) return Unexpected(resources.error());
  return resources->get();
}

Result<const StoryResources*> Engine::Rep::StoryResourcesOrError() {
  std::call_once(story_resources_once, [this] {
    story_resources = StoryResources::Load(FindResources(options.resources_dir, options.langid_model), {},
                                           options.lexicons);
  });
  if (!story_resources) return Unexpected(story_resources.error());
  return story_resources->get();
}

Engine::Rep::Reader::~Reader() {
  if (!owned_) return;
  std::lock_guard lock(rep_.readers_mu);
  rep_.idle_readers.push_back(std::move(owned_));
}

Result<Engine::Rep::Reader> Engine::Rep::AcquireReader() {
  Reader r(*this);
  if (location.empty()) {
    r.lock_ = std::unique_lock<std::mutex>(writer_mu);
    r.c_ = writer.get();
    return r;
  }
  {
    std::lock_guard lock(readers_mu);
    if (!idle_readers.empty()) {
      r.owned_ = std::move(idle_readers.back());
      idle_readers.pop_back();
    }
  }
  if (!r.owned_) {
    auto store = Store::Open(location, Store::Mode::kExisting);
    if (!store) {
      // The store could not be read at all: unavailable, unless it is damaged.
      const ErrorKind k = store.error().kind();
      const bool lasting = k == ErrorKind::kCorruption || k == ErrorKind::kConflict;
      return Fail("cannot read the store: " + store.error().message(), lasting ? k : ErrorKind::kUnavailable);
    }
    r.owned_ = std::make_unique<Connection>();
    r.owned_->store = std::move(*store);
  }
  r.c_ = r.owned_.get();
  return r;
}

Engine::Engine(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
Engine::~Engine() = default;

Result<std::unique_ptr<Engine::Rep>> Engine::Rep::Make(std::string location, std::unique_ptr<Store> store,
                                                       const EngineOptions& options) {
  auto rep = std::make_unique<Rep>();
  rep->location = std::move(location);
  rep->options = options;
  store->SetWaitSeconds(options.wait_seconds);
  if (options.on_wait) store->OnWait(options.on_wait);
  rep->writer = std::make_unique<Connection>();
  rep->writer->store = std::move(store);
  return rep;
}

Result<std::unique_ptr<Engine>> Engine::Open(const std::string& location, const EngineOptions& options) {
  if (location.empty()) return Fail("no store given (a SQLite path or a postgresql:// URL)", ErrorKind::kInvalidArgument);
  auto store = Store::Open(location, options.mode);
  if (!store) return Unexpected(store.error());
  auto rep = Rep::Make(location, std::move(*store), options);
  if (!rep) return Unexpected(rep.error());
  return std::unique_ptr<Engine>(new Engine(std::move(*rep)));
}

Result<std::unique_ptr<Engine>> Engine::Open(std::unique_ptr<Store> store, const EngineOptions& options) {
  if (!store) return Fail("no store given", ErrorKind::kInvalidArgument);
  auto rep = Rep::Make("", std::move(store), options);
  if (!rep) return Unexpected(rep.error());
  return std::unique_ptr<Engine>(new Engine(std::move(*rep)));
}

const std::string& Engine::location() const { return rep_->location; }
const char* Engine::backend() const { return rep_->writer->store->Backend(); }

Status Engine::Preload(bool stories) {
  if (auto r = rep_->ResourcesOrError(); !r) return r.error();
  if (!stories) return Status::Ok();
  if (auto r = rep_->StoryResourcesOrError(); !r) return r.error();
  return Status::Ok();
}

Result<IngestReport> Engine::Rep::IngestWith(const IngestOptions& options, const ProgressSink& on_progress,
                                             const IngestCall& run) {
  Rep& rep = *this;
  auto resources = rep.ResourcesOrError();
  if (!resources) return Unexpected(resources.error());
  auto say = [&](const char* what) {
    if (!on_progress) return;
    IngestProgress p;
    p.preparing = what;
    on_progress(p);
  };
  std::lock_guard lock(rep.writer_mu);
  IngestRun ingest(options);
  if (options.stories) {
    if (!rep.stage) {
      say("loading annotation tables and lexicons");
      auto story_resources = rep.StoryResourcesOrError();
      if (!story_resources) return Unexpected(story_resources.error());
      if (options.place) {
        say("restoring stories");
        auto stage = StoryStage::Open(*rep.writer->store, **story_resources, rep.options.story);
        if (!stage) return Unexpected(stage.error().Prefixed("opening the story stage: "));
        rep.stage = std::move(*stage);
      } else {
        // Only queueing: the story index is restored when something places.
        rep.stage = StoryStage::OpenForQueueing(*rep.writer->store, **story_resources, rep.options.story);
      }
    }
    ingest.stories = rep.stage.get();
  }
  auto report = run(ingest, **resources, *rep.writer->store);
  if (report && ingest.stories && options.place) report->stories = ingest.stories->index().live_stories();
  return report;
}

Result<IngestReport> Engine::Place(const IngestOptions& options, const ProgressSink& on_progress) {
  IngestOptions placing = options;
  placing.stories = true;
  placing.place = true;
  return rep_->IngestWith(placing, on_progress, [&](const IngestRun& run, const Resources&, Store& store) {
    return PlaceQueued(run, store, on_progress);
  });
}

Result<IngestReport> Engine::Ingest(const std::vector<std::string>& paths, const IngestOptions& options,
                                    const IssueSink& on_issue, const ProgressSink& on_progress) {
  return rep_->IngestWith(options, on_progress, [&](const IngestRun& run, const Resources& r, Store& store) {
    return storyloom::Ingest(paths, run, r, store, on_issue, on_progress);
  });
}

Result<IngestReport> Engine::IngestMemory(std::vector<MemoryInput> inputs, const IngestOptions& options,
                                          const IssueSink& on_issue, const ProgressSink& on_progress) {
  return rep_->IngestWith(options, on_progress, [&](const IngestRun& run, const Resources& r, Store& store) {
    return storyloom::IngestMemory(std::move(inputs), run, r, store, on_issue, on_progress);
  });
}

Result<std::vector<DocumentView>> Engine::InputDocuments(std::string_view bytes) {
  std::lock_guard lock(rep_->writer_mu);
  Store& store = *rep_->writer->store;
  std::vector<DocumentView> out;
  std::optional<StoredInput> input = store.FindInput(ContentHash(bytes));
  if (!input) return out;
  auto ids = store.InputDocumentIds(input->id);
  if (!ids) return Unexpected(ids.error());
  for (int64_t id : *ids) {
    auto d = store.GetDocument(id);
    if (!d) return Unexpected(d.error());
    out.push_back({std::move(*d), store.Placement(id)});
  }
  return out;
}

Result<size_t> Engine::IndexUnindexed() {
  // Stores made before the full-text index: their documents are read with
  // the segmenter and indexed now, a transaction every thousand.
  std::lock_guard lock(rep_->writer_mu);
  Store& store = *rep_->writer->store;
  auto missing = store.UnindexedDocuments();
  if (!missing) return Unexpected(missing.error());
  size_t indexed = 0;
  for (size_t i = 0; i < missing->size(); i += 1000) {
    Transaction txn(store);
    STORYLOOM_RETURN_IF_ERROR(txn.status());
    for (size_t j = i; j < std::min(missing->size(), i + 1000); ++j) {
      auto d = store.GetDocument((*missing)[j]);
      if (!d) continue;
      rep_->writer->segmenter.Segment(&*d, {}, true);
      STORYLOOM_RETURN_IF_ERROR(store.IndexTerms(d->id, DocumentSearchTerms(*d, rep_->writer->segmenter)));
      ++indexed;
    }
    STORYLOOM_RETURN_IF_ERROR(txn.Commit());
  }
  return indexed;
}

Result<std::pair<int64_t, int64_t>> Engine::StoriesVersion() {
  auto reader = rep_->AcquireReader();
  if (!reader) return Unexpected(reader.error());
  return reader->store().StoriesVersion();
}

}  // namespace storyloom
