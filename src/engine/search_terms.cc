#include "engine/search_terms.h"

#include <algorithm>
#include <cctype>

#include "annotate/anchors_text.h"  // FoldWord
#include "text/segment.h"

namespace storyloom {

namespace {

bool HasArabicScript(std::string_view s) {
  // U+0600..U+06FF and U+0750..U+077F start with 0xD8..0xDD in UTF-8.
  for (unsigned char c : s) {
    if (c >= 0xD8 && c <= 0xDD) return true;
  }
  return false;
}

}  // namespace

SearchTerms DocumentSearchTerms(const Document& doc, Segmenter& segmenter) {
  SearchTerms out = SearchTermsOf(doc.tokens);
  std::vector<Token> title_tokens;
  if (!doc.title.empty()) {
    Document title;
    title.body = MappedText::Identity(doc.title);
    title.lang = doc.lang;
    title.paragraphs.push_back({{0, static_cast<uint32_t>(doc.title.size())}, doc.lang, 1});
    segmenter.Segment(&title, {}, true);
    title_tokens = std::move(title.tokens);
    SearchTerms t = SearchTermsOf(title_tokens);
    if (!t.norms.empty()) {
      if (!out.norms.empty()) {
        t.norms += ' ' + out.norms;
        t.stems += ' ' + out.stems;
      }
      out = std::move(t);
    }
  }
  // Each word without its accents and marks ("hải" as "hai", "café" as
  // "cafe", "العبارة" as "عبارة"), once, after the stems: a query typed
  // without them finds the word.
  std::set<std::string> folded;
  const std::vector<Token>* const sources[] = {&title_tokens, &doc.tokens};
  for (const std::vector<Token>* tokens : sources) {
    for (const Token& t : *tokens) {
      if (t.is_word || t.norm.empty()) continue;
      std::string f = FoldWord(t.norm);
      if (!f.empty() && f != t.norm && f != t.stem && f.find(' ') == std::string::npos) folded.insert(std::move(f));
    }
  }
  for (const std::string& f : folded) out.stems += (out.stems.empty() ? "" : " ") + f;
  return out;
}

size_t Utf8Floor(std::string_view s, size_t n) {
  if (n >= s.size()) return s.size();
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return n;
}

QueryTerms ParseQuery(std::string_view text, const std::string& lang, Segmenter& segmenter, size_t max_terms) {
  QueryTerms out;
  std::string read_as = !lang.empty() ? lang : HasArabicScript(text) ? "ar" : "";
  std::vector<std::string> stem_langs;
  if (!lang.empty()) stem_langs = {lang};
  else if (read_as == "ar") stem_langs = {"ar"};
  else stem_langs = {"en", "id"};

  // A query word as the index holds it: its tokens, each found by its
  // norm or one of its stems; `keep` records them for highlights.
  size_t terms = 0;
  auto clauses_of = [&](std::string_view piece, bool keep) {
    Document q;
    q.body = MappedText::Identity(std::string(piece));
    q.lang = read_as;
    q.paragraphs.push_back({{0, static_cast<uint32_t>(piece.size())}, read_as, 1});
    segmenter.Segment(&q, {}, true);
    SearchPiece piece_words;
    for (const Token& t : q.tokens) {
      if (t.is_word || t.norm.empty()) continue;
      if (terms >= max_terms) break;
      ++terms;
      SearchWord word{t.norm, {}};
      std::set<std::string> stems;
      for (const std::string& l : stem_langs) stems.insert(segmenter.Stem(t.norm, l));
      stems.insert(FoldWord(t.norm));  // what the index holds of the word's accented and unaccented forms
      for (const std::string& st : stems) {
        if (st.empty()) continue;
        word.stems.push_back(st);
        if (keep) out.stems.insert(st);
      }
      piece_words.push_back(std::move(word));
      if (keep && std::find(out.norms.begin(), out.norms.end(), t.norm) == out.norms.end()) out.norms.push_back(t.norm);
    }
    return piece_words;
  };

  // Words separated by white space; "OR" between two words takes either,
  // "NOT word" or "-word" leaves out what holds it; the rest must all be
  // there. Every word is still quoted: nothing else is FTS5 syntax.
  std::vector<std::vector<SearchPiece>>& groups = out.query.all_of;  // AND of groups, each an OR of words
  std::vector<SearchPiece>& excluded = out.query.none_of;
  bool next_or = false, next_not = false;
  for (size_t i = 0; i < text.size();) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    size_t j = i;
    while (j < text.size() && !std::isspace(static_cast<unsigned char>(text[j]))) ++j;
    std::string_view word = text.substr(i, j - i);
    i = j;
    if (word.empty()) continue;
    if (word == "OR") {
      next_or = !groups.empty();
      continue;
    }
    if (word == "AND") continue;
    if (word == "NOT") {
      next_not = true;
      continue;
    }
    bool negated = next_not || (word.size() > 1 && word[0] == '-');
    if (word[0] == '-') word.remove_prefix(1);
    SearchPiece clause = clauses_of(word, !negated);
    if (clause.empty()) continue;
    if (negated) {
      excluded.push_back(clause);
    } else if (next_or) {
      groups.back().push_back(std::move(clause));
    } else {
      groups.push_back({std::move(clause)});
    }
    next_or = next_not = false;
  }
  return out;
}

Snippet FindSnippet(Document& doc, const QueryTerms& terms, Segmenter& segmenter, size_t max_bytes) {
  const std::string& body = doc.body.text();
  auto hit = [&](const Token& t) {
    return std::find(terms.norms.begin(), terms.norms.end(), t.norm) != terms.norms.end() ||
           terms.stems.contains(t.stem) || terms.stems.contains(FoldWord(t.norm));
  };
  auto first_hit = [&]() -> int64_t {
    for (const Token& t : doc.tokens) {
      if (!t.is_word && hit(t)) return t.sentence;
    }
    return -1;
  };
  Span sentence{0, static_cast<uint32_t>(std::min(body.size(), max_bytes))};
  int64_t chosen = -1;
  if (!doc.tokens.empty()) {
    chosen = first_hit();
  } else {
    // Paragraph by paragraph, up to the first that holds a hit: a page of
    // results reads a dozen documents, and a hit is seldom far down one.
    std::vector<Paragraph> paragraphs = doc.paragraphs;
    if (paragraphs.empty() && !body.empty()) paragraphs.push_back({{0, static_cast<uint32_t>(body.size())}, doc.lang, 0});
    for (const Paragraph& p : paragraphs) {
      doc.paragraphs = {p};
      segmenter.Segment(&doc, {}, true);
      if ((chosen = first_hit()) >= 0) break;
    }
    doc.paragraphs = std::move(paragraphs);
  }
  if (chosen >= 0 && static_cast<size_t>(chosen) < doc.sentences.size()) sentence = doc.sentences[chosen].span;
  Snippet s;
  s.start = sentence.start;
  size_t len = Utf8Floor(std::string_view(body).substr(sentence.start), std::min<size_t>(sentence.size(), max_bytes));
  s.text = body.substr(sentence.start, len);
  for (const Token& t : doc.tokens) {
    if (t.is_word || !hit(t) || t.span.start < sentence.start || t.span.end > sentence.start + len) continue;
    s.highlights.push_back({t.span.start - sentence.start, t.span.end - sentence.start});
  }
  return s;
}

}  // namespace storyloom
