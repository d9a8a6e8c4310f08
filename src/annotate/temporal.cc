#include "annotate/temporal.h"

#include <algorithm>

#include "annotate/temporal_lexicon.h"
#include "annotate/temporal_scanner.h"
#include "text/language_codes.h"

namespace storyloom {

namespace temporal {

Scanner::Scanner(std::string_view text, const CharTable& chars, const LanguageTable& table, std::string_view dct)
    : text_(text), table_(table) {
  arena_.reserve(text.size());
  toks_.reserve(text.size() / 4 + 4);
  Tokenize(text, chars, table.keep_marks, &toks_, &arena_);
  lex_.assign(toks_.size(), nullptr);
  lex_len_.assign(toks_.size(), 0xFF);
  dct_.has = ParseIsoDay(dct, &dct_.day);
  if (dct_.has) dct_.days = DaysOf(dct_.day);
}

std::vector<TimeExpression> Scanner::Run() {
  std::vector<TimeExpression> out;
  size_t i = 0;
  while (i < toks_.size()) {
    size_t end = 0;
    Core a, b;
    bool range = false;
    size_t begin = i;
    size_t block_len = 0;
    if (const Lex* l = Lookup(i, &block_len); l != nullptr && l->Has(kBlock)) {
      i += block_len;  // "the next week" (a span), "sau khi" (after)
      continue;
    }
    if (TryAt(i, &a, &end, &begin) && end > i) {
      int tense = 0;
      if (a.kind == Core::kAbsolute) {
        range = TryRange(end, &a, &b, &end);
        size_t len = 0;
        if (const Lex* l = Lookup(end, &len); l && l->Has(kWdAfter) && !HasYear(a) && !range) {
          a.mode = l->offset;  // "نوفمبر المقبل", "juillet dernier", "ngày 5/3 tới"
          end += len;
        }
      }
      Emit(begin, end, a, range ? &b : nullptr, tense, &out);
      i = end;
      // "pada 1985 dan 2017": a second year joined to a year.
      size_t cl = 0;
      Core second;
      size_t e2 = 0;
      if (a.kind == Core::kAbsolute && a.y != 0 && a.m == 0 && a.decade == 0 && !range && LexAt(end, kCoord, &cl) &&
          ParseYear(end + cl, &second.y, &e2) && second.y >= 1900 && second.y <= 2100 &&
          !(e2 < toks_.size() && toks_[e2].kind == kWordTok && toks_[e2].lower)) {  // not "and 1500 troops"
        Emit(end + cl, e2, second, nullptr, 0, &out);
        i = e2;
      }
    } else {
      ++i;
    }
  }
  return out;
}

}  // namespace temporal

using namespace temporal;  // NOLINT: the tagger's own tables

TemporalTagger::TemporalTagger() = default;
TemporalTagger::~TemporalTagger() = default;

Result<std::unique_ptr<TemporalTagger>> TemporalTagger::Load(const std::string& dir) {
  std::unique_ptr<TemporalTagger> t(new TemporalTagger());
  t->chars_ = std::make_unique<CharTable>();
  auto tables = LoadLanguageTables(dir, *t->chars_);
  if (!tables) return Unexpected(tables.error());
  t->tables_ = std::make_unique<std::unordered_map<std::string, LanguageTable>>(std::move(*tables));
  return t;
}

std::vector<std::string> TemporalTagger::Languages() const {
  std::vector<std::string> out;
  for (const auto& [lang, table] : *tables_) out.push_back(lang);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<TimeExpression> TemporalTagger::Tag(std::string_view text, std::string_view lang,
                                                std::string_view dct) const {
  auto it = tables_->find(std::string(lang));
  // "vie", "arb", "ar-EG", "VI": the language as storyloom writes it.
  if (it == tables_->end()) it = tables_->find(IsoLanguage(lang));
  if (it == tables_->end()) it = tables_->find("en");
  if (it == tables_->end()) return {};
  Scanner scanner(text, *chars_, it->second, dct);
  return scanner.Run();
}

}  // namespace storyloom
