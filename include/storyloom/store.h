// Store: one SQLite file (WAL) holding every input verbatim and every
// document with its cleaned text, offset map, removed spans, paragraphs and
// sentences. The schema is versioned (PRAGMA user_version) and migrated
// forward on open. Schema 3 adds a full-text index (SQLite FTS5) over
// storyloom's own normalised tokens and stems, so every language matches the
// way storyloom reads it; stores from before it are indexed by whoever opens
// them with a tokenizer at hand (`storyloom serve`: UnindexedDocuments).
#ifndef STORYLOOM_STORE_H_
#define STORYLOOM_STORE_H_

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "storyloom/document.h"
#include "storyloom/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace storyloom {

struct StoredInput {
  int64_t id = 0;
  std::string path;
  std::string content_hash;
  std::string format;
  std::string encoding;
  uint32_t invalid_bytes = 0;
};

// Where the story stage put a document: its story, how well it fitted and
// why, and, for a duplicate, the canonical document it copies or translates.
struct StoredPlacement {
  int64_t doc = 0;
  int64_t story = 0;
  double score = 0;
  std::vector<std::string> why;
  int64_t duplicate_of = 0;    // 0: the document is canonical
  std::string duplicate_kind;  // "exact", "near", "translation"
  double duplicate_score = 0;
  int64_t placed = 0;          // the story it joined, before merges (0: `story`)
  std::string told_first, told_last;  // the dates its sentences tell of (ISO day or month; empty: none)
};

// A stored document's story features (opaque to the store), with its placement.
struct StoredFeatures {
  int64_t doc = 0;
  std::string features;  // encoded by the story stage
  std::string shingles;
  StoredPlacement placement;  // placement.placed: the story chosen then; .story: where it is now
  int64_t seq = 0;             // the placement's order
};

// A merge as the stage made it, in order: at document `doc`, story
// `merged` went into `into` (the survivor then; it may itself have been
// merged since).
struct StoredMerge {
  int64_t doc = 0;
  int64_t merged = 0;
  int64_t into = 0;
  int64_t seq = 0;  // the merge's order
};

// One row of `storyloom stories`.
struct StorySummary {
  int64_t id = 0;
  std::vector<int64_t> docs;   // every document, duplicates included, in placement order
  std::vector<std::string> langs;
  std::vector<std::string> sources;
  std::optional<std::string> start, end;  // published dates
  // What the story tells of: from the dates its reports' sentences name
  // (one report's outlying date does not stretch it), widened by the
  // publication dates; those alone where no report names a date.
  std::optional<std::string> told_start, told_end;
  std::string title;       // the best document title, else the best lead made a headline
  int64_t title_doc = 0;
  bool title_from_lead = false;
  size_t duplicates = 0;
  size_t reports = 0;      // canonical documents (copies and translations folded)
  // Independent sources: the distinct publishers of the canonical documents,
  // where the feed names them (0: it names none, and only `reports` says
  // anything).
  size_t independent = 0;
  std::vector<std::string> days;  // publication day of each dated document
};

// What the full-text index holds for a document: the normalised form and
// the stem of each token, space-separated (word tokens that span several
// syllables are left out: their syllables are there, in order).
struct SearchTerms {
  std::string norms;
  std::string stems;
};
SearchTerms SearchTermsOf(const std::vector<Token>& tokens);

// A full-text search. `match` is an FTS5 expression over the columns
// `norms` and `stems` (built by the caller from its own tokens, each term
// quoted); the filters are optional.
struct SearchQuery {
  std::string match;
  std::string lang;                       // document language
  std::optional<std::string> from, to;    // publication days, inclusive
  int64_t story = 0;                      // 0: any
  size_t limit = 20;
  size_t offset = 0;
};

struct SearchHit {
  int64_t doc = 0;
  double rank = 0;  // bm25: lower is better
  std::string lang, title, source, url;
  std::optional<std::string> published;
  int64_t story = 0;         // 0: not placed
  int64_t duplicate_of = 0;  // 0: canonical
};

struct SearchPage {
  std::vector<SearchHit> hits;
  size_t total = 0;  // every hit, not only this page
};

class Store {
 public:
  static constexpr int kSchemaVersion = 5;

  // kCreate makes the file when absent (writers); kExisting fails with a
  // clear message when there is no store at `path` (readers), so a mistyped
  // path never leaves an empty store behind.
  enum class Mode { kCreate, kExisting };

  // Opens and migrates. Fails with the file's name. Safe when several
  // processes create or migrate the same store at once.
  static Result<std::unique_ptr<Store>> Open(const std::string& path, Mode mode = Mode::kCreate);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // A write transaction. Begin takes the store's write lock (BEGIN
  // IMMEDIATE): one writer at a time across every process; another waits,
  // and after a second of waiting `on_wait` (when set) is told (once a
  // minute at most), so a user sees why nothing moves. A wait longer than `wait_seconds` fails.
  // Writers take turns: a waiting writer says so (a shared lock on a byte
  // of STORE-writers), and Commit pauses until it has taken the lock, so a
  // long ingest cannot starve a server's POST or another ingest.
  Status Begin();
  Status Commit();
  // Undoes the open transaction, if any; never fails.
  void Rollback();
  void OnWait(std::function<void()> on_wait) { on_wait_ = std::move(on_wait); }
  void SetWaitSeconds(double seconds) { wait_seconds_ = seconds; }
  // Changes whenever another connection (this process's or another's)
  // commits to the store; unchanged by this connection's own commits.
  int64_t DataVersion();
  // The last placement's and the last ordered merge's sequence numbers.
  Result<std::pair<int64_t, int64_t>> StorySeqs();
  // The highest story id ever handed out, merged-away stories included.
  Result<int64_t> MaxStoryId();
  // The documents stored from one input, in id order.
  Result<std::vector<int64_t>> InputDocumentIds(int64_t input_id);

  // The input with these bytes, when already stored.
  std::optional<StoredInput> FindInput(const std::string& content_hash);
  // Stores the raw bytes verbatim; returns the input id.
  Result<int64_t> AddInput(const StoredInput& input, std::string_view raw);
  // Stores a document and what hangs from it; sets doc->id.
  Status AddDocument(Document* doc, int64_t input_id);

  // Every document, in id order, with paragraphs and sentences but without
  // removed spans.
  Result<std::vector<Document>> ListDocuments();
  // One document with its paragraphs, sentences and removed spans.
  Result<Document> GetDocument(int64_t id);
  // Story stage. Features are saved with the document; a placement in the
  // order the stage decided (restoring replays that order); a merge moves
  // every document of one story to another and is recorded.
  Status SaveFeatures(int64_t doc, std::string_view features, std::string_view shingles);
  Status SavePlacement(const StoredPlacement& placement);
  // `first_into` is the survivor of this very merge when the stage made it
  // (`into` is where the documents are now); 0: `into`.
  Status MergeStories(int64_t story, int64_t into, int64_t doc, int64_t first_into = 0);
  // The placed documents' features, in placement order, after `after_seq`.
  Result<std::vector<StoredFeatures>> LoadPlacedFeatures(int64_t after_seq = 0);
  // One story's documents' features with their placements, in placement order.
  Result<std::vector<StoredFeatures>> StoryFeatures(int64_t story);
  // The merges after `after_seq`, in the order the stage made them; merges
  // saved before schema 4 have no order: they are not listed, and `legacy`
  // says there are some (their stores restore as merged).
  Result<std::vector<StoredMerge>> LoadMerges(int64_t after_seq, bool* legacy);
  Result<std::string> LoadShingles(int64_t doc);
  // Stories, largest first; `lang` prefers a title in that language.
  Result<std::vector<StorySummary>> ListStories(const std::string& lang = "");
  Result<std::vector<StoredPlacement>> StoryPlacements(int64_t story);
  Result<std::vector<std::pair<int64_t, int64_t>>> StoryMerges(int64_t into);  // (merged story, at document)

  // The placement of one document, when it has one.
  std::optional<StoredPlacement> Placement(int64_t doc);
  // Changes whenever a placement or a merge is saved (by any connection):
  // (highest placement sequence, merges). Lets readers cache story lists.
  std::pair<int64_t, int64_t> StoriesVersion();

  // Full-text index. IndexTerms adds (or replaces) a document's terms;
  // UnindexedDocuments lists stored documents the index lacks (those of a
  // store made before schema 3).
  Status IndexTerms(int64_t doc, const SearchTerms& terms);
  Result<std::vector<int64_t>> UnindexedDocuments();
  Result<SearchPage> Search(const SearchQuery& query);
  // Stories holding a document that matches (an FTS5 expression as above).
  Result<std::vector<int64_t>> MatchingStories(const std::string& match);

  // The verbatim bytes of the input a document came from.
  Result<std::string> RawInput(int64_t doc_id);
  int64_t CountDocuments();
  int SchemaVersion();

 private:
  explicit Store(sqlite3* db) : db_(db) {}
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
  std::function<void()> on_wait_;
  double wait_seconds_ = 600;
  std::chrono::steady_clock::time_point wait_start_;  // of the current wait
  std::chrono::steady_clock::time_point last_told_;   // when on_wait_ was last called
  bool told_ = false;                                 // on_wait_ was ever called
  std::unordered_map<std::string, sqlite3_stmt*> statements_;  // prepared once, by SQL text
};

}  // namespace storyloom

#endif  // STORYLOOM_STORE_H_
