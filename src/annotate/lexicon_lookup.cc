// Looking words up: a language's table frozen into a flat index, words by
// stem, cognates, and the `lex:` anchors of a text's tokens.
#include "annotate/lexicon.h"

#include <xxhash.h>

#include <algorithm>
#include <memory>
#include <unordered_map>

#include "annotate/lexicon_internal.h"
#include "annotate/names.h"

namespace storyloom {

namespace lexicon_internal {

LookupStemmer& ThreadStemmer(const std::string& lang) {
  thread_local std::unordered_map<std::string, std::unique_ptr<LookupStemmer>> stemmers;
  auto& s = stemmers[lang];
  if (!s) s = std::make_unique<LookupStemmer>(lang);
  return *s;
}

}  // namespace lexicon_internal

using namespace lexicon_internal;  // NOLINT: the lexicon's own limits and helpers

namespace {

// Code points of a UTF-8 string: byte offsets of their starts, and the end.
std::vector<size_t> CodePointStarts(const std::string& s) {
  std::vector<size_t> starts;
  for (size_t i = 0; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) starts.push_back(i);
  starts.push_back(s.size());
  return starts;
}

}  // namespace

const std::string* Lexicon::Cognate(const std::string& lang, const std::string& ascii) const {
  if (ascii.size() < kCognateLetters) return nullptr;
  const Table* t = Get(lang);
  if (!t || t->cognates.empty()) return nullptr;
  std::string sk = NameSkeleton(ascii);
  if (sk.size() < kCognateConsonants) return nullptr;
  if (const uint32_t* i = t->cognates.Find(sk)) return &t->cognate_pivots[*i];
  return nullptr;
}

void Lexicon::Table::Freeze() {
  std::vector<std::pair<std::string, uint32_t>> starts;
  starts.reserve(phrase_starts.size());
  for (const std::string& start : phrase_starts) starts.emplace_back(start, 0);
  phrase_starts.clear();
  phrase_start_index = FlatStringIndex::Build(std::move(starts));
  entries.assign(std::make_move_iterator(words.begin()), std::make_move_iterator(words.end()));
  words.clear();
  for (auto& [word, pivots] : entries)
    for (std::string& p : pivots) p = "lex:" + p;
  IndexEntries();
}

void Lexicon::Table::IndexEntries() {
  size_t capacity = 16;
  while (capacity < entries.size() * 2) capacity *= 2;
  slots.assign(capacity, 0);
  slot_entry.assign(capacity, 0);
  for (uint32_t e = 0; e < entries.size(); ++e) {
    uint64_t h = XXH3_64bits(entries[e].first.data(), entries[e].first.size()) | 1;
    size_t pos = h & (capacity - 1);
    while (slots[pos] != 0) pos = (pos + 1) & (capacity - 1);
    slots[pos] = h;
    slot_entry[pos] = e;
  }
}

const std::vector<std::string>* Lexicon::Table::Lookup(std::string_view key) const {
  if (slots.empty()) return nullptr;
  uint64_t h = XXH3_64bits(key.data(), key.size()) | 1;
  size_t mask = slots.size() - 1;
  for (size_t pos = h & mask; slots[pos] != 0; pos = (pos + 1) & mask)
    if (slots[pos] == h && entries[slot_entry[pos]].first == key) return &entries[slot_entry[pos]].second;
  return nullptr;
}

const std::vector<std::string>* Lexicon::Pivots(const std::string& lang, const std::string& folded) const {
  const Table* t = Get(lang);
  return t ? t->Lookup(folded) : nullptr;
}

bool Lexicon::Knows(const std::string& lang, const std::string& folded) const {
  const Table* t = Get(lang);
  if (!t) return false;
  if (t->Lookup(folded)) return true;
  std::string key = ThreadStemmer(lang).Key(folded);
  return !key.empty() && t->Lookup(key) != nullptr;
}

size_t Lexicon::size(const std::string& lang) const {
  const Table* t = Get(lang);
  return t ? t->entries.size() : 0;
}

void Lexicon::Find(const std::vector<AnchorToken>& tokens, const std::string& lang, float weight,
                   std::vector<Anchor>* out, const std::vector<bool>& used, const Transliterations* translit) const {
  const Table* found = Get(lang);
  if (!found) return;
  const Table& table = *found;
  LookupStemmer* stemmer = &ThreadStemmer(lang);
  const bool stems = stemmer->active();
  std::string phrase;  // reused across tokens
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (used[i] || tokens[i].script == TokenScript::kDigits) continue;
    // Longest phrase from i whose first word is `first`; returns its length or 0.
    auto match = [&](const std::string& first) -> size_t {
      if (!table.phrase_start_index.empty() && table.phrase_start_index.Find(first)) {
        for (size_t n = std::min(kMaxPhrase, tokens.size() - i); n >= 2; --n) {
          phrase.assign(first);
          bool ok = true;
          for (size_t k = i + 1; k < i + n && ok; ++k) {
            ok = !used[k] && tokens[k].script != TokenScript::kDigits;
            phrase += ' ';
            phrase += tokens[k].fold;
          }
          if (!ok) continue;
          if (const auto* w = table.Lookup(phrase)) {
            for (const std::string& p : *w)
              out->push_back({p, {tokens[i].span.start, tokens[i + n - 1].span.end}, weight});
            return n;
          }
        }
      }
      if (const auto* w = table.Lookup(first)) {
        for (const std::string& p : *w) out->push_back({p, tokens[i].span, weight});
        return 1;
      }
      if (stems && (tokens[i].script == TokenScript::kLatin || tokens[i].script == TokenScript::kOtherCased)) {
        std::string key = stemmer->Key(first);
        if (const auto* w = key.empty() ? nullptr : table.Lookup(key)) {
          for (const std::string& p : *w) out->push_back({p, tokens[i].span, weight});
          return 1;
        }
      }
      return 0;
    };
    size_t n = 0;
    if (tokens[i].script == TokenScript::kOtherUncased) {
      // Japanese and Chinese write words without spaces: a run of letters
      // is one token. Known words of two or more characters are taken
      // greedily, longest first, from left to right.
      constexpr size_t kMaxChars = 8;
      const std::string& run = tokens[i].fold;
      if (const auto* w = table.Lookup(run)) {
        for (const std::string& p : *w) out->push_back({p, tokens[i].span, weight});
        continue;
      }
      std::vector<size_t> cp = CodePointStarts(run);
      size_t chars = cp.size() - 1;
      // Hiragana alone is mostly grammar (する, ている): a segment needs
      // another letter (kanji, katakana).
      auto kana_only = [&](size_t from, size_t to) {
        for (size_t k = from; k < to; ++k) {
          unsigned char b0 = static_cast<unsigned char>(run[cp[k]]);
          unsigned char b1 = cp[k] + 1 < run.size() ? static_cast<unsigned char>(run[cp[k] + 1]) : 0;
          unsigned char b2 = cp[k] + 2 < run.size() ? static_cast<unsigned char>(run[cp[k] + 2]) : 0;
          // U+3041..U+309F: E3 81 81 .. E3 82 9F
          bool hiragana = b0 == 0xE3 && ((b1 == 0x81 && b2 >= 0x81) || (b1 == 0x82 && b2 <= 0x9F));
          if (!hiragana) return false;
        }
        return true;
      };
      for (size_t a = 0; a + 1 < chars;) {
        size_t found = 0;
        for (size_t len = std::min(kMaxChars, chars - a); len >= 2 && !found; --len) {
          if (kana_only(a, a + len)) continue;
          if (const auto* w = table.Lookup(std::string_view(run).substr(cp[a], cp[a + len] - cp[a]))) {
            // The token's span: a segment has no span of its own in folded text.
            for (const std::string& p : *w) out->push_back({p, tokens[i].span, weight});
            found = len;
          }
        }
        a += found ? found : 1;
      }
      continue;
    }
    if (tokens[i].script == TokenScript::kArabic) {
      for (const std::string& v : ArabicVariants(tokens[i].fold))
        if ((n = match(v)) > 0) break;
      if (n == 0)
        for (const std::string& v : ArabicStems(tokens[i].fold))
          if ((n = match(v)) > 0) break;
    } else {
      n = match(tokens[i].fold);
    }
    if (n == 0 && lang != "en" &&
        (tokens[i].script == TokenScript::kLatin || (translit && tokens[i].script == TokenScript::kOtherCased))) {
      const std::string& ascii = tokens[i].script == TokenScript::kLatin ? tokens[i].fold
                                                                          : translit->ToAscii(tokens[i].fold);
      if (const std::string* p = Cognate(lang, ascii)) out->push_back({*p, tokens[i].span, weight});
    }
    if (n > 1) i += n - 1;
  }
}

}  // namespace storyloom
