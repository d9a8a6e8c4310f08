// The Atom writer alone: whatever a title or a sentence holds, the feed is
// well-formed and valid, and reads back as the text it was given (less what
// XML cannot carry).
#include "serve/atom.h"

#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "serve/atom_check.h"

namespace storyloom::testing {
namespace {

std::string Schema() { return std::string(STORYLOOM_SOURCE_DIR) + "/tests/serve/data/atom.rng"; }

AtomFeed MinimalFeed() {
  AtomFeed f;
  f.id = AtomIdOf("test feed");
  f.title = "A feed";
  f.updated = "2024-03-07T00:00:00Z";
  f.authors.push_back({"storyloom", "http://localhost/"});
  return f;
}

TEST(Atom, HostileTextGivesWellFormedValidXmlThatReadsBack) {
  AtomFeed f = MinimalFeed();
  const std::string arabic = "فيضانات جاكرتا تجبر 1500 عائلة على مغادرة منازلها";
  f.title = "Floods & <b>rain</b> ]]> \"quoted\" 'single' " + arabic;
  f.subtitle = "controls: \x01\x02\x08\x0B\x0C\x1B|tab\tnewline\n|end";
  f.lang = "ar";
  AtomEntry e;
  e.id = AtomIdOf("entry 1");
  e.title = std::string("bad bytes: \xC3(\xFF\xFE|overlong \xC0\xAF|surrogate \xED\xA0\x80|cut \xE2\x82");
  e.updated = "2024-03-07T00:00:00Z";
  e.published = "2024-03-05T00:00:00Z";
  e.lang = "ar";
  e.links.push_back({"http://localhost/story.html?id=1&lang=ar", "alternate", "text/html", "", "a \"title\" & <more>"});
  e.categories = {"ar", "en"};
  e.summary = arabic + " \xEF\xBF\xBF";  // U+FFFF is no XML character
  e.content_html = "<p>" + XmlEscape("<script>alert(1)</script> & co") + "</p>";
  f.entries.push_back(e);

  const std::string xml = WriteAtom(f);
  AtomRead read = ReadAtom(xml, Schema());
  ASSERT_TRUE(read.errors.empty()) << ::testing::PrintToString(read.errors) << "\n" << xml;
  EXPECT_EQ(read.title, f.title);
  EXPECT_EQ(read.lang, "ar");
  ASSERT_EQ(read.entries.size(), 1u);
  const AtomEntryRead& r = read.entries[0];
  // Malformed sequences become U+FFFD, one a byte; nothing else is lost.
  EXPECT_EQ(r.title, "bad bytes: \xEF\xBF\xBD(\xEF\xBF\xBD\xEF\xBF\xBD|overlong \xEF\xBF\xBD\xEF\xBF\xBD|surrogate "
                     "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD|cut \xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(r.summary, arabic + " ");
  ASSERT_EQ(r.links.size(), 1u);
  EXPECT_EQ(r.links[0].href, "http://localhost/story.html?id=1&lang=ar");
  EXPECT_EQ(r.links[0].title, "a \"title\" & <more>");
  // The HTML content is text to XML: a reader gets the markup back, the
  // article's own text still escaped inside it.
  EXPECT_EQ(r.content, "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</p>");
  // Control characters are dropped; tab and newline are kept.
  EXPECT_NE(xml.find("controls: |tab&#9;newline&#10;|end"), std::string::npos) << xml;
}

TEST(Atom, RequiredElementsAreChecked) {
  // The checker itself: a feed without an author, with twin ids and two
  // alternate links of one type fails, so a passing feed means something.
  AtomFeed f = MinimalFeed();
  f.authors.clear();
  AtomEntry e;
  e.id = "urn:uuid:00000000-0000-8000-8000-000000000000";
  e.title = "one";
  e.updated = "2024-03-07T00:00:00Z";
  e.links = {{"http://a/1", "alternate", "text/html", "", ""}, {"http://a/2", "", "text/html", "", ""}};
  f.entries = {e, e};
  AtomRead read = ReadAtom(WriteAtom(f), Schema());
  std::string all = ::testing::PrintToString(read.errors);
  EXPECT_EQ(all.find("cannot read the schema"), std::string::npos) << all;
  EXPECT_NE(all.find("no author"), std::string::npos) << all;
  EXPECT_NE(all.find("two entries with id"), std::string::npos) << all;
  EXPECT_NE(all.find("two alternate links"), std::string::npos) << all;

  AtomFeed bad_date = MinimalFeed();
  bad_date.updated = "2024-03-07";  // a day is no RFC 3339 time
  EXPECT_FALSE(ReadAtom(WriteAtom(bad_date), Schema()).errors.empty());
  EXPECT_FALSE(ReadAtom("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>a & b</title></feed>", Schema()).errors.empty());
}

TEST(Atom, IdsAreStableUuidsAndDaysAreRfc3339) {
  EXPECT_EQ(AtomIdOf("storyloom story 3 event 2024-03-04"), AtomIdOf("storyloom story 3 event 2024-03-04"));
  EXPECT_NE(AtomIdOf("storyloom story 3 event 2024-03-04"), AtomIdOf("storyloom story 3 event 2024-03-05"));
  const std::regex uuid("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  for (const char* key : {"", "a", "storyloom story 1 feed", "storyloom stories||||"}) {
    EXPECT_TRUE(std::regex_match(AtomIdOf(key), uuid)) << AtomIdOf(key);
  }
  EXPECT_EQ(AtomTimeOfDay("2024-03-04"), "2024-03-04T00:00:00Z");
  EXPECT_EQ(AtomTimeOfDay("2024-03"), "2024-03-01T00:00:00Z");
  EXPECT_EQ(AtomTimeOfDay("2024"), std::nullopt);
  EXPECT_EQ(AtomTimeOfDay("2024-3-4x"), std::nullopt);
  EXPECT_EQ(AtomTimeOfDay(""), std::nullopt);
}

}  // namespace
}  // namespace storyloom::testing
