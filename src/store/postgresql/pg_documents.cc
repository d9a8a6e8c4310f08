// The PostgreSQL backend's inputs and documents: raw bytes as bytea, the
// body as text, the offset map and packed spans as bytea in the formats
// every backend shares (store/row_codec.h), removed spans a row each.
#include <unordered_map>

#include "store/postgresql/pg_connection.h"
#include "store/postgresql/pg_store.h"
#include "store/row_codec.h"

namespace storyloom {

namespace {
Unexpected NoDocument(int64_t id) { return Fail("no document with id " + std::to_string(id), ErrorKind::kNotFound); }
}  // namespace

Result<std::vector<int64_t>> PgStoreImpl::InputDocumentIds(int64_t input_id) {
  auto r = conn_->Exec("SELECT id FROM documents WHERE input_id = $1::bigint ORDER BY id", pg::Params().Int(input_id));
  if (!r) return Unexpected(r.error());
  std::vector<int64_t> out;
  for (int i = 0; i < r->rows(); ++i) out.push_back(r->Int(i, 0));
  return out;
}

std::optional<StoredInput> PgStoreImpl::FindInput(const std::string& content_hash) {
  auto r = conn_->Exec(
      "SELECT id, path, content_hash, format, encoding, invalid_bytes FROM inputs WHERE content_hash = $1::text",
      pg::Params().Text(content_hash));
  if (!r || r->rows() == 0) return std::nullopt;
  return StoredInput{r->Int(0, 0), r->Text(0, 1), r->Text(0, 2), r->Text(0, 3), r->Text(0, 4),
                     static_cast<uint32_t>(r->Int(0, 5))};
}

Result<bool> PgStoreImpl::HasDocument(const std::string& url, const std::string& content_hash) {
  auto r = conn_->Exec("SELECT 1 FROM documents WHERE content_hash = $1::text AND url = $2::text LIMIT 1",
                       pg::Params().Text(content_hash).Text(url));
  if (!r) return Unexpected(r.error().Prefixed("looking for a stored document: "));
  return r->rows() > 0;
}

Result<int64_t> PgStoreImpl::AddInput(const StoredInput& in, std::string_view raw) {
  WriteScope w(*this);
  STORYLOOM_RETURN_IF_ERROR(w.status());
  const StoredRaw stored = EncodeRaw(raw);
  // Bytes already stored answer no row rather than an error, so that the
  // caller's transaction goes on (as SQLite's does after a failed insert).
  auto r = conn_->Exec(
      "INSERT INTO inputs (path, content_hash, format, encoding, invalid_bytes, bytes, raw, raw_codec, ingested_at) "
      "VALUES ($1::text, $2::text, $3::text, $4::text, $5::bigint, $6::bigint, $7::bytea, $8::text, $9::text) "
      "ON CONFLICT (content_hash) DO NOTHING RETURNING id",
      pg::Params()
          .Text(in.path)
          .Text(in.content_hash)
          .Text(in.format)
          .Text(in.encoding)
          .Int(in.invalid_bytes)
          .Int(static_cast<int64_t>(raw.size()))
          .Blob(stored.raw)
          .Text(stored.codec)
          .Text(NowUtc()));
  if (!r) return Fail(w.Done(r.error()));
  if (r->rows() == 0) {
    return Fail(w.Done(Status::Conflict("an input with content hash " + in.content_hash + " is already stored")));
  }
  const int64_t id = r->Int(0, 0);
  STORYLOOM_RETURN_IF_ERROR(w.Done(Status::Ok()));
  return id;
}

Status PgStoreImpl::AddDocument(Document* d, int64_t input_id) {
  // PostgreSQL's text cannot hold a NUL byte; storyloom's cleaner never
  // leaves one, and a body that has one is refused rather than cut.
  if (d->body.text().find('\0') != std::string::npos) {
    return Status::InvalidArgument("document " + d->path + ": its body holds a NUL byte, which a PostgreSQL store cannot keep");
  }
  WriteScope w(*this);
  STORYLOOM_RETURN_IF_ERROR(w.status());
  pg::Params p;
  p.Int(input_id).Text(d->path).Int(d->line).Int(d->part).Text(FormatName(d->format)).Int(d->is_list);
  p.Int(d->raw_span.start).Int(d->raw_span.end);
  p.TextOrNull(d->title).TextOrNull(d->url).TextOrNull(d->source).TextOrNull(d->site).TextOrNull(d->byline);
  if (d->published) p.Text(*d->published);
  else p.Null();
  p.TextOrNull(d->published_from).TextOrNull(d->lang).Real(d->lang_confidence).Int(d->mixed_lang);
  const StoredBody body = EncodeBody(d->body.text());
  p.Text(body.text).Blob(d->body.SerializeMap()).Text(d->content_hash).TextOrNull(d->metadata_json);
  p.Blob(PackSentences(d->sentences)).Blob(PackParagraphs(d->paragraphs));
  if (body.zstd) p.Blob(*body.zstd);
  else p.Null();
  auto r = conn_->Exec(
      "INSERT INTO documents (input_id, path, line, part, format, is_list, raw_start, raw_end, title, url, source, "
      "site, byline, published, published_from, lang, lang_confidence, mixed_lang, body, offset_map, content_hash, "
      "metadata, sentences, paragraphs, body_zstd) VALUES ($1::bigint, $2::text, $3::bigint, $4::bigint, $5::text, "
      "$6::int, $7::bigint, $8::bigint, $9::text, $10::text, $11::text, $12::text, $13::text, $14::text, $15::text, "
      "$16::text, $17::float8, $18::int, $19::text, $20::bytea, $21::text, $22::text, $23::bytea, $24::bytea, "
      "$25::bytea) "
      "RETURNING id",
      p);
  if (!r) return w.Done(r.error().Prefixed("storing document " + d->path + ": "));
  d->id = r->Int(0, 0);
  if (!d->removed.empty()) {
    std::vector<int64_t> starts, ends;
    std::vector<std::string> reasons, texts;
    for (const RemovedSpan& s : d->removed) {
      starts.push_back(s.span.start);
      ends.push_back(s.span.end);
      reasons.push_back(s.reason);
      texts.push_back(s.text);
    }
    // One statement for all of a document's removed spans, in their order.
    auto rr = conn_->Exec(
        "INSERT INTO removed (doc_id, n, start, \"end\", reason, text) SELECT $1::bigint, u.n, u.s, u.e, u.r, u.t "
        "FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[]) WITH ORDINALITY AS u(s, e, r, t, n)",
        pg::Params().Int(d->id).IntArray(starts).IntArray(ends).TextArray(reasons).TextArray(texts));
    if (!rr) return w.Done(rr.error().Prefixed("storing document " + d->path + ": "));
  }
  return w.Done(Status::Ok());
}

Result<std::vector<Document>> PgStoreImpl::ListDocuments(int64_t after, size_t limit) {
  auto r = conn_->Exec(std::string("SELECT ") + kDocumentColumns +
                           " FROM documents WHERE id > $1::bigint ORDER BY id LIMIT NULLIF($2::bigint, 0)",
                       pg::Params().Int(after).Int(static_cast<int64_t>(limit)));
  if (!r) return Unexpected(r.error());
  std::vector<Document> out;
  out.reserve(static_cast<size_t>(r->rows()));
  for (int i = 0; i < r->rows(); ++i) {
    Status body;
    out.push_back(ReadDocumentRow(pg::Row(*r, i), &body));
    STORYLOOM_RETURN_IF_ERROR(body);
    STORYLOOM_RETURN_IF_ERROR(CheckDocumentSpans(out.back()));
  }
  return out;
}

Result<Document> PgStoreImpl::GetDocument(int64_t id) {
  auto r = conn_->Exec(std::string("SELECT ") + kDocumentColumns + " FROM documents WHERE id = $1::bigint",
                       pg::Params().Int(id));
  if (!r) return Unexpected(r.error());
  if (r->rows() == 0) return NoDocument(id);
  Status body;
  Document d = ReadDocumentRow(pg::Row(*r, 0), &body);
  STORYLOOM_RETURN_IF_ERROR(body);
  STORYLOOM_RETURN_IF_ERROR(CheckDocumentSpans(d));
  auto rs = conn_->Exec("SELECT start, \"end\", reason, text FROM removed WHERE doc_id = $1::bigint ORDER BY start, n",
                        pg::Params().Int(id));
  if (!rs) return Unexpected(rs.error());
  for (int i = 0; i < rs->rows(); ++i) {
    d.removed.push_back({{static_cast<uint32_t>(rs->Int(i, 0)), static_cast<uint32_t>(rs->Int(i, 1))},
                         rs->Text(i, 2),
                         rs->Text(i, 3)});
  }
  return d;
}

Result<std::vector<Document>> PgStoreImpl::GetDocuments(const std::vector<int64_t>& ids) {
  return ReadDocuments(ids, /*head=*/false);
}

Result<std::vector<Document>> PgStoreImpl::GetDocumentHeads(const std::vector<int64_t>& ids) {
  return ReadDocuments(ids, /*head=*/true);
}

// A head's body is never read: TOASTed out of line, it stays on disk.
Result<std::vector<Document>> PgStoreImpl::ReadDocuments(const std::vector<int64_t>& ids, bool head) {
  std::vector<Document> out;
  if (ids.empty()) return out;
  auto r = conn_->Exec(std::string("SELECT ") + (head ? kHeadColumns : kDocumentColumns) +
                           " FROM documents WHERE id = ANY($1::bigint[])",
                       pg::Params().IntArray(ids), /*binary=*/true);
  if (!r) return Unexpected(r.error());
  std::unordered_map<int64_t, Document> by_id;
  for (int i = 0; i < r->rows(); ++i) {
    Status body;
    Document d = ReadDocumentRow(pg::Row(*r, i), &body);
    if (!head) STORYLOOM_RETURN_IF_ERROR(body);
    if (!head) STORYLOOM_RETURN_IF_ERROR(CheckDocumentSpans(d));
    by_id.emplace(d.id, std::move(d));
  }
  // Their removed spans (a dateline cut out still dates a document), in
  // one query too.
  if (!head) {
    auto rs = conn_->Exec(
        "SELECT doc_id, start, \"end\", reason, text FROM removed WHERE doc_id = ANY($1::bigint[]) "
        "ORDER BY doc_id, start, n",
        pg::Params().IntArray(ids), /*binary=*/true);
    if (!rs) return Unexpected(rs.error());
    for (int i = 0; i < rs->rows(); ++i) {
      auto it = by_id.find(rs->Int(i, 0));
      if (it == by_id.end()) continue;
      it->second.removed.push_back({{static_cast<uint32_t>(rs->Int(i, 1)), static_cast<uint32_t>(rs->Int(i, 2))},
                                    rs->Text(i, 3),
                                    rs->Text(i, 4)});
    }
  }
  // A document asked for twice is given twice: copied but the last time.
  std::unordered_map<int64_t, size_t> last;
  for (size_t i = 0; i < ids.size(); ++i) last[ids[i]] = i;
  out.reserve(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    auto it = by_id.find(ids[i]);
    if (it == by_id.end()) return NoDocument(ids[i]);
    if (last[ids[i]] == i) out.push_back(std::move(it->second));
    else out.push_back(it->second);
  }
  return out;
}

Status PgStoreImpl::SaveAnnotations(int64_t doc, std::string_view encoded) {
  WriteScope w(*this);
  STORYLOOM_RETURN_IF_ERROR(w.status());
  auto r = conn_->Exec(
      "INSERT INTO doc_annotations (doc, annotations) VALUES ($1::bigint, $2::bytea) "
      "ON CONFLICT (doc) DO UPDATE SET annotations = EXCLUDED.annotations",
      pg::Params().Int(doc).Blob(encoded));
  return w.Done(r ? Status::Ok() : r.error().Prefixed("saving annotations: "));
}

Result<std::unordered_map<int64_t, std::string>> PgStoreImpl::LoadAnnotations(const std::vector<int64_t>& docs) {
  std::unordered_map<int64_t, std::string> out;
  if (docs.empty()) return out;
  auto r = conn_->Exec("SELECT doc, annotations FROM doc_annotations WHERE doc = ANY($1::bigint[])",
                       pg::Params().IntArray(docs), /*binary=*/true);
  if (!r) return Unexpected(r.error().Prefixed("reading annotations: "));
  for (int i = 0; i < r->rows(); ++i) out.emplace(r->Int(i, 0), r->Blob(i, 1));
  return out;
}

Result<std::string> PgStoreImpl::RawInput(int64_t doc_id) {
  auto r = conn_->Exec(
      "SELECT i.raw, i.raw_codec, i.bytes FROM inputs i JOIN documents d ON d.input_id = i.id WHERE d.id = $1::bigint",
      pg::Params().Int(doc_id));
  if (!r) return Unexpected(r.error());
  if (r->rows() == 0) return NoDocument(doc_id);
  return DecodeRaw(r->Blob(0, 0), r->Text(0, 1), static_cast<size_t>(r->Int(0, 2)), doc_id);
}

Result<std::string> PgStoreImpl::DocumentOpening(int64_t doc, size_t chars) {
  // The plain opening of a compressed text answers up to its length.
  auto r = conn_->Exec(
      "SELECT left(body, $1::int), CASE WHEN $1::int > $3::int THEN body_zstd END FROM documents WHERE id = $2::bigint",
      pg::Params()
          .Int(static_cast<int64_t>(std::min<size_t>(chars, 1u << 30)))
          .Int(doc)
          .Int(static_cast<int64_t>(kPlainOpening)));
  if (!r) return Unexpected(r.error());
  if (r->rows() == 0) return NoDocument(doc);
  if (r->Null(0, 1)) return r->Text(0, 0);
  auto text = DecodeBody(r->Blob(0, 1), doc);
  if (!text) return Unexpected(text.error());
  return FirstChars(*text, chars);
}

}  // namespace storyloom
