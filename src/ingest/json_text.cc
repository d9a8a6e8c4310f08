#include "ingest/json_text.h"

#include "base/utf8.h"

namespace storyloom {

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool ReadHex4(std::string_view s, size_t at, uint32_t* out) {
  if (at + 4 > s.size()) return false;
  uint32_t v = 0;
  for (size_t i = 0; i < 4; ++i) {
    int h = HexValue(s[at + i]);
    if (h < 0) return false;
    v = v * 16 + static_cast<uint32_t>(h);
  }
  *out = v;
  return true;
}

}  // namespace

std::optional<MappedText> DecodeJsonStringMapped(const MappedText& line_map, size_t quote) {
  std::string_view s = line_map.text();
  if (quote >= s.size() || s[quote] != '"') return std::nullopt;
  MappedTextBuilder b;
  size_t run = quote + 1, i = quote + 1;
  while (i < s.size()) {
    char c = s[i];
    if (c == '"') {
      b.Copy(line_map, static_cast<uint32_t>(run), static_cast<uint32_t>(i));
      return std::move(b).Finish();
    }
    if (static_cast<unsigned char>(c) < 0x20) return std::nullopt;
    if (c != '\\') {
      ++i;
      continue;
    }
    b.Copy(line_map, static_cast<uint32_t>(run), static_cast<uint32_t>(i));
    if (i + 1 >= s.size()) return std::nullopt;
    char e = s[i + 1];
    std::string out;
    size_t len = 2;
    switch (e) {
      case '"': out = "\""; break;
      case '\\': out = "\\"; break;
      case '/': out = "/"; break;
      case 'b': out = "\b"; break;
      case 'f': out = "\f"; break;
      case 'n': out = "\n"; break;
      case 'r': out = "\r"; break;
      case 't': out = "\t"; break;
      case 'u': {
        uint32_t cp;
        if (!ReadHex4(s, i + 2, &cp)) return std::nullopt;
        len = 6;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          uint32_t lo;
          if (i + 12 <= s.size() && s[i + 6] == '\\' && s[i + 7] == 'u' && ReadHex4(s, i + 8, &lo) && lo >= 0xDC00 &&
              lo <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            len = 12;
          } else {
            cp = 0xFFFD;  // a lone surrogate, as the parser does
          }
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
          cp = 0xFFFD;
        }
        AppendUtf8(&out, static_cast<UChar32>(cp));
        break;
      }
      default:
        return std::nullopt;
    }
    b.Replace(line_map, static_cast<uint32_t>(i), static_cast<uint32_t>(i + len), out);
    i += len;
    run = i;
  }
  return std::nullopt;
}

size_t FindJsonStringValue(std::string_view line, std::string_view key, size_t from) {
  std::string pattern = "\"" + std::string(key) + "\"";
  for (size_t at = line.find(pattern, from); at != std::string_view::npos; at = line.find(pattern, at + 1)) {
    if (at > 0 && line[at - 1] == '\\') continue;  // inside another string
    size_t i = at + pattern.size();
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i >= line.size() || line[i] != ':') continue;
    ++i;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i < line.size() && line[i] == '"') return i;
  }
  return std::string_view::npos;
}

std::string JsonQuote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

}  // namespace storyloom
