// The annotator on whole documents: a date told in one sentence anchors
// "the next day" or "that year" in the next ones, as a reader counts; the
// leads of a list are separate reports and do not anchor each other.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "annotate/annotate_resources.h"
#include "annotate/annotator.h"

namespace storyloom {
namespace {

const Annotator& TheAnnotator() { return testing::TestAnnotator(); }

// A document of the given sentences (one space between them), published on `day`.
Document Doc(const std::vector<std::string>& sentences, const std::string& day, bool is_list = false) {
  std::string body;
  Document d;
  for (const std::string& s : sentences) {
    if (!body.empty()) body += is_list ? "\n" : " ";
    Sentence sentence;
    sentence.span = {static_cast<uint32_t>(body.size()), static_cast<uint32_t>(body.size() + s.size())};
    d.sentences.push_back(sentence);
    body += s;
  }
  d.lang = "en";
  d.body = MappedText::Identity(body, 0);
  d.published = day;
  d.is_list = is_list;
  return d;
}

// "sentence index: text=value" for every date found.
std::vector<std::string> Dates(const DocumentAnnotation& a) {
  std::vector<std::string> out;
  for (const SentenceAnnotation& s : a.sentences) {
    for (const TimeExpression& t : s.dates) out.push_back(std::to_string(s.sentence) + ": " + t.text + "=" + t.value);
  }
  return out;
}

TEST(AnnotatorDates, ADateToldInOneSentenceAnchorsTheNext) {
  DocumentAnnotation a = TheAnnotator().Annotate(Doc({"The plane crashed on 5 February in the Alps.",
                                                      "The next day, rescuers found the wreckage.",
                                                      "Two days later, the airline apologised.",
                                                      "The company was founded in 1998.", "That year, it made a loss."},
                                                     "2013-03-01"));
  EXPECT_EQ(Dates(a), (std::vector<std::string>{"0: on 5 February=2013-02-05", "1: The next day=2013-02-06",
                                                "2: Two days later=2013-02-08", "3: in 1998=1998",
                                                "4: That year=1998"}));
}

TEST(AnnotatorDates, TheLeadsOfAListDoNotAnchorEachOther) {
  DocumentAnnotation a = TheAnnotator().Annotate(
      Doc({"Floods hit the north on 5 February.", "The next day, the president visited the capital."}, "2013-03-01",
          /*is_list=*/true));
  // The second lead is another report: its "next day" counts from its own date.
  EXPECT_EQ(Dates(a), (std::vector<std::string>{"0: on 5 February=2013-02-05", "1: The next day=2013-03-02"}));
}

}  // namespace
}  // namespace storyloom
