// Reading a stored story for its timeline: its placements in order, the
// heads of every document but a copy with the annotations ingest stored,
// and the text of the few documents quoted.
#include "engine/story_timeline.h"

#include <algorithm>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "base/parallel_for.h"

namespace storyloom {

Result<Timeline> StoryTimeline(Store& store, int64_t story, const StoryResources& resources,
                               const TimelineOptions& options, std::unordered_map<int64_t, Document>* quoted_docs) {
  auto placements = store.StoryPlacements(story);
  if (!placements) return Unexpected(placements.error());
  if (placements->empty()) return Fail("no story " + std::to_string(story), ErrorKind::kNotFound);
  // An exact or near copy is cited, not read (see BuildTimeline): its text
  // stays in the store; it speaks its original's language. A duplicate is
  // placed after its original, so whether the original is read is known.
  std::vector<bool> copy(placements->size(), false);
  std::vector<int64_t> read;
  {
    std::unordered_set<int64_t> known;
    for (size_t i = 0; i < placements->size(); ++i) {
      const StoredPlacement& p = (*placements)[i];
      copy[i] = IsCopy(p.duplicate_of, p.duplicate_kind) && known.contains(p.duplicate_of);
      if (!copy[i]) read.push_back(p.doc);
      known.insert(p.doc);
    }
  }
  // The annotations ingest stored, read in one go, then decoded on a pool
  // of threads while the documents' heads (all before their text) are
  // read, a thousand at a time (a database server answers meanwhile). The
  // text itself is read for the few documents quoted, at the end.
  auto stored = store.LoadAnnotations(read);
  if (!stored) return Unexpected(stored.error());
  std::vector<std::optional<StoredAnnotation>> decoded(read.size());
  std::vector<std::string*> encoded(read.size(), nullptr);
  for (size_t i = 0; i < read.size(); ++i) {
    auto it = stored->find(read[i]);
    if (it != stored->end()) encoded[i] = &it->second;
  }
  std::thread decoder([&] {
    ParallelFor(read.size(), 0, [&](size_t i) {
      if (!encoded[i]) return;
      decoded[i] = DecodeAnnotation(*encoded[i], AnchorDecoding::kReferences);
      std::string().swap(*encoded[i]);
    });
  });
  std::vector<Document> heads;
  heads.reserve(read.size());
  Status st;
  constexpr size_t kChunk = 1000;
  for (size_t i = 0; i < read.size() && st.ok(); i += kChunk) {
    std::vector<int64_t> chunk(read.begin() + i, read.begin() + std::min(read.size(), i + kChunk));
    auto got = store.GetDocumentHeads(chunk);
    if (!got) st = got.error();
    else for (Document& d : *got) heads.push_back(std::move(d));
  }
  decoder.join();
  stored->clear();
  if (!st.ok()) return Fail(st);
  // A document stored without an annotation (by an older storyloom, or
  // one this storyloom cannot decode) is read whole: the timeline
  // annotates it again.
  std::vector<int64_t> whole;
  for (size_t i = 0; i < read.size(); ++i) {
    if (!decoded[i]) whole.push_back(read[i]);
  }
  std::unordered_map<int64_t, Document> whole_docs;
  for (size_t i = 0; i < whole.size(); i += kChunk) {
    std::vector<int64_t> chunk(whole.begin() + i, whole.begin() + std::min(whole.size(), i + kChunk));
    auto got = store.GetDocuments(chunk);
    if (!got) return Unexpected(got.error());
    for (Document& d : *got) whole_docs.emplace(d.id, std::move(d));
  }
  std::vector<TimelineDocument> docs;
  docs.reserve(placements->size());
  std::unordered_map<int64_t, std::string> lang_of;
  size_t next = 0;  // the next of `read`, in placement order
  for (size_t i = 0; i < placements->size(); ++i) {
    const StoredPlacement& p = (*placements)[i];
    if (copy[i]) {
      TimelineDocument c{Document{}, p.duplicate_of, p.duplicate_kind, std::nullopt};
      c.doc.id = p.doc;
      c.doc.lang = lang_of[p.duplicate_of];
      lang_of[p.doc] = c.doc.lang;
      docs.push_back(std::move(c));
      continue;
    }
    const size_t k = next++;
    auto it = whole_docs.find(p.doc);
    Document d = it != whole_docs.end() ? std::move(it->second) : std::move(heads[k]);
    lang_of[p.doc] = d.lang;
    std::optional<StoredAnnotation> annotation;
    if (it == whole_docs.end()) annotation = std::move(decoded[k]);
    docs.push_back({std::move(d), p.duplicate_of, p.duplicate_kind, std::move(annotation)});
  }
  Timeline timeline = BuildTimeline(std::move(docs), resources, options, story);
  // The quoted sentences' text, from their documents read whole: a few
  // dozen, where the story may hold tens of thousands.
  std::vector<TimelineSentence*> quotes;
  for (TimelineEntry& e : timeline.entries) {
    for (TimelineSentence& s : e.sentences) quotes.push_back(&s);
  }
  for (TimelineSentence& s : timeline.summary) quotes.push_back(&s);
  std::vector<int64_t> quoted;
  for (const TimelineSentence* s : quotes) {
    if (s->text.empty() && !whole_docs.contains(s->doc)) quoted.push_back(s->doc);
  }
  std::sort(quoted.begin(), quoted.end());
  quoted.erase(std::unique(quoted.begin(), quoted.end()), quoted.end());
  auto got = store.GetDocuments(quoted);
  if (!got) return Unexpected(got.error());
  std::unordered_map<int64_t, const Document*> by_id;
  for (const Document& d : *got) by_id.emplace(d.id, &d);
  bool unquotable = false;  // an annotation that does not fit its document's sentences
  for (TimelineSentence* s : quotes) {
    auto it = by_id.find(s->doc);
    if (it != by_id.end() && !FillQuote(s, *it->second) && s->text.empty()) unquotable = true;
  }
  if (unquotable) {
    auto empty = [](const TimelineSentence& s) { return s.text.empty(); };
    for (TimelineEntry& e : timeline.entries) std::erase_if(e.sentences, empty);
    std::erase_if(timeline.entries, [](const TimelineEntry& e) { return e.sentences.empty(); });
    std::erase_if(timeline.summary, empty);
  }
  if (quoted_docs) {
    for (Document& d : *got) quoted_docs->emplace(d.id, std::move(d));
  }
  return timeline;
}

}  // namespace storyloom
