// Matching a dateline: the table's rules tried piece by piece at the start
// of a lead, or inside a paragraph after a headline fused with its lead.
#include "clean/dateline.h"

#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <memory>

namespace storyloom {

namespace {

bool IsSpaceAt(std::string_view t, size_t i, size_t* len) {
  if (i < t.size() && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\n')) {
    *len = 1;
    return true;
  }
  if (i + 1 < t.size() && t.compare(i, 2, "\xC2\xA0") == 0) {
    *len = 2;
    return true;
  }
  return false;
}

uint32_t SkipSpace(std::string_view t, uint32_t i) {
  size_t len = 0;
  while (IsSpaceAt(t, i, &len)) i += static_cast<uint32_t>(len);
  return i;
}

bool Finds(const icu::RegexPattern& re, const icu::UnicodeString& s, bool at_start = false) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> m(re.matcher(s, status));
  if (U_FAILURE(status)) return false;
  bool found = at_start ? m->lookingAt(status) : m->find(status);
  return U_SUCCESS(status) && found;
}

}  // namespace

DatelineTable::Scanner::Scanner(const DatelineTable& table) {
  for (const Rule& r : table.rules_) {
    UErrorCode status = U_ZERO_ERROR;
    matchers_.emplace_back(r.regex->matcher(status));
    if (U_FAILURE(status)) matchers_.back().reset();
  }
  UErrorCode status = U_ZERO_ERROR;
  hint_.reset(table.hint_->matcher(status));
  if (U_FAILURE(status)) hint_.reset();

}

DatelineTable::Scanner::~Scanner() {
  if (ut_) utext_close(ut_);
}

bool DatelineTable::Scanner::Reset(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  ut_ = utext_openUTF8(ut_, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status) || !hint_) return false;
  hint_->reset(ut_);
  for (auto& m : matchers_) {
    if (!m) return false;
    m->reset(ut_);
  }
  return true;
}

bool DatelineTable::MatchAt(std::string_view text, uint32_t at, bool strong_only, DatelineMatch* out,
                            Scanner* scanner) const {
  if (at >= text.size()) return false;
  std::unique_ptr<Scanner> own;
  if (!scanner) scanner = (own = NewScanner()).get();
  if (!scanner->Reset(text)) return false;
  // Every dateline holds, near its start, a separator or a bracket (first
  // bytes of the table's rows) or a digit (a stamp), or opens with a byline
  // word. Most sentences of a list of leads hold none: no regex is tried.
  if (!gate_bytes_.empty()) {
    constexpr size_t kHead = 160;
    std::string_view head = text.substr(at, kHead);
    bool pass = std::any_of(head.begin(), head.end(), [&](char c) {
      return (c >= '0' && c <= '9') || gate_bytes_.find(c) != std::string::npos;
    });
    if (!pass) {
      for (const std::string& w : by_words_) {
        if (head.size() > w.size() && (head[w.size()] == ' ') &&
            std::equal(w.begin(), w.end(), head.begin(), [](char x, char y) {
              return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
            })) {
          pass = true;
        }
      }
    }
    if (!pass) return false;
  }
  return MatchWith(scanner, text, at, strong_only ? Mode::kStrong : Mode::kLead, out);
}

bool DatelineTable::MatchWith(Scanner* scan, std::string_view text, uint32_t at, Mode mode, DatelineMatch* out) const {
  enum Strength { kPending, kWeak, kStrong };
  struct Found {
    Piece piece;
    Strength strength;
    uint32_t start, end;
  };
  std::vector<Found> pieces;
  uint32_t p = at;
  UErrorCode status = U_ZERO_ERROR;
  while (pieces.size() < 6) {
    uint32_t q = SkipSpace(text, p);
    if (q >= text.size()) break;
    int64_t best_end = -1;
    size_t best = 0;
    for (size_t k = 0; k < rules_.size(); ++k) {
      Piece piece = rules_[k].piece;
      // A bracketed label only opens a lead; a byline opens it or follows a
      // time stamp ("February 3, 2011 | By Jane Doe, CNN").
      if (piece == Piece::kBracketTag && !pieces.empty()) continue;
      if (piece == Piece::kByline && !pieces.empty() && pieces.back().piece != Piece::kStamp) continue;
      // Inside running text, "by CNN –" or "the WHO (World Health) -" may be
      // a sentence: only a known agency in brackets or a stamp will do.
      if (mode == Mode::kInside && piece != Piece::kAgencyTag && piece != Piece::kStamp &&
          piece != Piece::kPlaceSep) {
        continue;
      }
      icu::RegexMatcher& m = *scan->matchers_[k];
      status = U_ZERO_ERROR;
      m.region(q, static_cast<int64_t>(text.size()), q, status);
      if (U_FAILURE(status) || !m.lookingAt(status) || U_FAILURE(status)) continue;
      int64_t end = m.end64(status);
      if (end > best_end) {
        best_end = end;
        best = k;
      }
    }
    if (best_end <= static_cast<int64_t>(q)) break;
    Found f{rules_[best].piece, kWeak, q, static_cast<uint32_t>(best_end)};
    switch (f.piece) {
      case Piece::kAgencyTag:
      case Piece::kAgencySep:
        f.strength = kStrong;
        break;
      case Piece::kStamp: {
        std::string_view v = text.substr(q, f.end - q);
        icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(v.data(), static_cast<int32_t>(v.size())));
        bool label = Finds(*label_, u, true), time = Finds(*time_, u), zoned = Finds(*zone_time_, u);
        bool year = Finds(*year_, u), weekday = Finds(*weekday_, u), day = Finds(*daymonth_, u);
        bool sep = Finds(*sep_end_, u);
        // A date and a colon head an entry of a chronology ("April 20, 2010:
        // the rig explodes"): the date is news, not a stamp.
        bool colon = sep && v.back() == ':';
        if (colon && !time) sep = false;
        bool digit = std::any_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
        if ((label && digit) || (zoned && (day || year || weekday))) f.strength = kStrong;
        else if ((day && time) || (weekday && day && year) || (sep && day && (year || time))) f.strength = kWeak;
        else f.strength = kPending;
        break;
      }
      default:
        f.strength = kWeak;
    }
    pieces.push_back(f);
    p = f.end;
  }
  auto lower_after = [&](uint32_t end) {
    size_t i = SkipSpace(text, end);
    if (i >= text.size()) return false;
    UChar32 c;
    U8_NEXT(text.data(), i, text.size(), c);
    return u_islower(c) != 0;
  };
  auto ends_on_separator = [&](const Found& f) {
    std::string_view v = text.substr(f.start, f.end - f.start);
    return Finds(*sep_end_, icu::UnicodeString::fromUTF8(icu::StringPiece(v.data(), static_cast<int32_t>(v.size()))));
  };
  // Pending pieces count only when a firmer one follows; a time stamp with
  // no separator before a word in lower case is the subject of a sentence
  // ("Tuesday, March 29, 2011 was the coldest day").
  while (!pieces.empty() && (pieces.back().strength == kPending ||
                             (pieces.back().piece == Piece::kStamp && lower_after(pieces.back().end) &&
                              !ends_on_separator(pieces.back())))) {
    pieces.pop_back();
  }
  if (pieces.empty()) return false;
  bool strong = std::any_of(pieces.begin(), pieces.end(), [](const Found& f) { return f.strength == kStrong; });
  if (mode != Mode::kLead && !strong) return false;
  uint32_t after = SkipSpace(text, pieces.back().end);
  if (mode == Mode::kInside && after < text.size()) {
    // The lead that follows starts a sentence.
    size_t i = after;
    UChar32 c;
    U8_NEXT(text.data(), i, text.size(), c);
    if (u_islower(c)) return false;
  }
  out->start = at;
  out->text_end = pieces.back().end;
  out->end = after;
  out->strong = strong;
  out->reason = "dateline";
  out->byline.clear();
  for (const Found& f : pieces) {
    if (f.piece != Piece::kByline) continue;
    if (pieces.size() == 1) out->reason = "byline";
    std::string_view b = text.substr(f.start, f.end - f.start);
    while (!b.empty() && (b.back() == ' ' || b.back() == '-' || b.back() == '|' || b.back() == ':')) b.remove_suffix(1);
    out->byline = std::string(b);
  }
  return true;
}

bool DatelineTable::FindInside(std::string_view text, DatelineMatch* out, Scanner* scanner) const {
  // A headline fused with its lead is a few words; the dateline follows
  // within the first few hundred bytes, after at least two words.
  constexpr size_t kWindow = 700;
  size_t window = std::min(text.size(), kWindow);
  while (window < text.size() && (static_cast<unsigned char>(text[window]) & 0xC0) == 0x80) ++window;
  // Most paragraphs hold no bracket or clock time near their start: nothing
  // to try. Elsewhere a dateline is tried only where one of them follows
  // closely, since a dateline's head is short.
  constexpr int64_t kLongestDatelineHead = 160;
  std::unique_ptr<Scanner> own;
  if (!scanner) scanner = (own = NewScanner()).get();
  if (!scanner->Reset(text)) return false;
  std::vector<int64_t> hints;
  {
    UErrorCode status = U_ZERO_ERROR;
    icu::RegexMatcher& m = *scanner->hint_;
    m.region(0, static_cast<int64_t>(window), 0, status);
    while (U_SUCCESS(status) && m.find(status) && U_SUCCESS(status)) hints.push_back(m.start64(status));
  }
  if (hints.empty()) return false;
  size_t words = 0, next_hint = 0;
  uint32_t i = 0;
  while (i < window) {
    size_t len = 0;
    if (IsSpaceAt(text, i, &len)) {
      i += static_cast<uint32_t>(len);
      continue;
    }
    while (next_hint < hints.size() && hints[next_hint] < i) ++next_hint;
    if (next_hint == hints.size()) break;
    if (words >= 2 && hints[next_hint] - i <= kLongestDatelineHead) {
      unsigned char c = static_cast<unsigned char>(text[i]);
      // A place, an agency, a date or a bracket does not begin in lower case.
      bool lower_ascii = c >= 'a' && c <= 'z';
      if (!lower_ascii && MatchWith(scanner, text, i, Mode::kInside, out)) return true;
    }
    ++words;
    while (i < text.size() && !IsSpaceAt(text, i, &len)) ++i;
  }
  return false;
}

}  // namespace storyloom
