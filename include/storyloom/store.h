// Store: where storyloom keeps every input verbatim and every document with
// its cleaned text, offset map, removed spans, paragraphs, sentences, stored
// annotations, story features and placements, and a full-text index over
// storyloom's own normalised tokens and stems (so every language matches the
// way storyloom reads it).
//
// `Store` is the interface; a backend implements it:
//   - SQLite (src/store/sqlite/): one file, embedded, nothing to start; the
//     default for a path;
//   - PostgreSQL (src/store/postgresql/): one database shared by many
//     processes on many machines, for a `postgresql://` location.
// Every backend passes the same contract tests (tests/store/).
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

// A document stored with its story features and waiting to be placed:
// what placing it needs, as the queue gives it (Store::Queued).
struct QueuedDocument {
  int64_t doc = 0;
  std::string features;  // as SaveFeatures was given them
  std::string shingles;
  std::string pending;   // what placing needs once and the store keeps no longer (opaque)
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
  // Publication day of each dated document, in days since 1970-01-01 (a
  // number, not a string: a list of stories bins tens of thousands of them
  // for every request).
  std::vector<int32_t> days;
};

// What the full-text index holds for a document: the normalised form and
// the stem of each token, space-separated (word tokens that span several
// syllables are left out: their syllables are there, in order).
struct SearchTerms {
  std::string norms;
  std::string stems;
};
SearchTerms SearchTermsOf(const std::vector<Token>& tokens);

// A word of a search: a document matches it when its normalised tokens hold
// `norm` or its stems hold one of `stems`.
struct SearchWord {
  std::string norm;
  std::vector<std::string> stems;
};

// One word of a query as storyloom read it. A query word can become several
// tokens ("COVID-19"): a SearchPiece, whose words must all be there.
using SearchPiece = std::vector<SearchWord>;

// What a search asks for, as terms (no backend syntax): every group of
// `all_of` must match (a group matches when one of its pieces does), and no
// piece of `none_of` may. Empty `all_of`: matches nothing.
struct TermQuery {
  std::vector<std::vector<SearchPiece>> all_of;
  std::vector<SearchPiece> none_of;
  bool empty() const { return all_of.empty(); }
};

// A full-text search with optional filters.
struct SearchQuery {
  TermQuery terms;
  std::string lang;                       // document language
  std::optional<std::string> from, to;    // publication days, inclusive
  int64_t story = 0;                      // 0: any
  size_t limit = 20;
  size_t offset = 0;
  // Without a filter, only the `window` most recently stored matches are
  // ranked and counted (0: every match): a common word in a large store
  // costs the same as a rare one. A filtered search ranks every match.
  size_t window = 0;
};

struct SearchHit {
  int64_t doc = 0;
  double rank = 0;  // lower is better (the backend's relevance, negated where needed)
  std::string lang, title, source, url;
  std::optional<std::string> published;
  int64_t story = 0;         // 0: not placed
  int64_t duplicate_of = 0;  // 0: canonical
};

struct SearchPage {
  std::vector<SearchHit> hits;
  size_t total = 0;  // every hit, not only this page
  // The window was full: `total` is the window, and more documents match.
  bool total_at_least = false;
};

// One placed document as a story summary reads it (StoryRows).
struct StoryRow {
  int64_t story = 0, doc = 0;
  double score = 0;
  bool duplicate = false;
  std::string lang, source, title;
  std::optional<std::string> published;
  std::optional<std::string> told_first, told_last;
  std::string opening;  // the body's first 60 characters, for an untitled document
};

class Store {
 public:
  // The schema this storyloom writes. Backends number their migrations alike;
  // a store of a newer schema is refused (a conflict), an older one migrated.
  static constexpr int kSchemaVersion = 9;

  // kCreate makes the store when absent (writers); kExisting fails with a
  // clear message when there is none at `location` (readers), so a mistyped
  // path never leaves an empty store behind.
  enum class Mode { kCreate, kExisting };

  // Opens and migrates the store at `location`: a file path (SQLite), or a
  // `postgresql://` or `postgres://` URL (PostgreSQL). Fails with the
  // location in the message. Safe when several processes open, create or
  // migrate the same store at once.
  static Result<std::unique_ptr<Store>> Open(const std::string& location, Mode mode = Mode::kCreate);
  // "sqlite" or "postgresql".
  virtual const char* Backend() const = 0;
  virtual ~Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // A write transaction (prefer Transaction below). Begin takes the store's
  // write lock: one writer at a time across every process; another waits,
  // and after a second of waiting `on_wait` (when set) is told (once a
  // minute at most), so a user sees why nothing moves. A wait longer than
  // `wait_seconds` fails as unavailable. Writers take turns: a long ingest
  // cannot starve a server's POST or another ingest.
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  // Undoes the open transaction, if any; never fails.
  virtual void Rollback() = 0;
  void OnWait(std::function<void()> on_wait) { on_wait_ = std::move(on_wait); }
  void SetWaitSeconds(double seconds) { wait_seconds_ = seconds; }
  // Changes whenever another connection (this process's or another's)
  // commits to the store; unchanged by this connection's own commits.
  virtual int64_t DataVersion() = 0;
  // The last placement's and the last ordered merge's sequence numbers.
  virtual Result<std::pair<int64_t, int64_t>> StorySeqs() = 0;
  // The highest story id ever handed out, merged-away stories included.
  virtual Result<int64_t> MaxStoryId() = 0;
  // The documents stored from one input, in id order.
  virtual Result<std::vector<int64_t>> InputDocumentIds(int64_t input_id) = 0;

  // The input with these bytes, when already stored.
  virtual std::optional<StoredInput> FindInput(const std::string& content_hash) = 0;
  // Stores the raw bytes verbatim; returns the input id. The same bytes
  // twice is a conflict.
  virtual Result<int64_t> AddInput(const StoredInput& input, std::string_view raw) = 0;
  // Whether a document with this address and this text (its content hash)
  // is stored: an item that a feed snapshot or a re-crawl brings again.
  virtual Result<bool> HasDocument(const std::string& url, const std::string& content_hash) = 0;
  // Stores a document and what hangs from it; sets doc->id (ids ascend in
  // the order documents are added).
  virtual Status AddDocument(Document* doc, int64_t input_id) = 0;

  // The documents with ids above `after`, in id order, at most `limit` of
  // them (0: all), with paragraphs and sentences but without removed spans:
  // a store read a page at a time.
  virtual Result<std::vector<Document>> ListDocuments(int64_t after, size_t limit) = 0;
  // Every document so.
  Result<std::vector<Document>> ListDocuments() { return ListDocuments(0, 0); }
  // One document with its paragraphs, sentences and removed spans; not
  // found when there is none.
  virtual Result<Document> GetDocument(int64_t id) = 0;
  // These documents in the order asked, each as GetDocument gives it (a
  // story's documents in one go); not found when one of them is missing.
  virtual Result<std::vector<Document>> GetDocuments(const std::vector<int64_t>& ids) = 0;
  // Their heads: where each came from (path, line, part, format, list,
  // raw span), its title, url, source, site and byline, its dates and its
  // language, as GetDocuments gives them; the body, its offset map, removed
  // spans, sentences, paragraphs, content hash and metadata are empty. For
  // reading a whole story when only a few of its sentences will be quoted.
  virtual Result<std::vector<Document>> GetDocumentHeads(const std::vector<int64_t>& ids) = 0;

  // The annotate stage's results for a document (encoded by it, opaque to
  // the store), saved with the document so that no reader annotates again.
  virtual Status SaveAnnotations(int64_t doc, std::string_view encoded) = 0;
  // The saved annotations of these documents; a document without any (one
  // stored before annotations were) is absent from the answer.
  virtual Result<std::unordered_map<int64_t, std::string>> LoadAnnotations(const std::vector<int64_t>& docs) = 0;

  // Story stage. Features are saved with the document; a placement in the
  // order the stage decided (restoring replays that order); a merge moves
  // every document of one story to another and is recorded.
  virtual Status SaveFeatures(int64_t doc, std::string_view features, std::string_view shingles) = 0;
  // Saving a placement also takes the document off the placement queue.
  virtual Status SavePlacement(const StoredPlacement& placement) = 0;
  // Puts a document whose features are saved on the placement queue, keyed
  // by its day (days since 1970-01-01; none: after every dated one) and its
  // content hash. `pending` is kept until it is placed. Replaces an entry
  // the document already has.
  virtual Status QueueForPlacement(int64_t doc, std::optional<int32_t> day, std::string_view content_hash,
                                   std::string_view pending) = 0;
  // At most `limit` queued documents in the order they are placed: by day
  // (undated last), then content hash (bytewise), then id. Never by who
  // stored them first, so the order is the same however many processes
  // stored them.
  virtual Result<std::vector<QueuedDocument>> Queued(size_t limit) = 0;
  // How many documents wait on the placement queue.
  virtual Result<int64_t> CountQueued() = 0;
  // `first_into` is the survivor of this very merge when the stage made it
  // (`into` is where the documents are now); 0: `into`.
  virtual Status MergeStories(int64_t story, int64_t into, int64_t doc, int64_t first_into = 0) = 0;
  // The placed documents' features, in placement order: those placed after
  // `after_seq` and up to `up_to_seq` (0: no bound), at most `limit` of them
  // (0: all). A reader of a large store takes them a chunk at a time.
  virtual Result<std::vector<StoredFeatures>> LoadPlacedFeatures(int64_t after_seq = 0, int64_t up_to_seq = 0,
                                                                 size_t limit = 0) = 0;
  // How many of those LoadPlacedFeatures(after_seq, up_to_seq) lists are
  // not copies (duplicate_kind "exact" or "near"): the documents a story
  // index counts in its statistics.
  virtual Result<int64_t> CountPlacedOriginals(int64_t after_seq, int64_t up_to_seq) = 0;
  // One story's documents' features with their placements, in placement order.
  virtual Result<std::vector<StoredFeatures>> StoryFeatures(int64_t story) = 0;
  // The merges after `after_seq`, in the order the stage made them; merges
  // saved before schema 4 have no order: they are not listed, and `legacy`
  // says there are some (their stores restore as merged).
  virtual Result<std::vector<StoredMerge>> LoadMerges(int64_t after_seq, bool* legacy) = 0;
  // The shingles saved with a document's features: empty for documents
  // stored from schema 8 on (the story stage makes them again from the
  // text when it needs them).
  virtual Result<std::string> LoadShingles(int64_t doc) = 0;
  // Every placement with the document columns a story summary needs, in
  // placement order.
  virtual Result<std::vector<StoryRow>> StoryRows() = 0;
  // The first `chars` characters of a document's body.
  virtual Result<std::string> DocumentOpening(int64_t doc, size_t chars) = 0;
  // Stories, largest first; `lang` prefers a title in that language. Built
  // from StoryRows, the same way on every backend.
  Result<std::vector<StorySummary>> ListStories(const std::string& lang = "");
  virtual Result<std::vector<StoredPlacement>> StoryPlacements(int64_t story) = 0;
  // (merged story, at document), of the stories merged into `into`.
  virtual Result<std::vector<std::pair<int64_t, int64_t>>> StoryMerges(int64_t into) = 0;

  // The placement of one document, when it has one.
  virtual std::optional<StoredPlacement> Placement(int64_t doc) = 0;
  // Changes whenever a placement or a merge is saved (by any connection):
  // (highest placement sequence, merges). Lets readers cache story lists.
  virtual std::pair<int64_t, int64_t> StoriesVersion() = 0;

  // Full-text index. IndexTerms adds a document's terms (once a document);
  // UnindexedDocuments lists stored documents the index lacks (those of a
  // store made before it had one).
  virtual Status IndexTerms(int64_t doc, const SearchTerms& terms) = 0;
  virtual Result<std::vector<int64_t>> UnindexedDocuments() = 0;
  virtual Result<SearchPage> Search(const SearchQuery& query) = 0;
  // Stories holding a document that matches.
  virtual Result<std::vector<int64_t>> MatchingStories(const TermQuery& terms) = 0;

  // The verbatim bytes of the input a document came from.
  virtual Result<std::string> RawInput(int64_t doc_id) = 0;
  virtual int64_t CountDocuments() = 0;
  virtual int SchemaVersion() = 0;

 protected:
  Store() = default;
  std::function<void()> on_wait_;
  double wait_seconds_ = 600;
};

// A write transaction that rolls back unless committed:
//
//   Transaction txn(store);
//   STORYLOOM_RETURN_IF_ERROR(txn.status());
//   ... writes ...
//   return txn.Commit();
class Transaction {
 public:
  explicit Transaction(Store& store) : store_(store), status_(store.Begin()) {}
  ~Transaction() {
    if (status_.ok() && !done_) store_.Rollback();
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  // Whether Begin succeeded.
  const Status& status() const { return status_; }
  // Commits; on failure the transaction is rolled back.
  Status Commit() {
    done_ = true;
    Status s = store_.Commit();
    if (!s.ok()) store_.Rollback();
    return s;
  }

 private:
  Store& store_;
  Status status_;
  bool done_ = false;
};

}  // namespace storyloom

#endif  // STORYLOOM_STORE_H_
