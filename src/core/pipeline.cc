#include "storyloom/pipeline.h"

#include <xxhash.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "base/utf8.h"
#include "clean/cleaner.h"
#include "ingest/reader.h"
#include "text/normalize.h"
#include "text/segment.h"

namespace storyloom {

std::string ContentHash(std::string_view bytes) {
  XXH128_hash_t h = XXH3_128bits(bytes.data(), bytes.size());
  char buf[33];
  std::snprintf(buf, sizeof(buf), "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return buf;
}

namespace {

CleanOptions CleanOptionsFor(Format f, const Resources& resources) {
  CleanOptions o;
  // A lead's dateline is cut in every format: a feed item's or a page's text
  // opens with one as often as a plain file's.
  o.datelines = &resources.datelines();
  if (f != Format::kText) {
    // One line, one JSON item or one page is one document: its metadata
    // comes from the source, not from header lines.
    o.read_header = false;
    o.split_glued = false;
    o.detect_list = false;
  }
  return o;
}

// One field of a document's metadata (a JSON object), set; metadata that is
// not an object is left as it is.
void SetMetadata(Document* doc, const char* key, nlohmann::json value) {
  nlohmann::json meta = doc->metadata_json.empty() ? nlohmann::json::object()
                                                   : nlohmann::json::parse(doc->metadata_json, nullptr, false);
  if (!meta.is_object()) return;
  meta[key] = std::move(value);
  doc->metadata_json = meta.dump();
}

// Whether a document's text outweighs the language its feed declared: it
// was identified as another language with confidence, from enough text,
// and not one the model confuses with the declared one.
bool TextOverrulesDeclaredLanguage(const std::string& declared, const Document& doc) {
  if (doc.lang.empty() || doc.lang == declared) return false;
  if (doc.lang_confidence < 0.9 || doc.body.size() < 200) return false;
  static const std::vector<std::vector<std::string>> kClose = {
      {"id", "ms"}, {"hr", "sr", "bs", "sh"}, {"no", "nb", "nn", "da"}, {"cs", "sk"}, {"pt", "gl", "es"}};
  for (const auto& group : kClose) {
    const bool has_declared = std::find(group.begin(), group.end(), declared) != group.end();
    const bool has_found = std::find(group.begin(), group.end(), doc.lang) != group.end();
    if (has_declared && has_found) return false;
  }
  return true;
}

std::string NormalizedString(const MappedText& text, bool segmented) {
  NormalizeOptions o;
  o.segmented_corpus = segmented;
  std::string s = Normalize(text, o).text.text();
  for (char& c : s) {
    if (c == '\n') c = ' ';
  }
  return s;
}

}  // namespace

void IdentifyLanguages(Document* doc, const LanguageIdentifier& langid) {
  const std::string& text = doc->body.text();
  std::map<std::string, size_t> bytes_by_lang;
  size_t total = 0;
  std::vector<bool> identified(doc->paragraphs.size(), false);
  auto identify = [&](size_t i) {
    Paragraph& p = doc->paragraphs[i];
    identified[i] = true;
    std::string_view v = std::string_view(text).substr(p.span.start, p.span.size());
    if (v.size() < 40) return;  // too short to tell: takes the document's language
    // The head of a paragraph tells its language as well as the whole.
    constexpr size_t kSampleBytes = 160;
    if (v.size() > kSampleBytes) {
      size_t cut = kSampleBytes;
      while (cut > 0 && (static_cast<unsigned char>(v[cut]) & 0xC0) == 0x80) --cut;
      v = v.substr(0, cut);
    }
    LanguageGuess g = langid.Identify(v);
    p.lang = g.lang;
    p.confidence = g.confidence;
    if (!g.lang.empty() && g.confidence >= 0.5) {
      bytes_by_lang[g.lang] += p.span.size();
      total += p.span.size();
    }
  };
  // A few paragraphs spread over the text decide; only when they disagree
  // (a mixed document, rare) is every paragraph identified.
  constexpr size_t kSampledParagraphs = 3;
  size_t step = std::max<size_t>(1, (doc->paragraphs.size() + kSampledParagraphs - 1) / kSampledParagraphs);
  for (size_t i = 0; i < doc->paragraphs.size(); i += step) identify(i);
  if (bytes_by_lang.size() > 1) {
    for (size_t i = 0; i < doc->paragraphs.size(); ++i) {
      if (!identified[i]) identify(i);
    }
  }
  if (total == 0) {
    LanguageGuess g = langid.Identify(std::string_view(text).substr(0, std::min<size_t>(text.size(), 2048)));
    doc->lang = g.lang;
    doc->lang_confidence = g.confidence;
    for (Paragraph& p : doc->paragraphs) {
      if (p.lang.empty()) p.lang = g.lang;
    }
    return;
  }
  std::string best;
  size_t best_bytes = 0, second_bytes = 0;
  for (auto& [lang, n] : bytes_by_lang) {
    if (n > best_bytes) {
      second_bytes = best_bytes;
      best_bytes = n;
      best = lang;
    } else if (n > second_bytes) {
      second_bytes = n;
    }
  }
  doc->lang = best;
  doc->lang_confidence = static_cast<float>(best_bytes) / static_cast<float>(total);
  doc->mixed_lang = second_bytes * 5 >= total;
  for (Paragraph& p : doc->paragraphs) {
    if (p.lang.empty() || p.confidence < 0.5) p.lang = best;
  }
}

std::vector<Document> ProcessUnit(const InputUnit& unit, const Resources& resources, Segmenter& segmenter,
                                  const PipelineOptions& options) {
  std::vector<Document> docs;
  std::vector<CleanArticle> articles = CleanText(unit.text, resources.chrome(), CleanOptionsFor(unit.format, resources));
  uint32_t part = 0;
  for (CleanArticle& a : articles) {
    Document doc;
    doc.path = unit.path;
    doc.line = unit.line;
    doc.part = unit.chunk + part;
    doc.format = unit.format;
    doc.is_list = a.is_list;
    doc.raw_span = unit.raw_span;

    // Normalise each paragraph; paragraphs are separated by a blank line.
    std::string all;
    for (const MappedText& p : a.paragraphs) all += p.text();
    bool segmented = LooksWordSegmented(all);
    NormalizeOptions norm;
    norm.segmented_corpus = segmented;
    MappedTextBuilder body;
    std::vector<uint32_t> joins;
    for (const MappedText& p : a.paragraphs) {
      NormalizedText n = Normalize(p, norm);
      if (n.text.empty()) continue;
      if (body.size() > 0) {
        uint32_t at = n.text.OriginalStart(0);
        body.AppendOriginal("\n\n", at, at);
      }
      uint32_t base = static_cast<uint32_t>(body.size());
      // A paragraph may hold line breaks of its own (lists in HTML).
      body.Copy(n.text, 0, static_cast<uint32_t>(n.text.size()));
      for (uint32_t j : n.joins) joins.push_back(base + j);
      doc.paragraphs.push_back({{base, static_cast<uint32_t>(body.size())}, "", 0});
    }
    doc.body = std::move(body).Finish();
    if (doc.body.empty()) continue;

    doc.title = !a.title.empty() ? NormalizedString(a.title, segmented) : unit.title;
    doc.url = WithoutTrackingParameters(unit.url);
    doc.source = !unit.source.empty() ? unit.source : a.source;
    doc.site = !unit.site.empty() ? unit.site : a.site;
    doc.byline = !unit.byline.empty() ? unit.byline : NormalizedString(MappedText::Identity(a.byline), segmented);
    // A fetch date (a web archive's) stands only where the text has no date.
    bool fetched_only = unit.published_from == "fetched";
    if (unit.published && !(fetched_only && a.published)) {
      doc.published = unit.published;
      doc.published_from = unit.published_from.empty() ? "metadata" : unit.published_from;
    } else if (a.published) {
      doc.published = a.published;
      doc.published_from = "header";
    }
    doc.metadata_json = unit.metadata_json;
    if (a.fragment) {
      // A teaser cut short by the page: said in the metadata, for readers.
      SetMetadata(&doc, "fragment", true);
    }
    doc.removed = unit.removed;
    doc.removed.insert(doc.removed.end(), a.removed.begin(), a.removed.end());

    if (!options.forced_lang.empty()) {
      doc.lang = options.forced_lang;
      doc.lang_confidence = 1;
      for (Paragraph& p : doc.paragraphs) p.lang = options.forced_lang;
    } else {
      IdentifyLanguages(&doc, resources.langid());
      // A feed that names its language is believed over the guess, unless
      // its text says otherwise beyond doubt: a channel tagged "en-US" by
      // its software's default can carry Vietnamese. Languages the model
      // tells apart poorly (Malay and Indonesian, say) keep the feed's word.
      if ((unit.format == Format::kJsonl || unit.format == Format::kFeed) && !unit.lang.empty()) {
        std::string lang = AsciiLower(unit.lang.substr(0, unit.lang.find_first_of("-_")));
        if (TextOverrulesDeclaredLanguage(lang, doc)) {
          SetMetadata(&doc, "declared_lang", unit.lang);
        } else {
          doc.lang = lang;
        }
      }
    }
    segmenter.Segment(&doc, joins, options.with_tokens);
    doc.content_hash = ContentHash(doc.body.text());
    docs.push_back(std::move(doc));
    ++part;
  }
  return docs;
}

}  // namespace storyloom
