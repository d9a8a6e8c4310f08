// The PostgreSQL backend: one database shared by many ingest processes on
// many machines and many read-only servers. Writers take turns on a
// transaction-level advisory lock (the store's write lock), which the
// server grants in the order it was asked for; every write transaction
// bumps a one-row counter, so that a connection can tell another's commits
// from its own (DataVersion).
#ifndef STORYLOOM_STORE_POSTGRESQL_PG_STORE_H_
#define STORYLOOM_STORE_POSTGRESQL_PG_STORE_H_

#include <chrono>
#include <memory>
#include <string>

#include "storyloom/store.h"

namespace storyloom {

namespace pg {
class Connection;
}

class PgStore {
 public:
  // Connects to `url` (postgresql://...) and migrates its schema.
  static Result<std::unique_ptr<Store>> Open(const std::string& url, Store::Mode mode);
};

class PgStoreImpl final : public Store {
 public:
  ~PgStoreImpl() override;

  const char* Backend() const override { return "postgresql"; }
  Status Begin() override;
  Status Commit() override;
  void Rollback() override;
  int64_t DataVersion() override;
  Result<std::pair<int64_t, int64_t>> StorySeqs() override;
  Result<int64_t> MaxStoryId() override;
  Result<std::vector<int64_t>> InputDocumentIds(int64_t input_id) override;
  std::optional<StoredInput> FindInput(const std::string& content_hash) override;
  Result<int64_t> AddInput(const StoredInput& input, std::string_view raw) override;
  Result<bool> HasDocument(const std::string& url, const std::string& content_hash) override;
  Status AddDocument(Document* doc, int64_t input_id) override;
  using Store::ListDocuments;
  Result<std::vector<Document>> ListDocuments(int64_t after, size_t limit) override;
  Result<Document> GetDocument(int64_t id) override;
  Result<std::vector<Document>> GetDocuments(const std::vector<int64_t>& ids) override;
  Result<std::vector<Document>> GetDocumentHeads(const std::vector<int64_t>& ids) override;
  Status SaveAnnotations(int64_t doc, std::string_view encoded) override;
  Result<std::unordered_map<int64_t, std::string>> LoadAnnotations(const std::vector<int64_t>& docs) override;
  Status SaveFeatures(int64_t doc, std::string_view features, std::string_view shingles) override;
  Status SavePlacement(const StoredPlacement& placement) override;
  Status QueueForPlacement(int64_t doc, std::optional<int32_t> day, std::string_view content_hash,
                           std::string_view pending) override;
  Result<std::vector<QueuedDocument>> Queued(size_t limit) override;
  Result<int64_t> CountQueued() override;
  Status MergeStories(int64_t story, int64_t into, int64_t doc, int64_t first_into = 0) override;
  Result<std::vector<StoredFeatures>> LoadPlacedFeatures(int64_t after_seq = 0, int64_t up_to_seq = 0,
                                                         size_t limit = 0) override;
  Result<int64_t> CountPlacedOriginals(int64_t after_seq, int64_t up_to_seq) override;
  Result<std::vector<StoredFeatures>> StoryFeatures(int64_t story) override;
  Result<std::vector<StoredMerge>> LoadMerges(int64_t after_seq, bool* legacy) override;
  Result<std::string> LoadShingles(int64_t doc) override;
  Result<std::vector<StoryRow>> StoryRows() override;
  Result<std::string> DocumentOpening(int64_t doc, size_t chars) override;
  Result<std::vector<StoredPlacement>> StoryPlacements(int64_t story) override;
  Result<std::vector<std::pair<int64_t, int64_t>>> StoryMerges(int64_t into) override;
  std::optional<StoredPlacement> Placement(int64_t doc) override;
  std::pair<int64_t, int64_t> StoriesVersion() override;
  Status IndexTerms(int64_t doc, const SearchTerms& terms) override;
  Result<std::vector<int64_t>> UnindexedDocuments() override;
  Result<SearchPage> Search(const SearchQuery& query) override;
  Result<std::vector<int64_t>> MatchingStories(const TermQuery& terms) override;
  Result<std::string> RawInput(int64_t doc_id) override;
  int64_t CountDocuments() override;
  int SchemaVersion() override;

 private:
  // GetDocuments and GetDocumentHeads: whole documents, or their heads.
  Result<std::vector<Document>> ReadDocuments(const std::vector<int64_t>& ids, bool head);
  friend class PgStore;
  // A write outside Begin/Commit is a transaction of its own, under the
  // write lock like any other (so it bumps the counter too); inside one, it
  // is part of it.
  class WriteScope {
   public:
    explicit WriteScope(PgStoreImpl& store);
    ~WriteScope();
    const Status& status() const { return status_; }
    // Commits a transaction of its own; passes `s` on otherwise.
    Status Done(Status s);

   private:
    PgStoreImpl& store_;
    bool own_ = false;
    bool done_ = false;
    Status status_;
  };

  explicit PgStoreImpl(std::unique_ptr<pg::Connection> conn);
  Status Migrate();
  // Reads the schema's lock key (from the schema the tables live in).
  Status ReadLockKey();
  void OnLockTick(double waited);

  std::unique_ptr<pg::Connection> conn_;
  int32_t schema_key_ = 0;   // the advisory locks' second key: this store's schema
  int64_t own_commits_ = 0;  // counter bumps of this connection's commits
  std::chrono::steady_clock::time_point last_told_;  // when on_wait_ was last called
  bool told_ = false;                                 // on_wait_ was ever called
};

// A term query as tsquery input, every lexeme quoted; "" when nothing can
// match (pg_search.cc).
std::string TsQueryText(const TermQuery& terms);

}  // namespace storyloom

#endif  // STORYLOOM_STORE_POSTGRESQL_PG_STORE_H_
