#include "annotate/anchors_text.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <vector>

#include "text/arabic.h"
#include "base/utf8.h"

namespace storyloom {
namespace {

bool IsMark(UChar32 c) {
  int8_t t = u_charType(c);
  return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK;
}

bool IsDigitSep(UChar32 c) { return c == '.' || c == ',' || c == 0x066B || c == 0x066C; }

// One lower-cased Latin (or other cased script) letter without its marks.
void AppendFoldedLetterSlow(std::string* out, UChar32 c) {
  c = u_tolower(c);
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
    return;
  }
  switch (c) {
    case 0x0111:
      out->push_back('d');
      return;  // đ
    case 0x00F8:
      out->push_back('o');
      return;  // ø
    case 0x0142:
      out->push_back('l');
      return;  // ł
    case 0x00DF:
      out->append("ss");
      return;  // ß
    case 0x00E6:
      out->append("ae");
      return;  // æ
    case 0x0153:
      out->append("oe");
      return;  // œ
    case 0x0131:
      out->push_back('i');
      return;  // ı
    default:
      break;
  }
  if (IsMark(c)) return;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString decomposition;
  if (U_SUCCESS(status) && nfd->getDecomposition(c, decomposition) && decomposition.length() > 0) {
    UChar32 base = decomposition.char32At(0);
    AppendUtf8(out, u_tolower(base));
    return;
  }
  AppendUtf8(out, c);
}

// The folded forms of the code points below U+2000 (Latin, Greek, Cyrillic,
// Vietnamese), computed once: folding a letter through ICU's normaliser
// costs far more than a table read, and Vietnamese has several a word.
constexpr UChar32 kFoldTableEnd = 0x2000;
constexpr uint8_t kSlow = 0xFF;  // a FoldedLetter::size: not in the table
struct FoldedLetter {
  uint8_t size = 0;
  char bytes[7] = {};
};

const FoldedLetter* FoldTable() {
  static const std::vector<FoldedLetter> kTable = [] {
    std::vector<FoldedLetter> table(kFoldTableEnd);
    std::string folded;
    for (UChar32 c = 0; c < kFoldTableEnd; ++c) {
      folded.clear();
      AppendFoldedLetterSlow(&folded, c);
      if (folded.size() > sizeof(table[c].bytes)) {  // never: a letter folds to 4 bytes at most
        table[c].size = kSlow;
        continue;
      }
      table[c].size = static_cast<uint8_t>(folded.size());
      folded.copy(table[c].bytes, folded.size());
    }
    return table;
  }();
  return kTable.data();
}

void AppendFoldedLetter(std::string* out, UChar32 c) {
  if (c >= 0 && c < kFoldTableEnd) {
    const FoldedLetter& f = FoldTable()[c];
    if (f.size != kSlow) {
      out->append(f.bytes, f.size);
      return;
    }
  }
  AppendFoldedLetterSlow(out, c);
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// "ال" and the one-letter clitics, in UTF-8.
constexpr std::string_view kAl = "\xD8\xA7\xD9\x84";
constexpr std::string_view kWaw = "\xD9\x88";
constexpr std::string_view kFa = "\xD9\x81";
constexpr std::string_view kBa = "\xD8\xA8";
constexpr std::string_view kLam = "\xD9\x84";
constexpr std::string_view kKaf = "\xD9\x83";

std::string StripArticle(std::string s) {
  if (StartsWith(s, kAl) && CodePoints(s) >= 4) s.erase(0, kAl.size());
  return s;
}

}  // namespace

bool IsArabicCodePoint(char32_t c) {
  return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) || (c >= 0x08A0 && c <= 0x08FF) ||
         (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF);
}

std::string FoldWord(std::string_view word) {
  size_t i = 0;
  bool arabic = false;
  bool ascii = true;
  for (unsigned char ch : word) ascii = ascii && ch < 0x80;
  if (ascii) {
    std::string out(word);
    for (char& ch : out) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    return out;
  }
  {
    size_t j = 0;
    while (j < word.size()) {
      UChar32 c = NextCodePoint(word, &j);
      if (IsArabicCodePoint(static_cast<char32_t>(c)) && !IsMark(c)) {
        arabic = true;
        break;
      }
    }
  }
  if (arabic) return StripArticle(FoldArabic(word));
  std::string out;
  out.reserve(word.size());
  while (i < word.size()) AppendFoldedLetter(&out, NextCodePoint(word, &i));
  return out;
}

std::vector<std::string> ArabicVariants(const std::string& folded) {
  std::vector<std::string> out{folded};
  auto add = [&](std::string v) {
    if (CodePoints(v) < 2) return;
    for (const auto& o : out)
      if (o == v) return;
    out.push_back(std::move(v));
  };
  std::string w = folded;
  if ((StartsWith(w, kWaw) || StartsWith(w, kFa)) && CodePoints(w) >= 4) {
    w.erase(0, 2);
    add(StripArticle(w));
  }
  std::string base = w;
  if (StartsWith(base, "\xD9\x84\xD9\x84") && CodePoints(base) >= 4) {  // لل = ل + ال
    add(base.substr(4));
  }
  if ((StartsWith(base, kBa) || StartsWith(base, kLam) || StartsWith(base, kKaf)) && CodePoints(base) >= 4) {
    add(StripArticle(base.substr(2)));
  }
  return out;
}

std::vector<std::string> ArabicStems(const std::string& folded) {
  static const std::vector<std::string> kSuffixes = {"\xD9\x87\xD9\x85\xD8\xA7", "\xD9\x87\xD8\xA7", "\xD9\x87\xD9\x85",
                                                     "\xD9\x83\xD9\x85",         "\xD9\x86\xD8\xA7", "\xD8\xA7\xD8\xAA",
                                                     "\xD9\x88\xD9\x86",         "\xD9\x8A\xD9\x86", "\xD8\xA7\xD9\x86",
                                                     "\xD9\x8A\xD9\x87",         "\xD9\x87",         "\xD9\x8A"};
  static const std::vector<std::string> kPrefixes = {"\xD9\x8A", "\xD8\xAA", "\xD9\x86", "\xD8\xA7"};
  std::vector<std::string> out;
  auto add = [&](const std::string& v) {
    if (CodePoints(v) < 3) return;
    for (const auto& o : out)
      if (o == v) return;
    out.push_back(v);
  };
  for (const std::string& v : ArabicVariants(folded)) {
    std::vector<std::string> forms{v};
    for (const auto& suf : kSuffixes)
      if (v.size() > suf.size() && v.ends_with(suf)) {
        forms.push_back(v.substr(0, v.size() - suf.size()));
        break;
      }
    for (const std::string& f : forms) {
      add(f);
      for (const auto& pre : kPrefixes)
        if (f.starts_with(pre)) add(f.substr(pre.size()));
    }
  }
  return out;
}

std::vector<AnchorToken> AnchorTokens(std::string_view text) {
  std::vector<AnchorToken> tokens;
  tokens.reserve(text.size() / 6 + 1);
  size_t i = 0;
  bool next_initial = true;
  auto ascii_letter = [](unsigned char b) { return (b | 0x20) >= 'a' && (b | 0x20) <= 'z'; };
  while (i < text.size()) {
    size_t start = i;
    unsigned char b0 = static_cast<unsigned char>(text[i]);
    // Fast path: a word of ASCII letters ending in ASCII (most of English).
    if (ascii_letter(b0)) {
      size_t j = i + 1;
      int uppers = b0 <= 'Z';
      while (j < text.size() && ascii_letter(static_cast<unsigned char>(text[j]))) uppers += text[j++] <= 'Z';
      if (j == text.size() || static_cast<unsigned char>(text[j]) < 0x80) {
        AnchorToken t;
        t.span = {static_cast<uint32_t>(i), static_cast<uint32_t>(j)};
        t.fold.assign(text.data() + i, j - i);
        for (char& ch : t.fold) ch |= 0x20;
        t.upper_initial = b0 <= 'Z';
        t.all_upper = j - i >= 2 && uppers == static_cast<int>(j - i);
        t.sentence_initial = next_initial;
        t.script = TokenScript::kLatin;
        next_initial = false;
        tokens.push_back(std::move(t));
        i = j;
        continue;
      }
    } else if (b0 == ' ' || b0 == ',' || b0 == '(' || b0 == ')' || b0 == ';' || b0 == '-' || b0 == '\'') {
      ++i;
      continue;
    }
    UChar32 c = NextCodePoint(text, &i);
    if (u_isdigit(c)) {
      size_t end = i;
      while (i < text.size()) {
        size_t j = i;
        UChar32 d = NextCodePoint(text, &j);
        if (u_isdigit(d)) {
          i = end = j;
          continue;
        }
        if (IsDigitSep(d) && j < text.size()) {
          size_t k = j;
          if (u_isdigit(NextCodePoint(text, &k))) {
            i = j;
            continue;
          }
        }
        break;
      }
      i = end;
      AnchorToken t;
      t.span = {static_cast<uint32_t>(start), static_cast<uint32_t>(end)};
      t.fold = AsciiDigits(text.substr(start, end - start));
      t.script = TokenScript::kDigits;
      t.sentence_initial = next_initial;
      next_initial = false;
      tokens.push_back(std::move(t));
      continue;
    }
    if (!u_isalpha(c)) {
      if (c == '.' || c == '!' || c == '?' || c == ':' || c == '\n' || c == 0x061F || c == 0x3002 || c == '"' ||
          c == 0x201C)
        next_initial = true;
      continue;
    }
    size_t end = i;
    int letters = 0, uppers = 0;
    bool first_upper = u_isupper(c);
    bool cased = u_isupper(c) || u_islower(c);
    bool arabic = IsArabicCodePoint(static_cast<char32_t>(c));
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(c, &err);
    letters = 1;
    uppers = first_upper;
    while (i < text.size()) {
      size_t j = i;
      UChar32 d = NextCodePoint(text, &j);
      if (u_isalpha(d)) {
        ++letters;
        uppers += u_isupper(d) ? 1 : 0;
      } else if (!IsMark(d)) {
        break;
      }
      i = end = j;
    }
    AnchorToken t;
    t.span = {static_cast<uint32_t>(start), static_cast<uint32_t>(end)};
    t.fold = FoldWord(text.substr(start, end - start));
    t.upper_initial = first_upper;
    t.all_upper = letters >= 2 && uppers == letters;
    t.sentence_initial = next_initial;
    if (arabic)
      t.script = TokenScript::kArabic;
    else if (script == USCRIPT_LATIN)
      t.script = TokenScript::kLatin;
    else
      t.script = cased ? TokenScript::kOtherCased : TokenScript::kOtherUncased;
    next_initial = false;
    tokens.push_back(std::move(t));
  }
  return tokens;
}

}  // namespace storyloom
