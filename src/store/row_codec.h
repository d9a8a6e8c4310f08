// What every store backend writes and reads alike: the packed columns
// (sentences, paragraphs), a document row and a placement row read by
// column, and the time stamps stored with inputs and merges. Each backend
// keeps the same column names and the same packed formats, so a store can
// be copied from one backend to another byte for byte.
#ifndef STORYLOOM_STORE_ROW_CODEC_H_
#define STORYLOOM_STORE_ROW_CODEC_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storyloom/store.h"

namespace storyloom {

// One result row as the codecs read it, column by column (0-based); each
// backend answers from its own statement or result.
class RowReader {
 public:
  virtual ~RowReader() = default;
  virtual std::string Text(int col) const = 0;  // "" for NULL
  virtual std::string Blob(int col) const = 0;  // "" for NULL
  virtual int64_t Int(int col) const = 0;       // 0 for NULL
  virtual double Real(int col) const = 0;       // 0 for NULL
  virtual bool Null(int col) const = 0;
};

// Sentence spans as one blob a document: packed uint32 (start, end) pairs
// in the host's order (little-endian on every machine storyloom runs on).
std::string PackSentences(const std::vector<Sentence>& sentences);
std::vector<Sentence> UnpackSentences(std::string_view blob);
// Paragraphs as one blob: uint32 start, uint32 end, char[4] lang, float
// confidence, each.
std::string PackParagraphs(const std::vector<Paragraph>& paragraphs);
std::vector<Paragraph> UnpackParagraphs(std::string_view blob);

// The document columns ReadDocumentRow reads, in its order.
extern const char* const kDocumentColumns;
// The same columns with all from the body on read as NULL: a document's
// head (Store::GetDocumentHeads). They are the columns stored before the
// body, so a SQLite row's overflow pages are not walked.
extern const char* const kHeadColumns;
// A whole document's text that cannot be decoded is a corruption in
// `*body` (heads read no text and pass none).
Document ReadDocumentRow(const RowReader& row, Status* body = nullptr);
// A whole document read back (not a head): its sentences and paragraphs lie
// within its body, in order, or the row is damaged (kCorruption, naming the
// document). The segmenter and the views index the body by them.
Status CheckDocumentSpans(const Document& d);

// The placement columns ReadPlacement reads from `first` on (table alias p):
// the whole placement saved, the story it chose and the dates it tells of
// included.
extern const char* const kPlacementColumns;
StoredPlacement ReadPlacement(const RowReader& row, int first);

// A stored document's features with its placement: the columns
// "f.features, p.seq, " then kPlacementColumns.
StoredFeatures ReadFeaturesRow(const RowReader& row);

// A search hit from the columns doc, rank, lang, title, source, url,
// published, story, duplicate_of; column 9 is the count of every hit.
SearchHit ReadSearchHit(const RowReader& row, size_t* total);

// A raw input as stored: the `raw` and `raw_codec` columns ("zstd": one
// zstd frame; "": the bytes as given, as stores kept them before schema 8).
struct StoredRaw {
  std::string raw, codec;
};
StoredRaw EncodeRaw(std::string_view bytes);
// The input's `bytes` bytes again; corrupt when the frame is not sound, the
// size is not theirs or the codec unknown (`doc` is named in the message).
Result<std::string> DecodeRaw(std::string stored, std::string_view codec, size_t bytes, int64_t doc);

// A document's text as stored (schema 9): `body`, or, when zstd makes it
// smaller, its first kPlainOpening characters there and `body_zstd` = the
// text's size (4 bytes) and one zstd frame. Documents stored before keep
// their text in `body`.
inline constexpr size_t kPlainOpening = 60;
struct StoredBody {
  std::string text;
  std::optional<std::string> zstd;
};
StoredBody EncodeBody(std::string_view text);
Result<std::string> DecodeBody(std::string_view zstd, int64_t doc);
// At most `chars` characters (code points) from the start of a UTF-8 text,
// as SQL's substr and left count them.
std::string FirstChars(std::string_view text, size_t chars);

// A placement's reasons, stored one a line.
std::string JoinWhy(const std::vector<std::string>& why);
std::vector<std::string> SplitWhy(const std::string& stored);

// The time now, ISO 8601 UTC.
std::string NowUtc();

}  // namespace storyloom

#endif  // STORYLOOM_STORE_ROW_CODEC_H_
