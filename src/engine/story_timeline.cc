// Reading a stored story for its timeline: its placements in order, the text
// of every document but a copy, and the annotations ingest stored.
#include "engine/story_timeline.h"

#include <algorithm>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace storyloom {

Result<Timeline> StoryTimeline(Store& store, int64_t story, const StoryResources& resources,
                               const TimelineOptions& options) {
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
  // The annotations ingest stored, read in one go, then decoded on a
  // thread of their own while the documents are read, a thousand at a time
  // (a database server answers meanwhile).
  auto stored = store.LoadAnnotations(read);
  if (!stored) return Unexpected(stored.error());
  std::vector<std::optional<StoredAnnotation>> decoded(read.size());
  std::thread decoder([&] {
    for (size_t i = 0; i < read.size(); ++i) {
      auto it = stored->find(read[i]);
      if (it == stored->end()) continue;
      decoded[i] = DecodeAnnotation(it->second);
      std::string().swap(it->second);
    }
  });
  std::unordered_map<int64_t, Document> texts;
  Status st;
  constexpr size_t kChunk = 1000;
  for (size_t i = 0; i < read.size() && st.ok(); i += kChunk) {
    std::vector<int64_t> chunk(read.begin() + i, read.begin() + std::min(read.size(), i + kChunk));
    auto got = store.GetDocuments(chunk);
    if (!got) st = got.error();
    else for (Document& d : *got) texts.emplace(d.id, std::move(d));
  }
  decoder.join();
  if (!st.ok()) return Fail(st);
  std::unordered_map<int64_t, size_t> decoded_of;  // document -> its place in `read`
  for (size_t i = 0; i < read.size(); ++i) decoded_of.emplace(read[i], i);
  std::vector<TimelineDocument> docs;
  docs.reserve(placements->size());
  std::unordered_map<int64_t, std::string> lang_of;
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
    Document& d = texts[p.doc];
    lang_of[p.doc] = d.lang;
    docs.push_back({std::move(d), p.duplicate_of, p.duplicate_kind, std::nullopt});
  }
  // A document with a body reads its stored annotation (a copy has none).
  for (TimelineDocument& d : docs) {
    if (d.doc.body.empty()) continue;
    auto it = decoded_of.find(d.doc.id);
    if (it != decoded_of.end() && decoded[it->second]) d.stored = std::move(decoded[it->second]);
  }
  return BuildTimeline(std::move(docs), resources, options, story);
}

}  // namespace storyloom
