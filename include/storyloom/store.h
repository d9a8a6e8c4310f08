// Store: one SQLite file (WAL) holding every input verbatim and every
// document with its cleaned text, offset map, removed spans, paragraphs and
// sentences. The schema is versioned (PRAGMA user_version) and migrated
// forward on open.
#ifndef STORYLOOM_STORE_H_
#define STORYLOOM_STORE_H_

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
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

class Store {
 public:
  static constexpr int kSchemaVersion = 1;

  // Opens (creating when absent) and migrates. Fails with the file's name.
  static Result<std::unique_ptr<Store>> Open(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  Status Begin();
  Status Commit();

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
  // The verbatim bytes of the input a document came from.
  Result<std::string> RawInput(int64_t doc_id);
  int64_t CountDocuments();
  int SchemaVersion();

 private:
  explicit Store(sqlite3* db) : db_(db) {}
  Status Exec(const char* sql);
  Status Migrate();
  Result<sqlite3_stmt*> Prepare(const char* sql);

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;  // prepared once, by SQL text
};

}  // namespace storyloom

#endif  // STORYLOOM_STORE_H_
