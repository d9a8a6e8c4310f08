#include "storyloom/mapped_text.h"

#include <algorithm>
#include <cstring>

namespace storyloom {

MappedText MappedText::Identity(std::string text, uint32_t orig_offset) {
  MappedText m;
  uint32_t n = static_cast<uint32_t>(text.size());
  m.text_ = std::move(text);
  if (n > 0) m.runs_.push_back({0, n, orig_offset, n});
  return m;
}

MappedText MappedText::FromParts(std::string text, std::vector<OffsetRun> runs) {
  MappedText m;
  m.text_ = std::move(text);
  m.runs_ = std::move(runs);
  return m;
}

size_t MappedText::RunIndex(uint32_t text_pos) const {
  // Last run whose text_start <= text_pos.
  auto it = std::upper_bound(runs_.begin(), runs_.end(), text_pos,
                             [](uint32_t pos, const OffsetRun& r) { return pos < r.text_start; });
  if (it == runs_.begin()) return 0;
  return static_cast<size_t>(it - runs_.begin()) - 1;
}

uint32_t MappedText::OriginalStart(uint32_t text_pos) const {
  if (runs_.empty()) return 0;
  const OffsetRun& r = runs_[RunIndex(text_pos)];
  if (text_pos >= r.text_start + r.text_len) return r.orig_start + r.orig_len;
  if (r.text_len == r.orig_len) return r.orig_start + (text_pos - r.text_start);
  return r.orig_start;
}

uint32_t MappedText::OriginalEnd(uint32_t text_pos) const {
  if (runs_.empty() || text_pos == 0) return runs_.empty() ? 0 : runs_[0].orig_start;
  const OffsetRun& r = runs_[RunIndex(text_pos - 1)];
  uint32_t last = text_pos - 1;
  if (last >= r.text_start + r.text_len) return r.orig_start + r.orig_len;
  if (r.text_len == r.orig_len) return r.orig_start + (last - r.text_start) + 1;
  return r.orig_start + r.orig_len;
}

Span MappedText::ToOriginal(Span s) const {
  if (s.end <= s.start) {
    uint32_t p = OriginalStart(s.start);
    return {p, p};
  }
  uint32_t a = OriginalStart(s.start);
  uint32_t b = OriginalEnd(s.end);
  if (b < a) std::swap(a, b);
  return {a, b};
}

// Four little-endian uint32 a run; runs are few (one per edit), so this stays
// small next to the text.
std::string MappedText::SerializeMap() const {
  std::string out;
  out.resize(runs_.size() * 16);
  char* p = out.data();
  for (const OffsetRun& r : runs_) {
    uint32_t v[4] = {r.text_start, r.text_len, r.orig_start, r.orig_len};
    std::memcpy(p, v, 16);
    p += 16;
  }
  return out;
}

bool MappedText::DeserializeMap(std::string_view data, std::vector<OffsetRun>* runs) {
  if (data.size() % 16 != 0) return false;
  runs->clear();
  runs->reserve(data.size() / 16);
  for (size_t i = 0; i < data.size(); i += 16) {
    uint32_t v[4];
    std::memcpy(v, data.data() + i, 16);
    runs->push_back({v[0], v[1], v[2], v[3]});
  }
  return true;
}

void MappedTextBuilder::Push(OffsetRun run) {
  if (run.text_len == 0 && run.orig_len == 0) return;
  auto& runs = out_.runs_;
  if (!runs.empty()) {
    OffsetRun& last = runs.back();
    bool last_exact = last.text_len == last.orig_len;
    bool run_exact = run.text_len == run.orig_len;
    if (last_exact && run_exact && last.text_start + last.text_len == run.text_start &&
        last.orig_start + last.orig_len == run.orig_start) {
      last.text_len += run.text_len;
      last.orig_len += run.orig_len;
      return;
    }
  }
  runs.push_back(run);
}

void MappedTextBuilder::Copy(const MappedText& src, uint32_t start, uint32_t end) {
  end = std::min<uint32_t>(end, static_cast<uint32_t>(src.text_.size()));
  if (start >= end) return;
  uint32_t base = static_cast<uint32_t>(out_.text_.size());
  out_.text_.append(src.text_, start, end - start);
  if (src.runs_.empty()) return;
  size_t i = src.RunIndex(start);
  for (; i < src.runs_.size(); ++i) {
    const OffsetRun& r = src.runs_[i];
    if (r.text_start >= end) break;
    uint32_t a = std::max(start, r.text_start);
    uint32_t b = std::min(end, r.text_start + r.text_len);
    if (a >= b) continue;
    if (r.text_len == r.orig_len) {
      Push({base + (a - start), b - a, r.orig_start + (a - r.text_start), b - a});
    } else {
      // Part of a replacement: the piece still stands for the whole original.
      Push({base + (a - start), b - a, r.orig_start, r.orig_len});
    }
  }
}

void MappedTextBuilder::Replace(const MappedText& src, uint32_t start, uint32_t end,
                                std::string_view text) {
  Span o = src.ToOriginal({start, end});
  AppendOriginal(text, o.start, o.end);
}

void MappedTextBuilder::AppendOriginal(std::string_view text, uint32_t orig_start,
                                       uint32_t orig_end) {
  uint32_t base = static_cast<uint32_t>(out_.text_.size());
  out_.text_.append(text);
  uint32_t n = static_cast<uint32_t>(text.size());
  // A deletion leaves no text and no run: the gap shows as a jump between
  // neighbouring runs.
  if (n == 0) return;
  // A same-length replacement (a tone mark moved inside a syllable) maps
  // byte for byte, which is close enough for provenance.
  Push({base, n, orig_start, orig_end - orig_start});
}

void MappedTextBuilder::TrimTrailingSpace() {
  std::string& t = out_.text_;
  size_t n = t.size();
  while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\n' || t[n - 1] == '\t' || t[n - 1] == '\r')) --n;
  if (n == t.size()) return;
  t.resize(n);
  auto& runs = out_.runs_;
  while (!runs.empty() && runs.back().text_start >= n) runs.pop_back();
  if (!runs.empty()) {
    OffsetRun& r = runs.back();
    if (r.text_start + r.text_len > n) {
      uint32_t cut = r.text_start + r.text_len - static_cast<uint32_t>(n);
      bool exact = r.text_len == r.orig_len;
      r.text_len -= cut;
      if (exact) r.orig_len -= cut;
    }
  }
}

MappedText MappedTextBuilder::Finish() && { return std::move(out_); }

}  // namespace storyloom
