#include "text/segment.h"

#include <libstemmer.h>
#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/utext.h>

#include <algorithm>

#include "text/arabic.h"

namespace storyloom {

struct Segmenter::Iterators {
  std::unique_ptr<icu::BreakIterator> sentences;
  std::unique_ptr<icu::BreakIterator> words;
  std::string locale;
};

namespace {

// Languages whose ICU sentence iterator has abbreviation suppressions.
bool HasSuppressions(const std::string& lang) {
  static const char* kLangs[] = {"en", "de", "es", "fr", "it", "pt", "ru", "nl", "pl", "sv"};
  return std::any_of(std::begin(kLangs), std::end(kLangs), [&](const char* l) { return lang == l; });
}

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Where the word of an elided form starts ("l'hôpital", "qu’il",
// "dell'anno": after the apostrophe), or 0: in French, Italian and
// Catalan, whose articles and pronouns lean on the next word, ICU keeps
// them one word, and "hôpital" would never find "l'hôpital". Also for text
// of no known language (a search query), which may be either.
size_t ElidedWordStart(std::string_view word, const std::string& lang) {
  if (!(lang.empty() || lang == "fr" || lang == "it" || lang == "ca")) return 0;
  static const char* kElided[] = {"l",    "d",      "j",       "m",       "n",     "s",    "t",    "c",
                                  "qu",   "jusqu",  "lorsqu",  "puisqu",  "quoiqu", "dell", "all", "dall",
                                  "nell", "sull",   "coll",    "un",      "quell", "quest", "po"};
  for (std::string_view mark : {std::string_view("'"), std::string_view("\xE2\x80\x99")}) {
    size_t at = word.find(mark);
    if (at == std::string_view::npos || at == 0 || at > 6 || at + mark.size() >= word.size()) continue;
    std::string head(word.substr(0, at));
    for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (std::any_of(std::begin(kElided), std::end(kElided), [&](const char* e) { return head == e; })) {
      return at + mark.size();
    }
  }
  return 0;
}

}  // namespace

const char* SnowballAlgorithm(const std::string& lang) {
  static const std::pair<const char*, const char*> kMap[] = {
      {"en", "english"},    {"id", "indonesian"}, {"ms", "indonesian"}, {"ar", "arabic"},
      {"fr", "french"},     {"es", "spanish"},    {"it", "italian"},    {"de", "german"},
      {"pt", "portuguese"}, {"ru", "russian"},    {"nl", "dutch"},      {"sv", "swedish"},
      {"da", "danish"},     {"no", "norwegian"},  {"fi", "finnish"},    {"hu", "hungarian"},
      {"ro", "romanian"},   {"tr", "turkish"},    {"el", "greek"},      {"ca", "catalan"},
      {"lt", "lithuanian"}, {"ne", "nepali"},     {"ta", "tamil"},      {"hy", "armenian"},
      {"ga", "irish"},      {"eu", "basque"},     {"sr", "serbian"},    {"yi", "yiddish"}};
  for (auto& [code, algo] : kMap) {
    if (lang == code) return algo;
  }
  return nullptr;
}

Segmenter::Segmenter() = default;

Segmenter::~Segmenter() {
  for (auto& [lang, s] : stemmers_) {
    if (s) sb_stemmer_delete(s);
  }
}

Segmenter::Iterators& Segmenter::IteratorsFor(const std::string& lang) {
  auto it = iterators_.find(lang);
  if (it != iterators_.end()) return *it->second;
  auto iters = std::make_unique<Iterators>();
  iters->locale = lang.empty() ? "root" : lang;
  if (HasSuppressions(lang)) iters->locale += "@ss=standard";
  icu::Locale loc(iters->locale.c_str());
  UErrorCode st = U_ZERO_ERROR;
  iters->sentences.reset(icu::BreakIterator::createSentenceInstance(loc, st));
  st = U_ZERO_ERROR;
  iters->words.reset(icu::BreakIterator::createWordInstance(icu::Locale(lang.empty() ? "root" : lang.c_str()), st));
  auto& ref = *iters;
  iterators_.emplace(lang, std::move(iters));
  return ref;
}

sb_stemmer* Segmenter::StemmerFor(const std::string& lang) {
  auto it = stemmers_.find(lang);
  if (it != stemmers_.end()) return it->second;
  const char* algo = SnowballAlgorithm(lang);
  sb_stemmer* s = algo ? sb_stemmer_new(algo, "UTF_8") : nullptr;
  stemmers_.emplace(lang, s);
  return s;
}

std::string Segmenter::Normalize(std::string_view word, const std::string& lang) {
  std::string lower;
  if (IsAscii(word)) {
    lower.assign(word);
    for (char& c : lower) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return lower;
  }
  UErrorCode st = U_ZERO_ERROR;
  icu::StringByteSink<std::string> sink(&lower);
  icu::CaseMap::utf8ToLower(lang.empty() ? "" : lang.c_str(), 0, icu::StringPiece(word.data(), static_cast<int32_t>(word.size())),
                            sink, nullptr, st);
  if (U_FAILURE(st)) lower.assign(word);
  if (lang == "ar" || lang == "fa" || lang == "ur") return FoldArabic(lower);
  return lower;
}

std::string Segmenter::Stem(std::string_view lower, const std::string& lang) {
  sb_stemmer* s = StemmerFor(lang);
  if (!s || lower.empty()) return std::string(lower);
  const sb_symbol* out = sb_stemmer_stem(s, reinterpret_cast<const sb_symbol*>(lower.data()),
                                         static_cast<int>(lower.size()));
  if (!out) return std::string(lower);
  std::string stem(reinterpret_cast<const char*>(out), static_cast<size_t>(sb_stemmer_length(s)));
  if (lang == "ar") stem = FoldArabic(stem);
  return stem;
}

void Segmenter::Segment(Document* doc, const std::vector<uint32_t>& joins, bool with_tokens) {
  doc->sentences.clear();
  doc->tokens.clear();
  const std::string& text = doc->body.text();
  std::vector<Paragraph> paras = doc->paragraphs;
  if (paras.empty() && !text.empty()) paras.push_back({{0, static_cast<uint32_t>(text.size())}, doc->lang, 0});
  for (const Paragraph& p : paras) {
    const std::string& lang = p.lang.empty() ? doc->lang : p.lang;
    Iterators& iters = IteratorsFor(lang);
    UErrorCode st = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(nullptr, text.data() + p.span.start, p.span.size(), &st);
    if (U_FAILURE(st)) continue;
    // Sentences.
    iters.sentences->setText(ut, st);
    int32_t a = iters.sentences->first();
    for (int32_t b = iters.sentences->next(); b != icu::BreakIterator::DONE; a = b, b = iters.sentences->next()) {
      uint32_t s = p.span.start + static_cast<uint32_t>(a), e = p.span.start + static_cast<uint32_t>(b);
      while (e > s && (text[e - 1] == ' ' || text[e - 1] == '\n')) --e;
      if (e > s) doc->sentences.push_back({{s, e}});
    }
    if (!with_tokens) {
      utext_close(ut);
      continue;
    }
    // Words.
    iters.words->setText(ut, st);
    a = iters.words->first();
    for (int32_t b = iters.words->next(); b != icu::BreakIterator::DONE; a = b, b = iters.words->next()) {
      if (iters.words->getRuleStatus() == UBRK_WORD_NONE) continue;
      uint32_t s = p.span.start + static_cast<uint32_t>(a), e = p.span.start + static_cast<uint32_t>(b);
      s += static_cast<uint32_t>(ElidedWordStart(std::string_view(text).substr(s, e - s), lang));
      Token t;
      t.span = {s, e};
      t.norm = Normalize(std::string_view(text).substr(s, e - s), lang);
      t.stem = Stem(t.norm, lang);
      doc->tokens.push_back(std::move(t));
    }
    utext_close(ut);
  }
  // Sentence index of each token.
  size_t si = 0;
  for (Token& t : doc->tokens) {
    while (si + 1 < doc->sentences.size() && doc->sentences[si].span.end <= t.span.start) ++si;
    t.sentence = static_cast<uint32_t>(si);
  }
  // Words a segmented source marked: syllables linked by joins become one
  // more token spanning them all.
  if (!joins.empty()) {
    std::vector<Token> words;
    const std::vector<Token>& toks = doc->tokens;
    size_t i = 0;
    while (i < toks.size()) {
      size_t j = i;
      while (j + 1 < toks.size() && toks[j].span.end + 1 == toks[j + 1].span.start &&
             std::binary_search(joins.begin(), joins.end(), toks[j].span.end)) {
        ++j;
      }
      if (j > i) {
        Token w;
        w.span = {toks[i].span.start, toks[j].span.end};
        w.norm = Normalize(std::string_view(text).substr(w.span.start, w.span.size()), doc->lang);
        w.stem = w.norm;
        w.is_word = true;
        w.sentence = toks[i].sentence;
        words.push_back(std::move(w));
      }
      i = j + 1;
    }
    doc->tokens.insert(doc->tokens.end(), words.begin(), words.end());
    std::stable_sort(doc->tokens.begin(), doc->tokens.end(),
                     [](const Token& x, const Token& y) { return x.span.start < y.span.start; });
  }
}

}  // namespace storyloom
