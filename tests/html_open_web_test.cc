// Pages as blogs, shops and page builders make them, beyond news sites:
// what a reader sees as the article must come out whole, and nothing else.
#include <gtest/gtest.h>

#include <string>

#include "storyloom/html.h"

namespace storyloom {
namespace {

bool Contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

// Four paragraphs of prose, `tag` naming them for the assertions.
std::string Prose(const std::string& tag) {
  return "<p>" + tag + " one: the harbour board met on Tuesday, heard the engineers, and voted to rebuild the pier "
         "before the winter storms, at a cost the town can carry.</p><p>" + tag +
         " two: fishermen, who lost three boats last year, asked for a wider channel, a new light, and a safer "
         "ramp for the lifeboat crew.</p><p>" + tag +
         " three: the work starts in March, the board said, and the old stones will be kept, numbered and set "
         "back where they stood.</p>";
}

TEST(ExtractArticleOpenWeb, PageBuilderWidgetsHoldingTheArticleAreKept) {
  // Page builders name every block a widget, the article's paragraphs too,
  // in sections of their own; a real sidebar widget is a list of links.
  std::string html = "<html><body><div class=\"site-content\"><div class=\"builder builder-page\">";
  for (const char* part : {"Alpha", "Beta", "Gamma"}) {
    html += std::string("<section class=\"builder-section\"><div class=\"builder-column\">") +
            "<div class=\"builder-widget-wrap\"><div class=\"builder-widget builder-widget-heading\">"
            "<div class=\"builder-widget-container\"><h2>" + part + " heading</h2></div></div>"
            "<div class=\"builder-widget builder-widget-text-editor\"><div class=\"builder-widget-container\">" +
            Prose(part) + "</div></div></div></div></section>";
  }
  html += "</div></div><div class=\"widget-area\"><div class=\"widget\"><h3>Recent posts</h3><ul>"
          "<li><a href=\"/a\">How we painted the lighthouse in one weekend</a></li>"
          "<li><a href=\"/b\">Ten walks along the cliffs this spring</a></li></ul></div></div></body></html>";
  HtmlArticle a = ExtractArticle(html);
  const std::string& body = a.body.text();
  for (const char* part : {"Alpha one", "Alpha three", "Beta two", "Gamma one", "Gamma three"}) {
    EXPECT_TRUE(Contains(body, part)) << part << " missing from: " << body;
  }
  EXPECT_FALSE(Contains(body, "painted the lighthouse")) << body;
}

TEST(ExtractArticleOpenWeb, ClassWordsThatHideSomethingElseDoNotHideTheArticle) {
  // "hide-bottom-border" hides a border and "hidden-xs" hides on phones:
  // the text shows on a reader's screen. A block of class "hidden" does not.
  std::string html = "<html><body><div class=\"page\"><div class=\"block hide-bottom-border\">" + Prose("First") +
                     "</div><div class=\"block hidden-xs\">" + Prose("Second") + "</div>" +
                     "<div class=\"hidden\"><p>Template copy, never shown: the harbour board met again, and again, "
                     "and again, in a draft no reader sees.</p></div></div></body></html>";
  HtmlArticle a = ExtractArticle(html);
  const std::string& body = a.body.text();
  EXPECT_TRUE(Contains(body, "First one")) << body;
  EXPECT_TRUE(Contains(body, "Second three")) << body;
  EXPECT_FALSE(Contains(body, "Template copy")) << body;
}

TEST(ExtractArticleOpenWeb, ArticleCutIntoBlocksBetweenPicturesIsKeptWhole) {
  // Site builders write one block per stretch of text, with picture blocks
  // and heading blocks between them, all at the same level.
  std::string html = "<html><body><header><a href=\"/\">Home</a> <a href=\"/blog\">Blog</a></header>"
                     "<div class=\"layout\"><div class=\"row\"><div class=\"col\">";
  for (const char* part : {"North", "South", "East"}) {
    html += std::string("<div class=\"block block-html\"><div class=\"block-inner\"><div class=\"rich\">"
                        "<h3>Walk ") + part + "</h3></div></div></div>"
            "<div class=\"block block-html\"><div class=\"block-inner\"><div class=\"text-wrap\"><div class=\"rich\">" +
            Prose(part) + (std::string(part) == "North" ? Prose("Again") + Prose("More") : "") +
            "</div></div></div></div><div class=\"block block-image\"><img src=\"x.jpg\" alt=\"\"></div>";
  }
  html += "</div></div></div><footer>Sign up for our letters. All rights reserved.</footer></body></html>";
  HtmlArticle a = ExtractArticle(html);
  const std::string& body = a.body.text();
  for (const char* part : {"North one", "South two", "East three", "Walk South", "Walk East"}) {
    EXPECT_TRUE(Contains(body, part)) << part << " missing from: " << body;
  }
  EXPECT_LT(body.find("South three"), body.find("Walk East")) << body;
  EXPECT_FALSE(Contains(body, "All rights reserved")) << body;
}

TEST(ExtractArticleOpenWeb, SectionsUnderTheirOwnHeadingsComeOutTogether) {
  // Guides put each section in a block of its own under a heading; one
  // section scoring best must not leave the others out. Teasers of other
  // stories beside it, each an <article>, stay out.
  std::string html = "<html><body><main><div class=\"page-body\">";
  for (const char* part : {"Planning", "Building", "Opening", "Costs"}) {
    html += std::string("<div class=\"section\"><h2>") + part + "</h2><div class=\"section-text\"><div>" +
            Prose(part) + (std::string(part) == "Building" ? Prose("Detail") + Prose("Note") : "") +
            "</div><img src=\"x.jpg\" alt=\"\"></div></div>";
  }
  html += "</div><div class=\"more\">";
  for (const char* other : {"Ferry", "Bridge"}) {
    html += std::string("<article class=\"teaser\"><h3><a href=\"/x\">") + other +
            " story</a></h3><p>" + other + " teaser: the council met again on Wednesday, and the mayor said the "
            "plans, which were drawn up last year, would go ahead as the town had hoped.</p></article>";
  }
  html += "</div></main></body></html>";
  HtmlArticle a = ExtractArticle(html);
  const std::string& body = a.body.text();
  for (const char* part : {"Planning one", "Building two", "Detail three", "Opening one", "Costs three"}) {
    EXPECT_TRUE(Contains(body, part)) << part << " missing from: " << body;
  }
  EXPECT_FALSE(Contains(body, "Ferry teaser")) << body;
}

TEST(ExtractArticleOpenWeb, SectionsDeepInWrappersComeOutTogether) {
  // Component frameworks wrap each section of a guide in layer upon layer
  // of divs that add no text; those layers are no distance from the rest.
  std::string html = "<html><body><main><div class=\"guide\">";
  for (const char* part : {"Planning", "Building", "Opening"}) {
    std::string open, close;
    for (const char* layer : {"c-a", "c-b", "c-c", "c-d", "c-e"}) {
      open += std::string("<div class=\"") + layer + "\"><span class=\"anchor\" id=\"" + part + layer + "\"></span>";
      close += "</div>";
    }
    html += open + "<h2>" + part + "</h2>" + Prose(part) +
            (std::string(part) == "Building" ? Prose("Detail") + Prose("Note") + Prose("Aside") : "") + close;
  }
  html += "</div></main></body></html>";
  HtmlArticle a = ExtractArticle(html);
  const std::string& body = a.body.text();
  for (const char* part : {"Planning one", "Building two", "Detail three", "Opening three"}) {
    EXPECT_TRUE(Contains(body, part)) << part << " missing from: " << body;
  }
}

TEST(ExtractArticleOpenWeb, SectionsCitingSourcesComeOutTogether) {
  // A guide's sections cite their sources in links, one or two a
  // paragraph; the section without any must not be taken alone.
  auto cited = [](const std::string& tag) {
    const std::string link = " <a href=\"/source\">(the source report)</a>";
    std::string text = Prose(tag);
    for (size_t at = 0; (at = text.find("</p>", at)) != std::string::npos; at += link.size() + 4) {
      text.insert(at, link);
    }
    return text;
  };
  std::string html = "<html><body><main><div class=\"guide\">";
  for (const char* part : {"Planning", "Building", "Opening", "Costs"}) {
    bool long_part = std::string(part) == "Building";
    html += std::string("<div class=\"part\"><h2>") + part + "</h2><div class=\"part-text\">" +
            (long_part ? Prose(part) + Prose("Detail") + Prose("Note") + Prose("Aside") : cited(part)) +
            "</div></div>";
  }
  html += "</div></main></body></html>";
  HtmlArticle a = ExtractArticle(html);
  const std::string& body = a.body.text();
  for (const char* part : {"Planning one", "Building two", "Detail three", "Opening one", "Costs three"}) {
    EXPECT_TRUE(Contains(body, part)) << part << " missing from: " << body;
  }
}

TEST(ExtractArticleOpenWeb, AContactCardMarkedAsAnArticleDoesNotSplitTheArticle) {
  // Sites mark small cards (a contact, an author) as <article> too; one
  // beside the article's sections is no other story the page shows.
  std::string html = "<html><body><main><div class=\"chapters\">";
  for (const char* part : {"Planning", "Building", "Opening"}) {
    html += std::string("<section class=\"chapter\"><h2>") + part + "</h2><div class=\"chapter-text\">" +
            Prose(part) + (std::string(part) == "Building" ? Prose("Detail") + Prose("Note") + Prose("Aside") : "") +
            "</div></section>";
  }
  html += "<article class=\"contact\"><h3>Harbour office</h3><p>Quay Street 1, open weekdays.</p></article>"
          "</div></main></body></html>";
  HtmlArticle a = ExtractArticle(html);
  const std::string& body = a.body.text();
  for (const char* part : {"Planning one", "Building two", "Detail three", "Opening three"}) {
    EXPECT_TRUE(Contains(body, part)) << part << " missing from: " << body;
  }
}

TEST(ExtractArticleOpenWeb, AHiddenLabelDoesNotMakeItsFieldChrome) {
  // Content systems name a field whose label is hidden
  // "field--label-hidden"; the field itself shows.
  std::string html = "<html><body><article class=\"node\"><h1>Pier</h1><div class=\"node-content\">" +
                     Prose("Intro") + Prose("Main") + Prose("More") +
                     "<div class=\"field field--name-extra field--label-hidden\"><h2>Questions</h2>" +
                     Prose("Extra") + "</div></div></article></body></html>";
  HtmlArticle a = ExtractArticle(html);
  const std::string& body = a.body.text();
  for (const char* part : {"Intro one", "More three", "Extra one", "Extra three"}) {
    EXPECT_TRUE(Contains(body, part)) << part << " missing from: " << body;
  }
}

TEST(ExtractArticleOpenWeb, TheWritersBiographyIsNotTheArticle) {
  // Blogs close a post with a box about its writer, named in many ways.
  for (const char* name : {"author-box", "about_author", "AuthorBio e1x", "post-author-card__text"}) {
    std::string html = std::string("<html><body><article class=\"post\"><div class=\"entry-content\">") +
                       Prose("Pier") + Prose("More") + "<div class=\"" + name +
                       "\"><p>Ana Pereira writes about the coast, its towns and its weather, and has lived by the "
                       "harbour for twenty years, since she first came to the town.</p></div></div></article>"
                       "</body></html>";
    HtmlArticle a = ExtractArticle(html);
    const std::string& body = a.body.text();
    EXPECT_TRUE(Contains(body, "More three")) << name << ": " << body;
    EXPECT_FALSE(Contains(body, "Ana Pereira writes")) << name << ": " << body;
  }
}

TEST(ExtractArticleOpenWeb, DisclaimersAreNotTheArticle) {
  // Advice and review sites append a legal disclaimer or an affiliate
  // disclosure to every article.
  for (const char* name : {"post-disclaimer", "affiliate-disclosure"}) {
    std::string html = std::string("<html><body><article class=\"post\"><div class=\"entry-content\">") +
                       Prose("Pier") + Prose("More") + "<div class=\"" + name +
                       "\"><p>This article is for general information only, is not financial advice, and the "
                       "publisher may be paid when readers buy through the links on this page.</p></div></div>"
                       "</article></body></html>";
    HtmlArticle a = ExtractArticle(html);
    const std::string& body = a.body.text();
    EXPECT_TRUE(Contains(body, "More three")) << name << ": " << body;
    EXPECT_FALSE(Contains(body, "general information only")) << name << ": " << body;
  }
}

TEST(ExtractArticleOpenWeb, ContentReactStreamsInAtTheEndIsShown) {
  // React sends what was slow to render after the rest of the page, in
  // hidden divs "S:0", "S:1", ... that a script moves into place; other
  // hidden blocks stay hidden.
  std::string html = "<html><body><main><h1>Pier</h1><template id=\"B:0\"></template><p>Loading...</p></main>"
                     "<div hidden id=\"draft\"><p>Draft copy, never shown: the harbour board met again, and "
                     "again, and again, in a draft no reader sees, with notes nobody reads.</p></div>"
                     "<div hidden id=\"S:0\"><div class=\"prose\">" + Prose("Pier") + "</div></div>"
                     "<script>$RC(\"B:0\",\"S:0\")</script></body></html>";
  HtmlArticle a = ExtractArticle(html);
  const std::string& body = a.body.text();
  EXPECT_TRUE(Contains(body, "Pier one")) << body;
  EXPECT_TRUE(Contains(body, "Pier three")) << body;
  EXPECT_FALSE(Contains(body, "Draft copy")) << body;
}

TEST(ExtractArticleOpenWeb, FoldedAnswersAreKeptOtherHiddenBlocksAreNot) {
  // An accordion hides each answer until its question is clicked; the
  // reader opens them. Other hidden blocks stay out.
  std::string html = "<html><body><article><div class=\"entry\">" + Prose("Pier") +
                     "<h2>Questions</h2><div class=\"faq\"><h3>When does work start?</h3>"
                     "<div role=\"region\" style=\"display:none\"><p>Answer one: in March, the board said, "
                     "once the boats are out of the water and the divers have checked the old stones.</p></div>"
                     "<h3>Who pays?</h3><div class=\"faq-collapse\" hidden><p>Answer two: the town and the "
                     "harbour board, half each, with a grant from the county for the new light.</p></div></div>"
                     "<div style=\"display:none\"><p>Hidden teaser: the council met again on Wednesday, and the "
                     "mayor said the plans would go ahead, as the town had hoped.</p></div></div></article>"
                     "</body></html>";
  HtmlArticle a = ExtractArticle(html);
  const std::string& body = a.body.text();
  EXPECT_TRUE(Contains(body, "Pier three")) << body;
  EXPECT_TRUE(Contains(body, "Answer one")) << body;
  EXPECT_TRUE(Contains(body, "Answer two")) << body;
  EXPECT_FALSE(Contains(body, "Hidden teaser")) << body;
}

TEST(ExtractArticleOpenWeb, TitleIsTheHeadlineThePageShows) {
  // The shared title is reworded for search and carries the site's name;
  // the logo is an <h1> too.
  HtmlArticle a = ExtractArticle(
      "<html><head><meta property=\"og:title\" content=\"Harbour pier to be rebuilt by March | Coast Times\">"
      "<meta property=\"og:site_name\" content=\"Coast Times\"></head><body><h1 class=\"logo\">Coast Times</h1>"
      "<article><h1>Harbour pier to be rebuilt before winter</h1>" + Prose("Pier") + "</article></body></html>");
  EXPECT_EQ(a.title, "Harbour pier to be rebuilt before winter");
  // Without a headline on the page, the stated title loses the site's name.
  HtmlArticle b = ExtractArticle("<html><head><title>Harbour pier to be rebuilt - Coast Times</title></head><body>" +
                                 Prose("Pier") + "</body></html>");
  EXPECT_EQ(b.title, "Harbour pier to be rebuilt");
}

}  // namespace
}  // namespace storyloom
