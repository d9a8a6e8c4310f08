// The in-memory model store: the store's contract (storyloom/store.h) over
// plain maps and vectors, simple enough to be obviously right. Unit tests of
// the engine run on it; the contract tests (tests/store/) hold it to the
// same answers as the SQLite and PostgreSQL backends.
//
// Nothing persists and there is one connection: a transaction is a copy of
// everything taken at Begin and put back on Rollback, and DataVersion never
// changes (nobody else commits). Search scans every document's terms; a
// hit's rank is minus how many of its terms the query matched (ties by id).
#ifndef STORYLOOM_STORE_MEMORY_MEMORY_STORE_H_
#define STORYLOOM_STORE_MEMORY_MEMORY_STORE_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "storyloom/store.h"

namespace storyloom {

// A new, empty in-memory store.
std::unique_ptr<Store> NewMemoryStore();

class MemoryStore final : public Store {
 public:
  MemoryStore() = default;

  const char* Backend() const override { return "memory"; }
  Status Begin() override;
  Status Commit() override;
  void Rollback() override;
  int64_t DataVersion() override { return 1; }
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
  int64_t CountDocuments() override { return static_cast<int64_t>(data_.documents.size()); }
  int SchemaVersion() override { return kSchemaVersion; }

 private:
  struct Input {
    StoredInput meta;
    std::string raw;
  };
  struct StoredDocument {
    int64_t input = 0;
    Document doc;  // without tokens; removed spans sorted by start
  };
  struct Features {
    std::string features, shingles;
  };
  struct Placed {
    StoredPlacement placement;  // .placed: the story chosen then, never 0
    int64_t seq = 0;
  };
  struct Merge {
    int64_t doc = 0;
    int64_t into_now = 0;    // the survivor, following later merges
    int64_t first_into = 0;  // the survivor when the merge was made
    int64_t seq = 0;
  };
  struct Terms {
    std::vector<std::string> norms, stems;  // one a token, in order
  };
  // Everything the store holds: what a transaction copies.
  struct Data {
    std::map<int64_t, Input> inputs;
    std::map<int64_t, StoredDocument> documents;
    std::map<int64_t, std::string> annotations;
    std::map<int64_t, Features> features;
    std::map<int64_t, Placed> placements;  // by document
    std::map<int64_t, Merge> merges;       // by the story merged away
    std::map<int64_t, Terms> terms;        // by document
    // The placement queue, in its order: (undated, day, content hash, doc).
    std::map<std::tuple<bool, int32_t, std::string, int64_t>, std::string> queue;  // -> pending
  };

  const StoredDocument* Find(int64_t doc) const;
  StoredFeatures FeaturesOf(const Placed& p) const;
  std::vector<const Placed*> PlacementsInOrder() const;
  // How many of a document's tokens the query matches; nullopt: no match.
  static std::optional<size_t> Matches(const Terms& terms, const TermQuery& query);

  Data data_;
  std::optional<Data> before_;  // the open transaction's starting point
};

}  // namespace storyloom

#endif  // STORYLOOM_STORE_MEMORY_MEMORY_STORE_H_
