#include "text/normalize.h"

#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <string>

#include "base/utf8.h"

namespace storyloom {

namespace {

bool IsLetter(UChar32 c) { return u_isalpha(c); }

// Vietnamese tone marks as combining characters (after NFD).
bool IsToneMark(UChar32 c) {
  return c == 0x0300 || c == 0x0301 || c == 0x0303 || c == 0x0309 || c == 0x0323;
}

// Moves the tone mark of open "oa/oe/uy" syllables to the first vowel:
// works on one syllable in NFD; returns true when it changed.
bool ClassicToneSyllable(std::u32string* s) {
  // Pattern: [not q] (o|O) (a|e|A|E) TONE end, or (u|U) (y|Y) TONE end after
  // a consonant other than q.
  size_t n = s->size();
  if (n < 3) return false;
  if (!IsToneMark((*s)[n - 1])) return false;
  UChar32 v2 = u_tolower((*s)[n - 2]);
  UChar32 v1 = u_tolower((*s)[n - 3]);
  bool oa = v1 == 'o' && (v2 == 'a' || v2 == 'e');
  bool uy = v1 == 'u' && v2 == 'y';
  if (!oa && !uy) return false;
  if (n >= 4) {
    UChar32 before = u_tolower((*s)[n - 4]);
    if (before == 'q' || (uy && before == 'g')) return false;  // "qu", "gi" are consonants
    if (IsToneMark(before) || before == 0x0302 || before == 0x0306 || before == 0x031B) return false;
  }
  UChar32 tone = (*s)[n - 1];
  s->pop_back();
  s->insert(s->begin() + static_cast<std::ptrdiff_t>(n - 2), tone);
  return true;
}

const icu::Normalizer2& Nfc() {
  UErrorCode st = U_ZERO_ERROR;
  return *icu::Normalizer2::getNFCInstance(st);
}
const icu::Normalizer2& Nfd() {
  UErrorCode st = U_ZERO_ERROR;
  return *icu::Normalizer2::getNFDInstance(st);
}

std::string ToUtf8(const std::u32string& s) {
  std::string out;
  for (UChar32 c : s) AppendUtf8(&out, c);
  return out;
}

// Applies the tone convention to every alphabetic word of an NFC text.
MappedText ClassicTones(const MappedText& in) {
  const std::string& t = in.text();
  // Fast exit: the pattern needs o/u followed by a vowel carrying a mark, so
  // texts without non-ASCII letters never change.
  bool any = false;
  for (unsigned char c : t) {
    if (c >= 0xC3) { any = true; break; }
  }
  if (!any) return in;
  MappedTextBuilder b;
  size_t copied = 0, i = 0;
  while (i < t.size()) {
    size_t start = i;
    UChar32 c = NextCodePoint(t, &i);
    if (!IsLetter(c)) continue;
    size_t end = i;
    while (end < t.size()) {
      size_t k = end;
      UChar32 d = NextCodePoint(t, &k);
      if (!IsLetter(d)) break;
      end = k;
    }
    i = end;
    size_t len = end - start;
    if (len < 3 || len > 12) continue;
    std::string_view word(t.data() + start, len);
    bool ascii = true;
    for (unsigned char ch : word) if (ch >= 0x80) { ascii = false; break; }
    if (ascii) continue;
    UErrorCode st = U_ZERO_ERROR;
    icu::UnicodeString u = Nfd().normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(len))), st);
    std::u32string s;
    for (int32_t k = 0; k < u.length();) {
      UChar32 cp = u.char32At(k);
      s.push_back(cp);
      k += U16_LENGTH(cp);
    }
    if (!ClassicToneSyllable(&s)) continue;
    std::string nfd = ToUtf8(s);
    icu::UnicodeString back = Nfc().normalize(icu::UnicodeString::fromUTF8(nfd), st);
    std::string repl;
    back.toUTF8String(repl);
    b.Copy(in, static_cast<uint32_t>(copied), static_cast<uint32_t>(start));
    b.Replace(in, static_cast<uint32_t>(start), static_cast<uint32_t>(end), repl);
    copied = end;
  }
  if (copied == 0) return in;
  b.Copy(in, static_cast<uint32_t>(copied), static_cast<uint32_t>(t.size()));
  return std::move(b).Finish();
}

bool IsSpaceCp(UChar32 c) {
  return c == ' ' || c == '\t' || c == 0x00A0 || c == 0x2007 || c == 0x202F || c == 0x3000 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x1680 || c == 0x205F;
}

// Code points dropped outright: controls (other than newline), soft hyphen,
// zero-width space, BOM, bidi marks that only steer display.
bool IsDroppedCp(UChar32 c) {
  return (c < 0x20 && c != '\n') || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == 0x00AD ||
         c == 0x200B || c == 0xFEFF || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

bool ClosesUp(UChar32 c) {  // no space before these in running text
  return c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' ||
         c == ']' || c == '}' || c == 0x2026 || c == '%';
}
bool OpensUp(UChar32 c) { return c == '(' || c == '[' || c == '{'; }

}  // namespace

MappedText ToNfc(const MappedText& in) {
  const std::string& t = in.text();
  UErrorCode st = U_ZERO_ERROR;
  if (Nfc().isNormalizedUTF8(t, st) && U_SUCCESS(st)) return in;
  st = U_ZERO_ERROR;
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  icu::Edits edits;
  Nfc().normalizeUTF8(0, t, sink, &edits, st);
  if (U_FAILURE(st)) return in;
  MappedTextBuilder b;
  icu::Edits::Iterator it = edits.getFineIterator();
  while (it.next(st)) {
    uint32_t s0 = static_cast<uint32_t>(it.sourceIndex());
    uint32_t s1 = s0 + static_cast<uint32_t>(it.oldLength());
    if (!it.hasChange()) {
      b.Copy(in, s0, s1);
    } else {
      b.Replace(in, s0, s1,
                std::string_view(out.data() + it.destinationIndex(), static_cast<size_t>(it.newLength())));
    }
  }
  return std::move(b).Finish();
}

bool LooksWordSegmented(std::string_view text) {
  text = text.substr(0, std::min<size_t>(text.size(), 8192));  // the head tells
  if (text.find('_') == std::string_view::npos) return false;
  size_t joins = 0, spaced_punct = 0, words = 1;
  for (size_t i = 1; i + 1 < text.size(); ++i) {
    char c = text[i];
    if (c == ' ') ++words;
    if (c == '_' && text[i - 1] != ' ' && text[i + 1] != ' ' && text[i - 1] != '_' &&
        text[i + 1] != '_' && (static_cast<unsigned char>(text[i - 1]) >= 0x41) &&
        (static_cast<unsigned char>(text[i + 1]) >= 0x41)) {
      ++joins;
    }
    if ((c == ',' || c == '.') && text[i - 1] == ' ' && text[i + 1] == ' ') ++spaced_punct;
  }
  // Segmented corpora join a large share of words; ordinary text has at
  // most a few identifiers with underscores.
  return joins >= 3 && joins * 25 >= words;
}

NormalizedText Normalize(const MappedText& in, const NormalizeOptions& options) {
  MappedText nfc = ClassicTones(ToNfc(in));
  const std::string& t = nfc.text();
  NormalizedText out;
  MappedTextBuilder b;
  // Unchanged text is copied in runs: [copy_from, copy_to) is pending.
  uint32_t copy_from = 0, copy_to = 0;
  auto flush = [&] {
    if (copy_to > copy_from) b.Copy(nfc, copy_from, copy_to);
    copy_from = copy_to;
  };
  auto keep = [&](uint32_t a, uint32_t e) {
    if (a != copy_to) {
      flush();
      copy_from = a;
    }
    copy_to = e;
  };
  auto written = [&] { return b.size() + (copy_to - copy_from); };
  auto last_cp = [&]() -> UChar32 {
    return copy_to > copy_from ? PrevCodePoint(t, copy_to) : PrevCodePoint(b.text(), b.size());
  };
  bool pending_space = false;  // a run of spaces not yet written
  uint32_t space_start = 0;
  bool pending_join = false;
  bool quote_open = false;     // in segmented text: inside a spaced "..." pair
  size_t i = 0;
  while (i < t.size()) {
    // Fast path: runs of plain printable ASCII with nothing pending are
    // copied as they are.
    // Outside segmented corpora a single space between two such characters
    // stays as it is, so it joins the run too (not at the run's start: a
    // space opening a line is dropped).
    if (!pending_space) {
      const bool segmented = options.segmented_corpus;
      size_t j = i;
      while (j < t.size()) {
        unsigned char ch = static_cast<unsigned char>(t[j]);
        if (ch > 0x20 && ch < 0x7F && (!segmented || (ch != '_' && ch != '"'))) {
          ++j;
          continue;
        }
        if (ch == ' ' && !segmented && j > i && j + 1 < t.size()) {
          unsigned char next = static_cast<unsigned char>(t[j + 1]);
          if (next > 0x20 && next < 0x7F) {
            j += 2;
            continue;
          }
        }
        break;
      }
      if (j > i + 1) {
        // Leave the last byte to the slow path, which tracks what it closes.
        keep(static_cast<uint32_t>(i), static_cast<uint32_t>(j - 1));
        i = j - 1;
      }
    }
    size_t start = i;
    unsigned char byte = static_cast<unsigned char>(t[i]);
    UChar32 c = byte < 0x80 ? (++i, byte) : NextCodePoint(t, &i);
    uint32_t s0 = static_cast<uint32_t>(start), s1 = static_cast<uint32_t>(i);
    if (c == '\n') {
      // Keep line structure; spaces at the end of the line are dropped.
      pending_space = pending_join = quote_open = false;
      keep(s0, s1);
      continue;
    }
    if (IsDroppedCp(c) && !IsSpaceCp(c)) continue;
    bool join = options.segmented_corpus && c == '_' && IsLetter(last_cp()) && i < t.size() &&
                [&] { size_t k = i; return IsLetter(NextCodePoint(t, &k)); }();
    if (IsSpaceCp(c) || join) {
      if (!pending_space) space_start = s0;
      pending_space = true;
      pending_join = pending_join || join;
      continue;
    }
    if (pending_space) {
      UChar32 prev = last_cp();
      bool drop = written() == 0 || prev == '\n';
      if (options.segmented_corpus && !drop) {
        if (ClosesUp(c) || OpensUp(prev)) drop = true;
        if (c == '"') drop = quote_open;            // closing quote hugs the word before
        if (prev == '"' && quote_open) drop = true;  // opening quote hugs the word after
      }
      if (!drop) {
        if (pending_join) out.joins.push_back(static_cast<uint32_t>(written()));
        if (s0 - space_start == 1 && t[space_start] == ' ') {
          keep(space_start, s0);  // a single plain space stays a copy
        } else {
          flush();
          b.Replace(nfc, space_start, s0, " ");
          copy_from = copy_to = s0;
        }
      }
      pending_space = pending_join = false;
    }
    if (options.segmented_corpus && c == '"') quote_open = !quote_open;
    keep(s0, s1);
  }
  flush();
  b.TrimTrailingSpace();
  out.text = std::move(b).Finish();
  return out;
}

}  // namespace storyloom
