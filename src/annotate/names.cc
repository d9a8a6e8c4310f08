#include "annotate/names.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <cstring>

#include "base/utf8.h"

namespace storyloom {

std::string NameSkeleton(std::string_view in) {
  std::string s;
  s.reserve(in.size());
  for (char c : in)
    if (c >= 'a' && c <= 'z') s.push_back(c);
  static constexpr std::pair<std::string_view, std::string_view> kGroups[] = {
      {"tsch", "t"}, {"dzh", "j"}, {"tch", "t"}, {"tsh", "t"}, {"sch", "s"}, {"ts", "t"},
      {"sh", "s"},   {"ch", "s"},  {"ph", "f"},  {"th", "t"},  {"kh", "k"},  {"gh", "k"},
      {"dh", "d"},   {"dj", "j"},  {"zh", "j"},  {"ck", "k"},  {"qu", "k"},  {"x", "ks"}};
  std::string r;
  r.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    // Only these letters start a group; most letters skip the search.
    if (!std::strchr("tdscpkgzqx", s[i])) {
      r.push_back(s[i++]);
      continue;
    }
    bool done = false;
    for (const auto& [from, to] : kGroups) {
      if (std::string_view(s).substr(i, from.size()) == from) {
        r += to;
        i += from.size();
        done = true;
        break;
      }
    }
    if (!done) r.push_back(s[i++]);
  }
  std::string out;
  out.reserve(r.size());
  for (char c : r) {
    if (std::strchr("aeiouywh", c)) continue;
    switch (c) {
      case 'c':
      case 'q':
      case 'g':
        c = 'k';
        break;
      case 'p':
        c = 'b';
        break;
      case 'v':
        c = 'f';
        break;
      case 'z':
        c = 's';
        break;
      default:
        break;
    }
    if (!out.empty() && out.back() == c) continue;
    out.push_back(c);
  }
  return out.size() >= 2 ? out : std::string();
}

struct Transliterations::Impl {
  std::unique_ptr<icu::Transliterator> t;
  mutable std::mutex mu;
  mutable std::unordered_map<std::string, std::string> cache;
};

Transliterations::Transliterations() : impl_(std::make_unique<Impl>()) {
  UErrorCode status = U_ZERO_ERROR;
  impl_->t.reset(icu::Transliterator::createInstance("Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
  if (U_FAILURE(status)) impl_->t.reset();
}

Transliterations::~Transliterations() = default;

std::string Transliterations::ToAscii(const std::string& word) const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  if (auto it = impl_->cache.find(word); it != impl_->cache.end()) return it->second;
  std::string out;
  if (impl_->t) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(word);
    impl_->t->transliterate(u);
    u.toUTF8String(out);
  }
  if (impl_->cache.size() > 200000) impl_->cache.clear();
  impl_->cache.emplace(word, out);
  return out;
}

namespace {

bool IsRomanNumeral(std::string_view w) {
  if (w.size() > 4) return false;
  for (char c : w)
    if (!std::strchr("IVXLCDM", c)) return false;
  return true;
}


}  // namespace

void FindNames(const std::vector<AnchorToken>& tokens, std::string_view text, const std::string& lang,
               const IsCommonWord& is_common, const Transliterations& translit, std::vector<Anchor>* out,
               std::vector<bool>* used) {
  // A name found only because the lexicon lacks the word (Arabic) weighs less.
  auto emit_ent = [&](const AnchorToken& t, const std::string& ascii, float weight = 1.0f) {
    std::string sk = NameSkeleton(ascii);
    if (!sk.empty()) out->push_back({"ent:" + sk, t.span, weight});
  };
  for (size_t i = 0; i < tokens.size(); ++i) {
    const AnchorToken& t = tokens[i];
    if ((*used)[i] || t.script == TokenScript::kDigits) continue;
    std::string_view surface = text.substr(t.span.start, t.span.size());
    if (t.script == TokenScript::kLatin && t.all_upper && surface.size() <= 8 && surface.size() == t.fold.size() &&
        !IsRomanNumeral(surface)) {
      out->push_back({"acr:" + std::string(surface), t.span, 1.0f});
      (*used)[i] = true;
      continue;
    }
    if (t.script == TokenScript::kLatin || t.script == TokenScript::kOtherCased) {
      if (!t.upper_initial || t.fold.size() < 3) continue;
      if (is_common && is_common(lang, t.fold)) continue;
      // A lone capitalised word opening a sentence is most likely a common word.
      bool next_cap =
          i + 1 < tokens.size() && tokens[i + 1].upper_initial && !(*used)[i + 1] && tokens[i + 1].script == t.script;
      if (t.sentence_initial && !next_cap) continue;
      (*used)[i] = true;
      emit_ent(t, t.script == TokenScript::kLatin ? t.fold : translit.ToAscii(t.fold));
      continue;
    }
    if (t.script == TokenScript::kArabic) {
      if (!is_common || CodePoints(t.fold) < 3) continue;
      bool common = false;
      for (const std::string& v : ArabicVariants(t.fold)) common = common || CodePoints(v) < 3;
      for (const std::string& v : ArabicStems(t.fold)) {
        if (common) break;
        if (is_common(lang, v)) {
          common = true;
          break;
        }
      }
      if (common) continue;
      (*used)[i] = true;
      emit_ent(t, translit.ToAscii(t.fold), 0.5f);
    }
  }
}

}  // namespace storyloom
