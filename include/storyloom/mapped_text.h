// MappedText: a UTF-8 string that remembers, for every byte, where it came
// from in the original input. Every cleaning and normalising step reads one
// MappedText and builds the next with MappedTextBuilder, so the map composes
// for free and any span of the final text leads back to original bytes
// (provenance: a timeline line cites the span of its source text).
#ifndef STORYLOOM_MAPPED_TEXT_H_
#define STORYLOOM_MAPPED_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace storyloom {

// A half-open byte range [start, end).
struct Span {
  uint32_t start = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - start; }
  bool operator==(const Span&) const = default;
};

// One run of the map: text bytes [text_start, text_start+text_len) came from
// original bytes [orig_start, orig_start+orig_len). When the lengths are equal
// the run is a byte-for-byte copy and maps exactly; otherwise it is a
// replacement (an entity decoded, a mark moved, a space removed) and any byte
// inside maps to the whole original range.
struct OffsetRun {
  uint32_t text_start = 0;
  uint32_t text_len = 0;
  uint32_t orig_start = 0;
  uint32_t orig_len = 0;
  bool operator==(const OffsetRun&) const = default;
};

class MappedText {
 public:
  MappedText() = default;
  // Text that is its own original, starting at `orig_offset` in the input.
  static MappedText Identity(std::string text, uint32_t orig_offset = 0);

  const std::string& text() const { return text_; }
  const std::vector<OffsetRun>& runs() const { return runs_; }
  bool empty() const { return text_.empty(); }
  size_t size() const { return text_.size(); }

  // Original span of text bytes [start, end). Empty text spans map to an
  // empty original span at the right place.
  Span ToOriginal(Span text_span) const;
  uint32_t OriginalStart(uint32_t text_pos) const;
  uint32_t OriginalEnd(uint32_t text_pos) const;  // end of byte text_pos-1

  // Serialised map: compact and stable, for the store.
  std::string SerializeMap() const;
  static bool DeserializeMap(std::string_view data, std::vector<OffsetRun>* runs);
  static MappedText FromParts(std::string text, std::vector<OffsetRun> runs);

 private:
  friend class MappedTextBuilder;
  size_t RunIndex(uint32_t text_pos) const;
  std::string text_;
  std::vector<OffsetRun> runs_;
};

// Appends pieces of one or more source MappedTexts (or of the original input)
// and keeps the map. Adjacent exact runs are merged.
class MappedTextBuilder {
 public:
  // Copies src bytes [start, end) with their mapping.
  void Copy(const MappedText& src, uint32_t start, uint32_t end);
  // Writes `text` standing for src bytes [start, end) (which may be empty:
  // an insertion then maps to the empty original point at `start`).
  void Replace(const MappedText& src, uint32_t start, uint32_t end, std::string_view text);
  // Writes text standing for original bytes [orig_start, orig_end).
  void AppendOriginal(std::string_view text, uint32_t orig_start, uint32_t orig_end);
  size_t size() const { return out_.text_.size(); }
  const std::string& text() const { return out_.text_; }
  // Removes trailing ASCII white space.
  void TrimTrailingSpace();
  MappedText Finish() &&;

 private:
  void Push(OffsetRun run);
  MappedText out_;
};

}  // namespace storyloom

#endif  // STORYLOOM_MAPPED_TEXT_H_
