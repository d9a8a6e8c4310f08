#include "annotate/annotation_codec.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <unordered_map>

namespace storyloom {

namespace {

// 2: a sentence says whether it reports something (version 1 blobs, written
// before, are read as absent: their documents are annotated again).
constexpr uint8_t kVersion = 2;

class Writer {
 public:
  void Var(uint64_t v) {
    while (v >= 0x80) {
      out_ += static_cast<char>((v & 0x7f) | 0x80);
      v >>= 7;
    }
    out_ += static_cast<char>(v);
  }
  void Str(std::string_view s) {
    Var(s.size());
    out_ += s;
  }
  void U64(uint64_t v) {
    char b[8];
    std::memcpy(b, &v, 8);
    out_.append(b, 8);
  }
  void F32(float v) {
    char b[4];
    std::memcpy(b, &v, 4);
    out_.append(b, 4);
  }
  void Byte(uint8_t v) { out_ += static_cast<char>(v); }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool Var(uint64_t* v) {
    *v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (in_.empty()) return false;
      uint8_t b = static_cast<uint8_t>(in_[0]);
      in_.remove_prefix(1);
      *v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return true;
    }
    return false;
  }
  template <typename T>
  bool VarAs(T* v) {
    uint64_t x;
    if (!Var(&x)) return false;
    *v = static_cast<T>(x);
    return static_cast<uint64_t>(*v) == x;
  }
  bool Str(std::string* s) {
    uint64_t n;
    if (!Var(&n) || n > in_.size()) return false;
    s->assign(in_.data(), n);
    in_.remove_prefix(n);
    return true;
  }
  bool U64(uint64_t* v) { return Raw(v, 8); }
  bool F32(float* v) { return Raw(v, 4); }
  bool Byte(uint8_t* v) { return Raw(v, 1); }
  // A count of items that take at least `min_bytes` each: never more than
  // the bytes left allow, so damaged bytes cannot ask for a huge vector.
  bool Count(uint64_t* n, size_t min_bytes) { return Var(n) && *n <= in_.size() / min_bytes; }
  bool done() const { return in_.empty(); }

 private:
  bool Raw(void* v, size_t n) {
    if (in_.size() < n) return false;
    std::memcpy(v, in_.data(), n);
    in_.remove_prefix(n);
    return true;
  }
  std::string_view in_;
};

// Weights are counts of whole and half terms: stored in halves when exact.
constexpr uint64_t kNotHalves = 0;

uint64_t Zigzag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
int64_t Unzigzag(uint64_t z) { return static_cast<int64_t>(z >> 1) ^ -static_cast<int64_t>(z & 1); }

// Pivot words only feed the story features (computed once, at ingest), and
// date anchors repeat the dates: neither is stored.
bool Kept(const Anchor& a) { return !a.key.starts_with("lex:") && !a.key.starts_with("date:"); }

}  // namespace

std::string EncodeAnnotation(const StoredAnnotation& stored) {
  const DocumentAnnotation& a = stored.annotation;
  Writer w;
  w.Byte(kVersion);
  w.Byte(a.date.value ? 1 : 0);
  if (a.date.value) w.Str(*a.date.value);
  w.Str(a.date.from);

  // Anchor keys and term keys, once a document.
  std::vector<std::string_view> keys;
  std::unordered_map<std::string_view, uint64_t> key_index;
  for (const SentenceAnnotation& s : a.sentences) {
    for (const Anchor& an : s.anchors) {
      if (Kept(an) && key_index.try_emplace(an.key, keys.size()).second) keys.push_back(an.key);
    }
  }
  w.Var(keys.size());
  for (std::string_view k : keys) w.Str(k);
  std::vector<uint64_t> terms;
  std::unordered_map<uint64_t, uint64_t> term_index;
  for (const SentenceTerms& s : stored.sentences) {
    for (const auto& [key, weight] : s.terms) {
      if (term_index.try_emplace(key, terms.size()).second) terms.push_back(key);
    }
  }
  w.Var(terms.size());
  for (uint64_t k : terms) w.U64(k);

  w.Var(a.sentences.size());
  for (const SentenceAnnotation& s : a.sentences) {
    w.Var(s.sentence);
    w.Var(s.span.start);
    w.Var(s.span.end);
    // Spans are written as steps from the last one's start, and lengths.
    int64_t at = s.span.start;
    w.Var(s.dates.size());
    for (const TimeExpression& t : s.dates) {
      w.Var(Zigzag(int64_t{t.span.start} - at));
      w.Var(Zigzag(int64_t{t.span.end} - t.span.start));
      at = t.span.start;
      w.Str(t.text);
      w.Str(t.value);
      w.Byte(static_cast<uint8_t>((t.year_unknown ? 1 : 0) | (t.relative ? 2 : 0) | (t.relative_year ? 4 : 0)));
      // Zigzag: relative years are small and may be negative.
      if (t.relative_year) w.Var(Zigzag(*t.relative_year));
    }
    at = s.span.start;
    w.Var(std::count_if(s.anchors.begin(), s.anchors.end(), Kept));
    for (const Anchor& an : s.anchors) {
      if (!Kept(an)) continue;
      // The key's index, and whether a weight other than 1 follows.
      w.Var(key_index[an.key] * 2 + (an.weight != 1.0f ? 1 : 0));
      w.Var(Zigzag(int64_t{an.span.start} - at));
      w.Var(Zigzag(int64_t{an.span.end} - an.span.start));
      at = an.span.start;
      if (an.weight != 1.0f) w.F32(an.weight);
    }
  }

  w.Var(stored.sentences.size());
  for (const SentenceTerms& s : stored.sentences) {
    w.Var(s.words * 2 + (s.informative ? 1 : 0));
    w.Var(s.terms.size());
    for (const auto& [key, weight] : s.terms) {
      w.Var(term_index[key]);
      const float halves = weight * 2;
      if (halves >= 1 && halves < 1e6 && std::floor(halves) == halves) {
        w.Var(static_cast<uint64_t>(halves));
      } else {
        w.Var(kNotHalves);
        w.F32(weight);
      }
    }
  }
  return w.Take();
}

std::optional<StoredAnnotation> DecodeAnnotation(std::string_view bytes, AnchorDecoding anchors_as) {
  Reader r(bytes);
  StoredAnnotation out;
  DocumentAnnotation& a = out.annotation;
  uint8_t version = 0, dated = 0;
  if (!r.Byte(&version) || version != kVersion || !r.Byte(&dated)) return std::nullopt;
  if (dated) {
    a.date.value.emplace();
    if (!r.Str(&*a.date.value)) return std::nullopt;
  }
  if (!r.Str(&a.date.from)) return std::nullopt;
  uint64_t n = 0;
  if (!r.Count(&n, 1)) return std::nullopt;
  std::vector<std::string> keys(n);
  for (std::string& k : keys) {
    if (!r.Str(&k)) return std::nullopt;
  }
  if (!r.Count(&n, 8)) return std::nullopt;
  std::vector<uint64_t> terms(n);
  for (uint64_t& k : terms) {
    if (!r.U64(&k)) return std::nullopt;
  }
  if (!r.Count(&n, 4)) return std::nullopt;
  a.sentences.resize(n);
  const bool by_reference = anchors_as == AnchorDecoding::kReferences;
  if (by_reference) out.anchor_refs.resize(n);
  for (SentenceAnnotation& s : a.sentences) {
    uint64_t dates = 0, anchors = 0;
    if (!r.VarAs(&s.sentence) || !r.VarAs(&s.span.start) || !r.VarAs(&s.span.end) || !r.Count(&dates, 5)) {
      return std::nullopt;
    }
    // A span from its step and length; false when it leaves 32 bits.
    int64_t at = s.span.start;
    auto span = [&](Span* out) {
      uint64_t step = 0, length = 0;
      if (!r.Var(&step) || !r.Var(&length)) return false;
      int64_t start = at + Unzigzag(step), end = start + Unzigzag(length);
      if (start < 0 || end < start || end > UINT32_MAX) return false;
      *out = {static_cast<uint32_t>(start), static_cast<uint32_t>(end)};
      at = start;
      return true;
    };
    s.dates.resize(dates);
    for (TimeExpression& t : s.dates) {
      uint8_t flags = 0;
      if (!span(&t.span) || !r.Str(&t.text) || !r.Str(&t.value) || !r.Byte(&flags)) return std::nullopt;
      t.year_unknown = flags & 1;
      t.relative = flags & 2;
      if (flags & 4) {
        uint64_t z = 0;
        if (!r.Var(&z)) return std::nullopt;
        t.relative_year = static_cast<int>(Unzigzag(z));
      }
    }
    if (!r.Count(&anchors, 3)) return std::nullopt;
    at = s.span.start;
    if (by_reference) {
      std::vector<uint32_t>& refs = out.anchor_refs[&s - a.sentences.data()];
      refs.resize(anchors);
      for (uint32_t& ref : refs) {
        uint64_t k = 0;
        Span ignored;
        float weight = 0;
        if (!r.Var(&k) || k / 2 >= keys.size() || !span(&ignored)) return std::nullopt;
        if ((k & 1) && !r.F32(&weight)) return std::nullopt;
        ref = static_cast<uint32_t>(k / 2);
      }
      continue;
    }
    s.anchors.resize(anchors);
    for (Anchor& an : s.anchors) {
      uint64_t k = 0;
      if (!r.Var(&k) || k / 2 >= keys.size() || !span(&an.span)) return std::nullopt;
      an.key = keys[k / 2];
      if ((k & 1) && !r.F32(&an.weight)) return std::nullopt;
    }
  }
  if (!r.Count(&n, 2)) return std::nullopt;
  out.sentences.resize(n);
  for (SentenceTerms& s : out.sentences) {
    uint64_t count = 0;
    uint64_t words = 0;
    if (!r.Var(&words) || words / 2 > UINT32_MAX || !r.Count(&count, 2)) return std::nullopt;
    s.words = static_cast<uint32_t>(words / 2);
    s.informative = words & 1;
    s.terms.resize(count);
    for (auto& [key, weight] : s.terms) {
      uint64_t k = 0, halves = 0;
      if (!r.Var(&k) || k >= terms.size() || !r.Var(&halves)) return std::nullopt;
      key = terms[k];
      if (halves == kNotHalves) {
        if (!r.F32(&weight)) return std::nullopt;
      } else {
        weight = static_cast<float>(halves) / 2;
      }
    }
  }
  if (!r.done()) return std::nullopt;
  if (by_reference) out.anchor_keys = std::move(keys);
  return out;
}

}  // namespace storyloom
