// A frozen string -> uint32 map for the per-token look-ups of anchor finding.
//
// Anchor finding looks up every capitalised token (places) and every token
// (lexicon, common words); most look-ups miss. A node-based unordered_map
// costs a bucket read, a node read and a std::string argument each time;
// here the slots are one flat array of (hash, value) pairs probed linearly,
// so a miss reads one cache line and compares no string, and keys are
// looked up as string_view without building a std::string.
#ifndef STORYLOOM_ANNOTATE_ANCHORS_INDEX_H_
#define STORYLOOM_ANNOTATE_ANCHORS_INDEX_H_

#include <xxhash.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace storyloom {

class FlatStringIndex {
 public:
  static uint64_t Hash(std::string_view key) { return XXH3_64bits(key.data(), key.size()) | 1; }

  // items: distinct keys with their values.
  static FlatStringIndex Build(std::vector<std::pair<std::string, uint32_t>> items) {
    FlatStringIndex index;
    size_t capacity = 16;
    while (capacity < items.size() * 2) capacity *= 2;
    index.slots_.assign(capacity, Slot{});
    index.keys_.reserve(items.size());
    for (auto& [key, value] : items) {
      uint64_t h = Hash(key);
      size_t pos = h & (capacity - 1);
      while (index.slots_[pos].hash != 0) pos = (pos + 1) & (capacity - 1);
      index.slots_[pos] = {h, static_cast<uint32_t>(index.keys_.size()), value};
      index.keys_.push_back(std::move(key));
    }
    return index;
  }

  // The value of key, or null.
  const uint32_t* Find(std::string_view key) const { return Find(key, Hash(key)); }
  const uint32_t* Find(std::string_view key, uint64_t hash) const {
    if (slots_.empty()) return nullptr;
    size_t mask = slots_.size() - 1;
    for (size_t pos = hash & mask; slots_[pos].hash != 0; pos = (pos + 1) & mask)
      if (slots_[pos].hash == hash && keys_[slots_[pos].key] == key) return &slots_[pos].value;
    return nullptr;
  }

  size_t size() const { return keys_.size(); }
  bool empty() const { return keys_.empty(); }

  // The keys with their values, in the order Build was given them: Build
  // on them again gives this very index.
  std::vector<std::pair<std::string, uint32_t>> Items() const {
    std::vector<std::pair<std::string, uint32_t>> out(keys_.size());
    for (const Slot& s : slots_)
      if (s.hash != 0) out[s.key] = {keys_[s.key], s.value};
    return out;
  }

 private:
  struct Slot {
    uint64_t hash = 0;  // Hash() | 1; 0 = empty
    uint32_t key = 0;   // index into keys_
    uint32_t value = 0;
  };
  std::vector<Slot> slots_;
  std::vector<std::string> keys_;
};

}  // namespace storyloom

#endif  // STORYLOOM_ANNOTATE_ANCHORS_INDEX_H_
