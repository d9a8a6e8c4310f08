// The page with the bodies of <script> and <style> elements taken out before
// parsing. On news pages those bodies are half the bytes, and the parser
// spends its time per byte; none of it is ever article text. JSON-LD
// scripts stay: they carry the article's metadata. A segment table maps
// every offset of the slim copy back to the page.
//
// The copy also bounds nesting: start tags that would open elements deeper
// than kMaxNesting are left out (their text stays, in the parent). The HTML5
// tree builder scans its stack of open elements for many tags, so a page of
// 40,000 unclosed <div>s costs it minutes; no real page nests that deep.
#ifndef STORYLOOM_HTML_SLIM_HTML_H_
#define STORYLOOM_HTML_SLIM_HTML_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace storyloom::html {

class SlimHtml {
 public:
  static constexpr int kMaxNesting = 1000;

  explicit SlimHtml(std::string_view html);

  // The copy to parse.
  const std::string& text() const { return text_; }
  // Offset in the page of offset `pos` of the copy.
  uint32_t ToPage(uint32_t pos) const;

 private:
  struct Segment {
    uint32_t slim_start;
    uint32_t page_start;
  };
  void Keep(std::string_view html, size_t from, size_t to);
  std::string text_;
  std::vector<Segment> segments_;  // sorted by slim_start
};

}  // namespace storyloom::html

#endif  // STORYLOOM_HTML_SLIM_HTML_H_
