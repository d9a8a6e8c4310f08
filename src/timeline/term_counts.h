// The timeline builder's table of a story's terms: for each, how many
// sentences hold it and its weight (private to src/timeline).
#ifndef STORYLOOM_TIMELINE_TERM_COUNTS_H_
#define STORYLOOM_TIMELINE_TERM_COUNTS_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace storyloom::timeline_internal {

// Each term of a story's sentences, its count of sentences and its weight,
// in one flat open-addressed table: a large story counts millions of term
// occurrences, which a node-based map does several times slower.
class TermCounts {
 public:
  struct Slot {
    uint64_t key = 0;
    uint32_t count = 0;  // 0: an empty slot
    float idf = 0;
  };

  explicit TermCounts(size_t expected) {
    size_t capacity = 1024;
    while (capacity < expected * 2) capacity <<= 1;
    slots_.resize(capacity);
  }

  // Counts `times` more sentences holding `key`.
  void Count(uint64_t key, uint32_t times = 1) {
    Slot& s = At(key);
    if (s.count == 0) {
      if ((used_ + 1) * 2 > slots_.size()) {
        Grow();
        return Count(key, times);
      }
      ++used_;
      s.key = key;
    }
    s.count += times;
  }

  // The slot of a key counted before.
  const Slot& Find(uint64_t key) const { return const_cast<TermCounts*>(this)->At(key); }

  template <typename F>
  void ForEach(F&& f) {
    for (Slot& s : slots_) {
      if (s.count) f(s);
    }
  }

 private:
  // Term keys are hashes already; this spreads any that are not.
  static size_t Mix(uint64_t k) { return static_cast<size_t>((k ^ (k >> 29)) * 0x9E3779B97F4A7C15ull >> 17); }

  // The slot holding `key`, or the empty one where it would go.
  Slot& At(uint64_t key) {
    const size_t mask = slots_.size() - 1;
    for (size_t i = Mix(key) & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.count == 0 || s.key == key) return s;
    }
  }

  void Grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    for (const Slot& s : old) {
      if (s.count) At(s.key) = s;
    }
  }

  std::vector<Slot> slots_;
  size_t used_ = 0;
};

}  // namespace storyloom::timeline_internal

#endif  // STORYLOOM_TIMELINE_TERM_COUNTS_H_
