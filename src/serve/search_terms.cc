#include "serve/search_terms.h"

#include <algorithm>

#include "text/segment.h"

namespace storyloom {

namespace {

std::string Quote(const std::string& term) {
  std::string q = "\"";
  for (char c : term) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

bool HasArabicScript(std::string_view s) {
  // U+0600..U+06FF and U+0750..U+077F start with 0xD8..0xDD in UTF-8.
  for (unsigned char c : s) {
    if (c >= 0xD8 && c <= 0xDD) return true;
  }
  return false;
}

}  // namespace

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

  Document q;
  q.body = MappedText::Identity(std::string(text));
  q.lang = read_as;
  q.paragraphs.push_back({{0, static_cast<uint32_t>(text.size())}, read_as, 1});
  segmenter.Segment(&q, {}, true);

  std::vector<std::string> clauses;
  for (const Token& t : q.tokens) {
    if (t.is_word || t.norm.empty()) continue;
    if (std::find(out.norms.begin(), out.norms.end(), t.norm) != out.norms.end()) continue;
    if (out.norms.size() >= max_terms) break;
    out.norms.push_back(t.norm);
    std::set<std::string> stems;
    for (const std::string& l : stem_langs) stems.insert(segmenter.Stem(t.norm, l));
    std::string clause = "(norms:" + Quote(t.norm);
    for (const std::string& s : stems) {
      if (s.empty()) continue;
      clause += " OR stems:" + Quote(s);
      out.stems.insert(s);
    }
    clauses.push_back(clause + ")");
  }
  for (const std::string& c : clauses) out.match += (out.match.empty() ? "" : " AND ") + c;
  return out;
}

Snippet FindSnippet(Document& doc, const QueryTerms& terms, Segmenter& segmenter, size_t max_bytes) {
  if (doc.tokens.empty()) segmenter.Segment(&doc, {}, true);
  const std::string& body = doc.body.text();
  auto hit = [&](const Token& t) {
    return std::find(terms.norms.begin(), terms.norms.end(), t.norm) != terms.norms.end() || terms.stems.contains(t.stem);
  };
  Span sentence{0, static_cast<uint32_t>(std::min(body.size(), max_bytes))};
  int64_t chosen = -1;
  for (const Token& t : doc.tokens) {
    if (!t.is_word && hit(t)) {
      chosen = t.sentence;
      break;
    }
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
