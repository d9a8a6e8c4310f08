// The temporal scanner's look-ups: the longest phrase of the language's
// table at a token (clitics aside), one word's entry alone, and block
// phrases that reach past a match.
#include "annotate/temporal_scanner.h"

#include <algorithm>
#include <string>

#include "base/utf8.h"

namespace storyloom::temporal {

// The longest phrase of the table starting at token i (length in tokens).
// A word with a clitic glued before it ("وأمس", "بالأمس") is looked up
// without it when it is nothing itself.
const Lex* Scanner::Lookup(size_t i, size_t* len) {
  if (i >= n() || toks_[i].kind != kWordTok) return nullptr;
  if (lex_len_[i] == 0xFF) {
    lex_len_[i] = 0;
    LookupFrom(i, Fold(i));
    if (lex_[i] == nullptr && !table_.clitics.empty()) {
      const std::string_view word = Fold(i);
      for (const auto& [prefix, replacement] : table_.clitics) {
        // At least three letters left: "باب" is no "ب" + "آب" (August).
        if (CodePoints(word.substr(std::min(prefix.size(), word.size()))) < 3 ||
            word.compare(0, prefix.size(), prefix) != 0) {
          continue;
        }
        std::string stripped = replacement;
        stripped.append(word.substr(prefix.size()));
        LookupFrom(i, stripped);
        if (lex_[i] != nullptr) break;
      }
    }
  }
  *len = lex_len_[i];
  return lex_[i];
}

void Scanner::LookupFrom(size_t i, std::string_view first) {
  auto fw = table_.first_word.find(first);
  if (fw == table_.first_word.end()) return;
  auto it = table_.phrases.find(first);
  if (it != table_.phrases.end()) {
    lex_[i] = &it->second;
    lex_len_[i] = 1;
  }
  if (fw->second <= 1) return;
  std::string key(first);
  size_t k = i + 1;
  for (size_t w = 2; w <= fw->second; ++w, ++k) {
    if (Joiner(k) && k + 1 < n() && Glued(k + 1)) ++k;  // "segunda-feira", "l'an"
    if (k >= n() || toks_[k].kind != kWordTok) break;
    key.push_back(' ');
    key.append(Fold(k));
    auto it2 = table_.phrases.find(key);
    if (it2 != table_.phrases.end()) {
      lex_[i] = &it2->second;
      lex_len_[i] = static_cast<uint8_t>(k + 1 - i);
    }
  }
}

bool Scanner::LexAt(size_t i, LexKind kind, size_t* len) {
  const Lex* l = Lookup(i, len);
  return l != nullptr && l->Has(kind);
}

// The one-word entry of token i, ignoring longer phrases ("tuần" in "hai
// tuần trước", where "tuần trước" is also a phrase).
const Lex* Scanner::SingleLex(size_t i) const {
  if (i >= n() || toks_[i].kind != kWordTok) return nullptr;
  auto it = table_.phrases.find(Fold(i));
  return it == table_.phrases.end() ? nullptr : &it->second;
}

// A block phrase starting inside tokens [i, i + len) and reaching past
// them: "tháng sau khi" is "months after", not "next month".
bool Scanner::BlockInside(size_t i, size_t len) {
  for (size_t k = i + 1; k < i + len; ++k) {
    size_t bl = 0;
    const Lex* l = Lookup(k, &bl);
    if (l != nullptr && l->Has(kBlock) && k + bl > i + len) return true;
  }
  return false;
}

}  // namespace storyloom::temporal
