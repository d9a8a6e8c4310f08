// The tense cue of an expression: past and future words of the table (and
// past suffixes) around it, within its sentence.
#include "annotate/temporal_scanner.h"

#include <string>

namespace storyloom::temporal {

// A past cue: a past word of the table, or a word with a past suffix.
bool Scanner::PastWord(size_t k) {
  size_t len = 0;
  const Lex* l = Lookup(k, &len);
  if (l != nullptr) return l->Has(kPast);
  if (toks_[k].kind != kWordTok || toks_[k].fold_len < 5) return false;
  const std::string_view w = Fold(k);
  for (const std::string& suffix : table_.past_suffixes) {
    if (w.size() > suffix.size() && w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0) return true;
  }
  return false;
}

// Tense of the expression: a future word right after it ("ngày 20/5 tới"),
// a past word inside it, else the nearest past or future word in the ten
// words before it, else in the eight tokens after it, within the sentence
// and up to a new clause.
int Scanner::TenseAt(size_t begin, size_t end) {
  size_t len = 0;
  if (LexAt(end, kFuture, &len)) return kFutureTense;
  for (size_t k = begin; k < end; ++k) {
    if (LexAt(k, kPast, &len)) return kPastTense;
  }
  auto sentence_end = [&](size_t k) { return SentenceEnd(k); };
  for (size_t back = 1, words = 0; words < 10 && back <= begin; ++back) {
    size_t k = begin - back;
    if (toks_[k].kind == kWordTok) ++words;  // ten words: "gave way at about 4:30 a.m. on Friday"
    if (sentence_end(k)) break;
    if (PastWord(k)) {
      // "will be held", "expected to be delivered": a past-looking participle after a future word.
      for (size_t b = 1; b <= 3 && b <= k; ++b) {
        if (LexAt(k - b, kFuture, &len)) return kFutureTense;
      }
      return kPastTense;
    }
    if (LexAt(k, kFuture, &len)) return kFutureTense;
  }
  for (size_t k = end; k < n() && k < end + 8; ++k) {
    if (sentence_end(k) || Punct(k, ':') || Punct(k, '"') || Punct(k, 0x201C) || Punct(k, 0x201D)) break;
    if (LexAt(k, kClause, &len)) break;  // "on Wednesday after meeting leaders who had travelled"
    if (const Lex* l = Lookup(k, &len); l != nullptr) {  // suffixes are too loose after it ("inclined")
      if (l->Has(kPast)) return kPastTense;
      if (l->Has(kFuture)) return kFutureTense;
    }
  }
  return kNoTense;
}

}  // namespace storyloom::temporal
