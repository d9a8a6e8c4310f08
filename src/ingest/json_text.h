// The text of a JSON string field, decoded with its map back to the bytes of
// the line it came from, so a sentence of a JSONL item leads to its exact
// place in the feed. The JSON itself is parsed by simdjson; this only walks
// one string literal, and its result is checked against simdjson's value.
#ifndef STORYLOOM_INGEST_JSON_TEXT_H_
#define STORYLOOM_INGEST_JSON_TEXT_H_

#include <optional>
#include <string>
#include <string_view>

#include "storyloom/mapped_text.h"

namespace storyloom {

// Decodes the JSON string literal whose opening quote is at `quote` in
// `line` (offsets in `line` map through `line_map`). nullopt when it is not a
// well-formed literal.
std::optional<MappedText> DecodeJsonStringMapped(const MappedText& line_map, size_t quote);

// Offset of the opening quote of the string value of top-level-looking
// `"key": "..."` in `line`, or npos. The caller verifies the decoded value.
size_t FindJsonStringValue(std::string_view line, std::string_view key, size_t from = 0);

// `s` as a JSON string literal, quotes included.
std::string JsonQuote(std::string_view s);

}  // namespace storyloom

#endif  // STORYLOOM_INGEST_JSON_TEXT_H_
