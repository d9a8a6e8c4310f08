// The row codecs every store backend shares.
#include "store/row_codec.h"

#include "base/zstd_blob.h"

#include <algorithm>
#include <cstring>
#include <ctime>

namespace storyloom {

std::string NowUtc() {
  std::time_t t = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&t, &parts);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &parts);
  return buf;
}

const char* const kDocumentColumns =
    "id, path, line, part, format, is_list, raw_start, raw_end, title, url, source, site, byline, published, "
    "published_from, lang, lang_confidence, mixed_lang, body, offset_map, content_hash, metadata, sentences, paragraphs, "
    "body_zstd";

const char* const kHeadColumns =
    "id, path, line, part, format, is_list, raw_start, raw_end, title, url, source, site, byline, published, "
    "published_from, lang, lang_confidence, mixed_lang, NULL, NULL, NULL, NULL, NULL, NULL, NULL";

std::string PackSentences(const std::vector<Sentence>& sentences) {
  std::string out(sentences.size() * 8, '\0');
  for (size_t i = 0; i < sentences.size(); ++i) {
    uint32_t v[2] = {sentences[i].span.start, sentences[i].span.end};
    std::memcpy(out.data() + i * 8, v, 8);
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

Status CheckDocumentSpans(const Document& d) {
  const size_t size = d.body.text().size();
  auto bad = [&](const char* what, size_t i) {
    return Status::Error("document " + std::to_string(d.id) + ": stored " + what + " " + std::to_string(i) +
                             " lies outside its text; the row is damaged",
                         ErrorKind::kCorruption);
  };
  for (size_t i = 0; i < d.sentences.size(); ++i) {
    const auto& s = d.sentences[i].span;
    if (s.start > s.end || s.end > size) return bad("sentence", i);
  }
  for (size_t i = 0; i < d.paragraphs.size(); ++i) {
    const auto& s = d.paragraphs[i].span;
    if (s.start > s.end || s.end > size) return bad("paragraph", i);
  }
  return Status::Ok();
}

Document ReadDocumentRow(const RowReader& row, Status* body) {
  Document d;
  d.id = row.Int(0);
  d.path = row.Text(1);
  d.line = static_cast<uint32_t>(row.Int(2));
  d.part = static_cast<uint32_t>(row.Int(3));
  ParseFormat(row.Text(4), &d.format);
  d.is_list = row.Int(5) != 0;
  d.raw_span = {static_cast<uint32_t>(row.Int(6)), static_cast<uint32_t>(row.Int(7))};
  d.title = row.Text(8);
  d.url = row.Text(9);
  d.source = row.Text(10);
  d.site = row.Text(11);
  d.byline = row.Text(12);
  if (!row.Null(13)) d.published = row.Text(13);
  d.published_from = row.Text(14);
  d.lang = row.Text(15);
  d.lang_confidence = static_cast<float>(row.Real(16));
  d.mixed_lang = row.Int(17) != 0;
  std::vector<OffsetRun> runs;
  MappedText::DeserializeMap(row.Blob(19), &runs);
  std::string text = row.Text(18);
  if (!row.Null(24)) {
    auto decoded = DecodeBody(row.Blob(24), d.id);
    if (decoded) text = std::move(*decoded);
    else if (body) *body = decoded.error();
  }
  d.body = MappedText::FromParts(std::move(text), std::move(runs));
  d.content_hash = row.Text(20);
  d.metadata_json = row.Text(21);
  d.sentences = UnpackSentences(row.Blob(22));
  d.paragraphs = UnpackParagraphs(row.Blob(23));
  return d;
}

// Placements saved before schema 4 have no chosen story: the one they are in.
const char* const kPlacementColumns =
    "p.doc, p.story, p.score, p.why, p.duplicate_of, p.duplicate_kind, p.duplicate_score, "
    "COALESCE(p.placed_story, p.story), p.told_first, p.told_last";

StoredPlacement ReadPlacement(const RowReader& row, int first) {
  StoredPlacement p;
  p.doc = row.Int(first);
  p.story = row.Int(first + 1);
  p.score = row.Real(first + 2);
  p.why = SplitWhy(row.Text(first + 3));
  if (!row.Null(first + 4)) {
    p.duplicate_of = row.Int(first + 4);
    p.duplicate_kind = row.Text(first + 5);
    p.duplicate_score = row.Real(first + 6);
  }
  p.placed = row.Int(first + 7);
  p.told_first = row.Text(first + 8);
  p.told_last = row.Text(first + 9);
  return p;
}

StoredFeatures ReadFeaturesRow(const RowReader& row) {
  StoredFeatures f;
  f.features = row.Blob(0);
  f.seq = row.Int(1);
  f.placement = ReadPlacement(row, 2);
  f.doc = f.placement.doc;
  return f;
}

SearchHit ReadSearchHit(const RowReader& row, size_t* total) {
  SearchHit h;
  h.doc = row.Int(0);
  h.rank = row.Real(1);
  h.lang = row.Text(2);
  h.title = row.Text(3);
  h.source = row.Text(4);
  h.url = row.Text(5);
  if (!row.Null(6)) h.published = row.Text(6);
  h.story = row.Int(7);
  h.duplicate_of = row.Int(8);
  *total = static_cast<size_t>(row.Int(9));
  return h;
}

StoredRaw EncodeRaw(std::string_view bytes) {
  if (auto frame = ZstdCompress(bytes)) return {std::move(*frame), "zstd"};
  return {std::string(bytes), ""};
}

Result<std::string> DecodeRaw(std::string stored, std::string_view codec, size_t bytes, int64_t doc) {
  if (codec.empty() && stored.size() == bytes) return stored;
  if (codec == "zstd") {
    if (auto raw = ZstdDecompress(stored, bytes)) return std::move(*raw);
  }
  return Fail("the raw input of document " + std::to_string(doc) + " is corrupt (codec '" + std::string(codec) + "')",
              ErrorKind::kCorruption);
}

StoredBody EncodeBody(std::string_view text) {
  // Short texts gain little and cost a frame header each.
  if (text.size() < 256 || text.size() > UINT32_MAX) return {std::string(text), std::nullopt};
  auto frame = ZstdCompress(text);
  if (!frame || frame->size() + 4 >= text.size()) return {std::string(text), std::nullopt};
  const uint32_t size = static_cast<uint32_t>(text.size());
  std::string out(4, '\0');
  std::memcpy(out.data(), &size, 4);
  // The opening stays plain: story lists name untitled documents by it
  // without decompressing their texts.
  return {FirstChars(text, kPlainOpening), out + *frame};
}

Result<std::string> DecodeBody(std::string_view zstd, int64_t doc) {
  uint32_t size = 0;
  if (zstd.size() > 4) {
    std::memcpy(&size, zstd.data(), 4);
    // A damaged size is not allocated (no text storyloom stores is this long).
    if (size > (1u << 30)) size = 0;
    if (auto text = ZstdDecompress(zstd.substr(4), size)) return std::move(*text);
  }
  return Fail("the text of document " + std::to_string(doc) + " is corrupt (its zstd frame does not decode)",
              ErrorKind::kCorruption);
}

std::string FirstChars(std::string_view text, size_t chars) {
  size_t i = 0;
  for (size_t n = 0; i < text.size() && n < chars; ++n) {
    ++i;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
  }
  return std::string(text.substr(0, i));
}

std::string JoinWhy(const std::vector<std::string>& why) {
  std::string out;
  for (const std::string& x : why) out += (out.empty() ? "" : "\n") + x;
  return out;
}

std::vector<std::string> SplitWhy(const std::string& stored) {
  std::vector<std::string> out;
  size_t a = 0;
  while (a < stored.size()) {
    size_t b = stored.find('\n', a);
    if (b == std::string::npos) b = stored.size();
    out.push_back(stored.substr(a, b - a));
    a = b + 1;
  }
  return out;
}

}  // namespace storyloom
