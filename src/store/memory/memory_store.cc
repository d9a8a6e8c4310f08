// The in-memory model store: transactions, inputs, documents, annotations.
#include "store/memory/memory_store.h"

#include <algorithm>

namespace storyloom {

std::unique_ptr<Store> NewMemoryStore() { return std::make_unique<MemoryStore>(); }

namespace {
std::string NoDocument(int64_t id) { return "no document with id " + std::to_string(id); }
}  // namespace

Status MemoryStore::Begin() {
  if (before_) return Status::Conflict("a transaction is already open");
  before_ = data_;
  return Status::Ok();
}

Status MemoryStore::Commit() {
  if (!before_) return Status::Error("no transaction is open");
  before_.reset();
  return Status::Ok();
}

void MemoryStore::Rollback() {
  if (!before_) return;
  data_ = std::move(*before_);
  before_.reset();
}

const MemoryStore::StoredDocument* MemoryStore::Find(int64_t doc) const {
  auto it = data_.documents.find(doc);
  return it == data_.documents.end() ? nullptr : &it->second;
}

Result<std::vector<int64_t>> MemoryStore::InputDocumentIds(int64_t input_id) {
  std::vector<int64_t> out;
  for (const auto& [id, d] : data_.documents) {
    if (d.input == input_id) out.push_back(id);
  }
  return out;
}

std::optional<StoredInput> MemoryStore::FindInput(const std::string& content_hash) {
  for (const auto& [id, in] : data_.inputs) {
    if (in.meta.content_hash == content_hash) return in.meta;
  }
  return std::nullopt;
}

Result<bool> MemoryStore::HasDocument(const std::string& url, const std::string& content_hash) {
  for (const auto& [id, d] : data_.documents) {
    if (d.doc.url == url && d.doc.content_hash == content_hash) return true;
  }
  return false;
}

Result<int64_t> MemoryStore::AddInput(const StoredInput& input, std::string_view raw) {
  if (FindInput(input.content_hash)) {
    return Fail("an input with content hash " + input.content_hash + " is already stored", ErrorKind::kConflict);
  }
  int64_t id = data_.inputs.empty() ? 1 : data_.inputs.rbegin()->first + 1;
  Input& in = data_.inputs[id];
  in.meta = input;
  in.meta.id = id;
  in.raw = std::string(raw);
  return id;
}

Status MemoryStore::AddDocument(Document* doc, int64_t input_id) {
  if (!data_.inputs.contains(input_id)) return Status::Conflict("no input with id " + std::to_string(input_id));
  int64_t id = data_.documents.empty() ? 1 : data_.documents.rbegin()->first + 1;
  doc->id = id;
  StoredDocument& d = data_.documents[id];
  d.input = input_id;
  d.doc = *doc;
  // What a store keeps of a document: not its tokens (the index has their
  // terms), nor the input's encoding (the input has it).
  d.doc.tokens.clear();
  d.doc.encoding.clear();
  d.doc.invalid_bytes = 0;
  std::stable_sort(d.doc.removed.begin(), d.doc.removed.end(),
                   [](const RemovedSpan& a, const RemovedSpan& b) { return a.span.start < b.span.start; });
  return Status::Ok();
}

Result<std::vector<Document>> MemoryStore::ListDocuments(int64_t after, size_t limit) {
  std::vector<Document> out;
  for (auto it = data_.documents.upper_bound(after); it != data_.documents.end(); ++it) {
    if (limit && out.size() == limit) break;
    const StoredDocument& d = it->second;
    out.push_back(d.doc);
    out.back().removed.clear();
  }
  return out;
}

Result<Document> MemoryStore::GetDocument(int64_t id) {
  const StoredDocument* d = Find(id);
  if (!d) return Fail(NoDocument(id), ErrorKind::kNotFound);
  return d->doc;
}

Result<std::vector<Document>> MemoryStore::GetDocuments(const std::vector<int64_t>& ids) {
  std::vector<Document> out;
  for (int64_t id : ids) {
    const StoredDocument* d = Find(id);
    if (!d) return Fail(NoDocument(id), ErrorKind::kNotFound);
    out.push_back(d->doc);
  }
  return out;
}

Result<std::vector<Document>> MemoryStore::GetDocumentHeads(const std::vector<int64_t>& ids) {
  std::vector<Document> out;
  for (int64_t id : ids) {
    const StoredDocument* d = Find(id);
    if (!d) return Fail(NoDocument(id), ErrorKind::kNotFound);
    // What the other backends read: the columns stored before the body.
    const Document& w = d->doc;
    Document h;
    h.id = w.id;
    h.path = w.path;
    h.line = w.line;
    h.part = w.part;
    h.format = w.format;
    h.is_list = w.is_list;
    h.raw_span = w.raw_span;
    h.title = w.title;
    h.url = w.url;
    h.source = w.source;
    h.site = w.site;
    h.byline = w.byline;
    h.published = w.published;
    h.published_from = w.published_from;
    h.lang = w.lang;
    h.lang_confidence = w.lang_confidence;
    h.mixed_lang = w.mixed_lang;
    out.push_back(std::move(h));
  }
  return out;
}

Status MemoryStore::SaveAnnotations(int64_t doc, std::string_view encoded) {
  if (!Find(doc)) return Status::Conflict("saving annotations: " + NoDocument(doc));
  data_.annotations[doc] = std::string(encoded);
  return Status::Ok();
}

Result<std::unordered_map<int64_t, std::string>> MemoryStore::LoadAnnotations(const std::vector<int64_t>& docs) {
  std::unordered_map<int64_t, std::string> out;
  for (int64_t doc : docs) {
    auto it = data_.annotations.find(doc);
    if (it != data_.annotations.end()) out.emplace(doc, it->second);
  }
  return out;
}

Result<std::string> MemoryStore::RawInput(int64_t doc_id) {
  const StoredDocument* d = Find(doc_id);
  if (!d) return Fail(NoDocument(doc_id), ErrorKind::kNotFound);
  return data_.inputs.at(d->input).raw;
}

Result<std::string> MemoryStore::DocumentOpening(int64_t doc, size_t chars) {
  const StoredDocument* d = Find(doc);
  if (!d) return Fail(NoDocument(doc), ErrorKind::kNotFound);
  const std::string& body = d->doc.body.text();
  // Characters, not bytes: stop before the lead byte of character chars+1.
  size_t end = 0, seen = 0;
  for (; end < body.size(); ++end) {
    if ((static_cast<unsigned char>(body[end]) & 0xC0) != 0x80 && seen++ == chars) break;
  }
  return body.substr(0, end);
}

}  // namespace storyloom
