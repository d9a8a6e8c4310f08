#include "stories/sentence_terms.h"

#include <map>

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
  for (size_t i = 0; i < counts.size(); ++i) out[i].terms.assign(counts[i].begin(), counts[i].end());
  return out;
}

}  // namespace storyloom
