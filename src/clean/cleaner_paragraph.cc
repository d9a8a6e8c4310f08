// One paragraph's inline chrome (advert placeholders and the like) and, in
// the last paragraph, a trailing byline: cut, and kept as removed spans.
#include "clean/cleaner.h"

#include <unicode/regex.h>
#include <unicode/utext.h>

#include <algorithm>
#include <memory>

#include "clean/cleaner_internal.h"

namespace storyloom {

using namespace cleaner_internal;  // NOLINT: the cleaner's own helpers

MappedText CleanParagraph(const MappedText& paragraph, const ChromeTable& chrome, bool last,
                          std::vector<RemovedSpan>* removed, std::string* byline) {
  const std::string& t = paragraph.text();
  std::vector<std::pair<uint32_t, std::pair<uint32_t, std::string>>> cuts;  // start -> (end, reason)
  if (!chrome.inline_rules().empty()) {
    UErrorCode st = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(nullptr, t.data(), static_cast<int64_t>(t.size()), &st);
    for (const ChromeRule& rule : chrome.inline_rules()) {
      if (rule.first_byte && t.find(rule.first_byte) == std::string::npos) continue;
      st = U_ZERO_ERROR;
      std::unique_ptr<icu::RegexMatcher> m(rule.regex->matcher(st));
      if (U_FAILURE(st)) continue;
      m->reset(ut);
      while (m->find(st) && U_SUCCESS(st)) {
        auto a = static_cast<uint32_t>(m->start64(st));
        auto b = static_cast<uint32_t>(m->end64(st));
        if (b > a) cuts.push_back({a, {b, rule.reason}});
      }
    }
    utext_close(ut);
  }
  uint32_t body_end = static_cast<uint32_t>(t.size());
  if (last) {
    size_t start = 0;
    if (const ChromeRule* rule = chrome.MatchTrailing(t, &start)) {
      cuts.push_back({static_cast<uint32_t>(start), {body_end, rule->reason}});
      if (byline) {
        std::string b = t.substr(start);
        size_t f = b.find_first_not_of(" ");
        *byline = f == std::string::npos ? "" : b.substr(f);
      }
    }
  }
  if (cuts.empty()) return paragraph;
  std::sort(cuts.begin(), cuts.end());
  MappedTextBuilder b;
  uint32_t pos = 0;
  for (auto& [a, rest] : cuts) {
    auto& [e, reason] = rest;
    if (a < pos) continue;
    b.Copy(paragraph, pos, a);
    removed->push_back(MakeRemoved(paragraph, a, e, reason));
    pos = e;
  }
  b.Copy(paragraph, pos, static_cast<uint32_t>(t.size()));
  b.TrimTrailingSpace();
  return std::move(b).Finish();
}

}  // namespace storyloom
