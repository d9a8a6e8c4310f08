// A map from 64-bit feature keys to values in one flat open-addressed table
// (linear probing, never erased): the story index looks up document
// frequencies, postings and centroid weights hundreds of thousands of times
// a second, which a node-based map does several times slower.
//
// Iteration is in slot order: a deterministic function of the keys and the
// order they were inserted in, so the same insertions give the same order
// in every process (the story index sums norms in it and must restore them
// bit for bit).
#ifndef STORYLOOM_BASE_FLAT_KEY_MAP_H_
#define STORYLOOM_BASE_FLAT_KEY_MAP_H_

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace storyloom {

// Keys are mostly hashes already; this spreads any that are not.
inline size_t MixKey(uint64_t k) { return static_cast<size_t>((k ^ (k >> 29)) * 0x9E3779B97F4A7C15ull >> 17); }

template <typename V>
class FlatKeyMap {
 public:
  FlatKeyMap() = default;
  explicit FlatKeyMap(size_t expected) { Reserve(expected); }

  size_t size() const { return used_ + has_zero_; }
  bool empty() const { return size() == 0; }

  // The value of `key`, or nullptr.
  const V* Find(uint64_t key) const {
    if (key == 0) return has_zero_ ? &zero_ : nullptr;
    if (used_ == 0) return nullptr;
    const size_t mask = slots_.size() - 1;
    for (size_t i = MixKey(key) & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.key == 0) return nullptr;
      if (s.key == key) return &s.value;
    }
  }
  V* Find(uint64_t key) { return const_cast<V*>(std::as_const(*this).Find(key)); }

  // The value of `key`, value-initialised if it was not there.
  V& operator[](uint64_t key) {
    if (key == 0) {
      if (!has_zero_) zero_ = V();
      has_zero_ = true;
      return zero_;
    }
    if ((used_ + 1) * 2 > slots_.size()) Grow(slots_.empty() ? 16 : slots_.size() * 2);
    const size_t mask = slots_.size() - 1;
    for (size_t i = MixKey(key) & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.key == 0) {
        s.key = key;
        s.value = V();
        ++used_;
        return s.value;
      }
      if (s.key == key) return s.value;
    }
  }

  void Reserve(size_t n) {
    size_t want = 16;
    while (want < 2 * n) want *= 2;
    if (want > slots_.size()) Grow(want);
  }

  void clear() {
    slots_.clear();
    used_ = 0;
    has_zero_ = false;
  }

  // f(key, value&) for every entry: key 0 first, then in slot order.
  template <typename F>
  void ForEach(F&& f) {
    if (has_zero_) f(uint64_t{0}, zero_);
    for (Slot& s : slots_) {
      if (s.key != 0) f(s.key, s.value);
    }
  }
  template <typename F>
  void ForEach(F&& f) const {
    if (has_zero_) f(uint64_t{0}, zero_);
    for (const Slot& s : slots_) {
      if (s.key != 0) f(s.key, s.value);
    }
  }

 private:
  // A slot is empty while its key is 0 (no flag beside it: a centroid's
  // slot is 16 bytes, not 24); the key 0 itself is held apart.
  struct Slot {
    uint64_t key = 0;
    V value{};
  };
  void Grow(size_t capacity) {
    std::vector<Slot> old(capacity);
    old.swap(slots_);
    const size_t mask = slots_.size() - 1;
    for (Slot& s : old) {
      if (s.key == 0) continue;
      size_t i = MixKey(s.key) & mask;
      while (slots_[i].key != 0) i = (i + 1) & mask;
      slots_[i] = std::move(s);
    }
  }

  std::vector<Slot> slots_;
  size_t used_ = 0;  // slots taken
  bool has_zero_ = false;
  V zero_{};
};

}  // namespace storyloom

#endif  // STORYLOOM_BASE_FLAT_KEY_MAP_H_
