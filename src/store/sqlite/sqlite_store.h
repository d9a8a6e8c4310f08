// The SQLite backend: one file (WAL), embedded, nothing to start. Writers
// take turns on SQLite's write lock (BEGIN IMMEDIATE); a waiting writer
// says so through a lock on a byte of STORE-writers, so a long ingest lets
// a server's POST or another ingest go next.
#ifndef STORYLOOM_STORE_SQLITE_SQLITE_STORE_H_
#define STORYLOOM_STORE_SQLITE_SQLITE_STORE_H_

#include <chrono>
#include <memory>
#include <string>
#include <unordered_map>

#include "storyloom/store.h"

struct sqlite3;
struct sqlite3_stmt;

namespace storyloom {

class SqliteStore final : public Store {
 public:
  // Opens (and migrates) the store file at `path`.
  static Result<std::unique_ptr<Store>> Open(const std::string& path, Mode mode);
  ~SqliteStore() override;

  const char* Backend() const override { return "sqlite"; }
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
  explicit SqliteStore(sqlite3* db) : db_(db) {}
  // Before a commit: gives free pages back when there are many.
  void ReclaimFreePages();
  // Search with no filter, ranked and counted by the index alone.
  Result<SearchPage> SearchIndexOnly(const std::string& match, const SearchQuery& query);
  static int Busy(void* self, int count);
  Status Exec(const char* sql);
  Status Migrate();
  Result<sqlite3_stmt*> Prepare(const char* sql);

  bool AnotherWriterWaits() const;
  void Announce(bool waiting);

  sqlite3* db_;
  int writers_fd_ = -1;     // STORE-writers: waiting writers hold a shared lock on its first byte
  bool in_begin_ = false;   // Busy is waiting for the write lock
  bool announced_ = false;  // this store holds that shared lock
  std::chrono::steady_clock::time_point wait_start_;  // of the current wait
  std::chrono::steady_clock::time_point last_told_;   // when on_wait_ was last called
  bool told_ = false;                                 // on_wait_ was ever called
  std::unordered_map<std::string, sqlite3_stmt*> statements_;  // prepared once, by SQL text
};

// An FTS5 expression for a term query: every term quoted, so no query text
// is ever read as FTS5 syntax.
std::string Fts5Match(const TermQuery& terms);

}  // namespace storyloom

#endif  // STORYLOOM_STORE_SQLITE_SQLITE_STORE_H_
