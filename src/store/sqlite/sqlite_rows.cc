// The SQLite backend's row codecs: packed sentences and paragraphs, a
// document row, a placement row; and what its result codes mean.
#include <cstring>
#include <ctime>

#include "store/sqlite/sqlite_internal.h"

namespace storyloom::sqlite_store {

std::string Now() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

const char* const kDocumentColumns =
    "id, path, line, part, format, is_list, raw_start, raw_end, title, url, source, site, byline, published, "
    "published_from, lang, lang_confidence, mixed_lang, body, offset_map, content_hash, metadata, sentences, paragraphs";

// Sentence spans as one blob a document: far cheaper than a row each.
std::string PackSentences(const std::vector<Sentence>& sentences) {
  std::string out(sentences.size() * 8, '\0');
  for (size_t i = 0; i < sentences.size(); ++i) {
    uint32_t v[2] = {sentences[i].span.start, sentences[i].span.end};
    std::memcpy(out.data() + i * 8, v, 8);
  }
  return out;
}

std::string PackParagraphs(const std::vector<Paragraph>& paragraphs) {
  std::string out(paragraphs.size() * 16, '\0');
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    const Paragraph& p = paragraphs[i];
    char* at = out.data() + i * 16;
    uint32_t v[2] = {p.span.start, p.span.end};
    std::memcpy(at, v, 8);
    std::memcpy(at + 8, p.lang.data(), std::min<size_t>(p.lang.size(), 4));
    std::memcpy(at + 12, &p.confidence, 4);
  }
  return out;
}

namespace {
std::vector<Paragraph> UnpackParagraphs(std::string_view blob) {
  std::vector<Paragraph> out(blob.size() / 16);
  for (size_t i = 0; i < out.size(); ++i) {
    const char* at = blob.data() + i * 16;
    uint32_t v[2];
    std::memcpy(v, at, 8);
    out[i].span = {v[0], v[1]};
    out[i].lang.assign(at + 8, strnlen(at + 8, 4));
    std::memcpy(&out[i].confidence, at + 12, 4);
  }
  return out;
}

std::vector<Sentence> UnpackSentences(std::string_view blob) {
  std::vector<Sentence> out(blob.size() / 8);
  for (size_t i = 0; i < out.size(); ++i) {
    uint32_t v[2];
    std::memcpy(v, blob.data() + i * 8, 8);
    out[i].span = {v[0], v[1]};
  }
  return out;
}

}  // namespace

Document ReadDocumentRow(Statement& s) {
  Document d;
  d.id = s.ColInt(0);
  d.path = s.ColText(1);
  d.line = static_cast<uint32_t>(s.ColInt(2));
  d.part = static_cast<uint32_t>(s.ColInt(3));
  ParseFormat(s.ColText(4), &d.format);
  d.is_list = s.ColInt(5) != 0;
  d.raw_span = {static_cast<uint32_t>(s.ColInt(6)), static_cast<uint32_t>(s.ColInt(7))};
  d.title = s.ColText(8);
  d.url = s.ColText(9);
  d.source = s.ColText(10);
  d.site = s.ColText(11);
  d.byline = s.ColText(12);
  if (!s.ColNull(13)) d.published = s.ColText(13);
  d.published_from = s.ColText(14);
  d.lang = s.ColText(15);
  d.lang_confidence = static_cast<float>(sqlite3_column_double(s.get(), 16));
  d.mixed_lang = s.ColInt(17) != 0;
  std::vector<OffsetRun> runs;
  MappedText::DeserializeMap(s.ColBlob(19), &runs);
  d.body = MappedText::FromParts(s.ColText(18), std::move(runs));
  d.content_hash = s.ColText(20);
  d.metadata_json = s.ColText(21);
  d.sentences = UnpackSentences(s.ColBlob(22));
  d.paragraphs = UnpackParagraphs(s.ColBlob(23));
  return d;
}

std::string JoinLines(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& x : v) out += (out.empty() ? "" : "\n") + x;
  return out;
}
std::vector<std::string> SplitLines(const std::string& s) {
  std::vector<std::string> out;
  size_t a = 0;
  while (a < s.size()) {
    size_t b = s.find('\n', a);
    if (b == std::string::npos) b = s.size();
    out.push_back(s.substr(a, b - a));
    a = b + 1;
  }
  return out;
}


StoredPlacement ReadPlacement(Statement& s, int first) {
  StoredPlacement p;
  p.doc = s.ColInt(first);
  p.story = s.ColInt(first + 1);
  p.score = sqlite3_column_double(s.get(), first + 2);
  p.why = SplitLines(s.ColText(first + 3));
  if (!s.ColNull(first + 4)) {
    p.duplicate_of = s.ColInt(first + 4);
    p.duplicate_kind = s.ColText(first + 5);
    p.duplicate_score = sqlite3_column_double(s.get(), first + 6);
  }
  p.placed = s.ColInt(first + 7);
  p.told_first = s.ColText(first + 8);
  p.told_last = s.ColText(first + 9);
  return p;
}
// Placements saved before schema 4 have no chosen story: the one they are in.
const char* const kPlacementColumns =
    "p.doc, p.story, p.score, p.why, p.duplicate_of, p.duplicate_kind, p.duplicate_score, "
    "COALESCE(p.placed_story, p.story), p.told_first, p.told_last";

ErrorKind KindOfSqlite(int code) {
  switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
    case SQLITE_IOERR:
    case SQLITE_FULL:
      return ErrorKind::kUnavailable;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return ErrorKind::kCorruption;
    case SQLITE_CONSTRAINT:
      return ErrorKind::kConflict;
    default:
      return ErrorKind::kInternal;
  }
}

Status SqliteError(sqlite3* db, const std::string& context) {
  return Status::Error(context + sqlite3_errmsg(db), KindOfSqlite(sqlite3_extended_errcode(db)));
}

}  // namespace storyloom::sqlite_store
