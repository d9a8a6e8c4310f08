#include "stories/sentence_terms.h"

#include <map>
#include <string_view>

#include "annotate/informative.h"

namespace storyloom {

std::vector<SentenceTerms> CountSentenceTerms(const Document& doc, const Stoplist& stoplist) {
  std::vector<SentenceTerms> out(doc.sentences.size());
  for (const Token& t : doc.tokens) {
    if (!t.is_word && t.sentence < out.size()) ++out[t.sentence].words;
  }
  std::vector<std::map<uint64_t, float>> counts(doc.sentences.size());
  ForEachTerm(doc, stoplist, [&](const Token& t, const std::string& name, float w) {
    if (t.sentence < counts.size()) counts[t.sentence][FeatureKey(name)] += w;
  });
  const std::string& body = doc.body.text();
  for (size_t i = 0; i < counts.size(); ++i) {
    out[i].terms.assign(counts[i].begin(), counts[i].end());
    const Span& span = doc.sentences[i].span;
    if (span.end <= body.size() && span.start <= span.end) {
      out[i].informative = InformativeSentence(std::string_view(body).substr(span.start, span.size()), out[i].words);
    }
  }
  return out;
}

}  // namespace storyloom
