// The API's documents: one in brief, as lists and timelines cite it, and in
// full (its text, paragraphs, sentences, removed spans and placement).
#include "serve/api.h"

#include "serve/api_internal.h"

namespace storyloom {

using nlohmann::json;
using namespace api_internal;  // NOLINT: the API's own parameters and responses

json api_internal::DocumentBrief(const Document& d) {
  return {{"id", d.id},        {"lang", d.lang},   {"title", d.title},
          {"source", d.source}, {"url", d.url},     {"published", OrNull(d.published)}};
}

ApiResponse Api::GetDocument(const ApiRequest&, int64_t id) {
  auto reader = AcquireReader();
  if (!reader) return ReaderError(reader.error());
  ReaderLease lease(*this, std::move(*reader));
  Store& store = *lease->store;
  auto d = store.GetDocument(id);
  if (!d) return StatusError(d.error());  // 404 when there is no such document, not when the store fails
  json out = DocumentBrief(*d);
  out["path"] = d->path;
  out["line"] = d->line;
  out["part"] = d->part;
  out["format"] = FormatName(d->format);
  out["list"] = d->is_list;
  out["lang_confidence"] = d->lang_confidence;
  out["mixed_lang"] = d->mixed_lang;
  out["published_from"] = d->published_from;
  out["site"] = d->site;
  out["byline"] = d->byline;
  json meta = nullptr;
  if (!d->metadata_json.empty()) meta = json::parse(d->metadata_json, nullptr, false);
  out["metadata"] = meta.is_discarded() ? json(nullptr) : meta;
  out["text"] = d->body.text();
  out["paragraphs"] = json::array();
  for (const Paragraph& p : d->paragraphs) {
    out["paragraphs"].push_back({{"start", p.span.start}, {"end", p.span.end}, {"lang", p.lang}});
  }
  out["sentences"] = json::array();
  for (const Sentence& s : d->sentences) out["sentences"].push_back({s.span.start, s.span.end});
  // Removed spans are in input bytes; `at` is where they stood in the text.
  const MappedText& body = d->body;
  out["removed"] = json::array();
  for (const RemovedSpan& rm : d->removed) {
    uint32_t lo = 0, hi = static_cast<uint32_t>(body.size());
    while (lo < hi) {
      uint32_t mid = lo + (hi - lo) / 2;
      if (body.OriginalStart(mid) < rm.span.start) lo = mid + 1;
      else hi = mid;
    }
    while (lo < body.size() && (static_cast<unsigned char>(body.text()[lo]) & 0xC0) == 0x80) ++lo;
    out["removed"].push_back({{"reason", rm.reason}, {"text", rm.text}, {"start", rm.span.start},
                              {"end", rm.span.end}, {"at", lo}});
  }
  out["story"] = nullptr;
  if (auto p = store.Placement(id)) {
    out["story"] = {{"id", p->story},
                    {"duplicate_of", p->duplicate_of ? json(p->duplicate_of) : json(nullptr)},
                    {"duplicate_kind", p->duplicate_kind}};
  }
  return JsonOk(out);
}

}  // namespace storyloom
