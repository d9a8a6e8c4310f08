#include "text/segment.h"

#include <gtest/gtest.h>

#include "text/normalize.h"

namespace storyloom {
namespace {

Document Doc(const std::string& text, const std::string& lang) {
  Document d;
  d.body = MappedText::Identity(text);
  d.lang = lang;
  d.paragraphs.push_back({{0, static_cast<uint32_t>(text.size())}, lang, 1});
  return d;
}

std::vector<std::string> SentenceTexts(const Document& d) {
  std::vector<std::string> out;
  for (const Sentence& s : d.sentences) out.push_back(d.body.text().substr(s.span.start, s.span.size()));
  return out;
}

TEST(Segmenter, EnglishSentencesSurviveAbbreviations) {
  Segmenter seg;
  Document d = Doc("Mr. Smith arrived in Niamey on Monday. He met the ministers. Talks end today.", "en");
  seg.Segment(&d, {});
  EXPECT_EQ(SentenceTexts(d), (std::vector<std::string>{"Mr. Smith arrived in Niamey on Monday.",
                                                        "He met the ministers.", "Talks end today."}));
}

TEST(Segmenter, TokensAreLowerCasedAndStemmed) {
  Segmenter seg;
  Document d = Doc("Soldiers were Leaving the bases.", "en");
  seg.Segment(&d, {});
  ASSERT_EQ(d.tokens.size(), 5u);
  EXPECT_EQ(d.tokens[0].norm, "soldiers");
  EXPECT_EQ(d.tokens[0].stem, "soldier");
  EXPECT_EQ(d.tokens[2].norm, "leaving");
  EXPECT_EQ(d.tokens[2].stem, "leav");
  Document id = Doc("Pemerintah membatalkan perjanjian keamanan.", "id");
  seg.Segment(&id, {});
  EXPECT_EQ(id.tokens[1].stem, "batal");
}

TEST(Segmenter, FrenchAndItalianElisionsLeaveTheWord) {
  Segmenter seg;
  auto norms = [&](const std::string& text, const std::string& lang) {
    Document d = Doc(text, lang);
    seg.Segment(&d, {});
    std::vector<std::string> out;
    for (const Token& t : d.tokens) out.push_back(t.norm);
    return out;
  };
  EXPECT_EQ(norms("L'hôpital ferme jusqu’à lundi, qu'il pleuve.", "fr"),
            (std::vector<std::string>{"hôpital", "ferme", "à", "lundi", "il", "pleuve"}));
  EXPECT_EQ(norms("Il bilancio dell'anno", "it"), (std::vector<std::string>{"il", "bilancio", "anno"}));
  // English keeps its own: "don't" and "O'Brien" are words.
  EXPECT_EQ(norms("Don't call O'Brien", "en"), (std::vector<std::string>{"don't", "call", "o'brien"}));
  // A query of no known language reads "l'hôpital" as the index does.
  EXPECT_EQ(norms("l'hôpital", ""), (std::vector<std::string>{"hôpital"}));
}

TEST(Segmenter, ArabicTokensAreFolded) {
  Segmenter seg;
  Document d = Doc("أعلنت الحكومة إلغاء الاتفاقية.", "ar");
  seg.Segment(&d, {});
  ASSERT_GE(d.tokens.size(), 3u);
  EXPECT_EQ(d.tokens[0].norm, "اعلنت");
}

TEST(Segmenter, VietnameseSyllablesPlusMarkedWords) {
  NormalizeOptions o;
  o.segmented_corpus = true;
  NormalizedText n = Normalize(MappedText::Identity("Chuyên_gia quân_sự đến Niamey ."), o);
  Document d = Doc(n.text.text(), "vi");
  d.body = n.text;
  Segmenter seg;
  seg.Segment(&d, n.joins);
  std::vector<std::string> norms;
  for (const Token& t : d.tokens) norms.push_back(t.norm + (t.is_word ? "*" : ""));
  EXPECT_EQ(norms, (std::vector<std::string>{"chuyên", "chuyên gia*", "gia", "quân", "quân sự*", "sự", "đến",
                                             "niamey"}));
}

}  // namespace
}  // namespace storyloom
