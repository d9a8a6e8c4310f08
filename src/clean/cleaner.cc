#include "clean/cleaner.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <memory>
#include <regex>

#include "clean/cleaner_internal.h"
#include "base/utf8.h"

namespace storyloom {

namespace cleaner_internal {

RemovedSpan MakeRemoved(const MappedText& text, uint32_t a, uint32_t b, std::string reason) {
  return {text.ToOriginal({a, b}), std::move(reason), text.text().substr(a, b - a)};
}

MappedText Slice(const MappedText& text, uint32_t a, uint32_t b) {
  MappedTextBuilder builder;
  builder.Copy(text, a, b);
  return std::move(builder).Finish();
}

}  // namespace cleaner_internal

using namespace cleaner_internal;  // NOLINT: the cleaner's own helpers

namespace {

struct Line {
  uint32_t start = 0, end = 0;  // trimmed, in the input text
  bool removed = false;
  bool header = false;          // site, dateline or title: not body
};

std::vector<Line> SplitLines(const std::string& t) {
  std::vector<Line> lines;
  size_t pos = 0;
  while (pos <= t.size()) {
    size_t nl = t.find('\n', pos);
    if (nl == std::string::npos) nl = t.size();
    size_t a = pos, b = nl;
    while (a < b && IsTrimSpace(t[a])) ++a;
    while (b > a && IsTrimSpace(t[b - 1])) --b;
    // Non-breaking spaces at the edges too.
    while (b - a >= 2 && t.compare(a, 2, "\xC2\xA0") == 0) a += 2;
    while (b - a >= 2 && t.compare(b - 2, 2, "\xC2\xA0") == 0) b -= 2;
    lines.push_back({static_cast<uint32_t>(a), static_cast<uint32_t>(b)});
    if (nl == t.size()) break;
    pos = nl + 1;
  }
  return lines;
}

bool IsWeekdayish(std::string_view source) {
  static const char* kWords[] = {"thứ", "chủ nhật", "senin", "selasa", "rabu", "kamis", "jumat", "sabtu",
                                 "minggu", "monday", "tuesday", "wednesday", "thursday", "friday",
                                 "saturday", "sunday", "cập nhật", "updated", "published", "diperbarui"};
  std::string l = AsciiLower(source);
  return std::any_of(std::begin(kWords), std::end(kWords), [&](const char* w) { return l.find(w) != std::string::npos; });
}

std::string DeduplicateName(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == ',' || s.back() == '-' || s.back() == '|')) s.pop_back();
  // "Công LuậnCông Luận": some sites render the publisher twice.
  if (s.size() % 2 == 0 && s.size() >= 4 && s.compare(0, s.size() / 2, s, s.size() / 2, s.size() / 2) == 0) {
    s.resize(s.size() / 2);
  }
  size_t sp = s.size() / 2;
  if (s.size() % 2 == 1 && s[sp] == ' ' && s.compare(0, sp, s, sp + 1, sp) == 0) s.resize(sp);
  return s;
}

std::string_view View(const std::string& t, const Line& l) {
  return std::string_view(t).substr(l.start, l.end - l.start);
}

// Header lines: "Site.tld - tagline" and "<source><dd/mm/yyyy>[ hh:mm]".
const std::regex& SiteLine() {
  static const std::regex re(R"(^([A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z]{2,})\s*(?:-|\xE2\x80\x93|\xE2\x80\x94|\|)\s*\S.*$)");
  return re;
}
const std::regex& DateLine() {
  static const std::regex re(
      R"(^(.{0,80}?)\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s*[-|,]?\s*\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*\(GMT[+-]\d+\))?\s*$)");
  return re;
}

// Index of the word where a lead starts inside a headline fused with it
// ("... tại Saudi Arabia Ngày 6/5, Mỹ và ..."): a capitalised word followed
// by a day/month, after a word with no punctuation. 0 when there is none.
size_t FusedLeadStart(const std::vector<std::pair<uint32_t, uint32_t>>& words, std::string_view t) {
  for (size_t k = 3; k + 1 < words.size() && k < 40; ++k) {
    std::string_view w = t.substr(words[k].first, words[k].second - words[k].first);
    std::string_view next = t.substr(words[k + 1].first, words[k + 1].second - words[k + 1].first);
    std::string_view prev = t.substr(words[k - 1].first, words[k - 1].second - words[k - 1].first);
    size_t i = 0;
    UChar32 c = NextCodePoint(w, &i);
    if (!u_isupper(c)) continue;
    if (next.empty() || !std::isdigit(static_cast<unsigned char>(next[0]))) continue;
    if (next.find('/') == std::string_view::npos && next.find('-') == std::string_view::npos) continue;
    UChar32 last = PrevCodePoint(prev, prev.size());
    if (u_ispunct(last)) continue;
    return k;
  }
  return 0;
}

std::vector<std::pair<uint32_t, uint32_t>> Words(std::string_view t, uint32_t a, uint32_t b) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  uint32_t i = a;
  while (i < b) {
    while (i < b && (t[i] == ' ' || t[i] == '\t')) ++i;
    uint32_t s = i;
    while (i < b && t[i] != ' ' && t[i] != '\t') ++i;
    if (i > s) out.push_back({s, i});
  }
  return out;
}

}  // namespace

std::optional<std::string> DayFirstDate(int a, int b, int year) {
  int day = a, month = b;
  if (month > 12 && day <= 12) std::swap(day, month);
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1800 || year > 2200) return std::nullopt;
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (day > kDays[month - 1]) return std::nullopt;
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", year, month, day);
  return std::string(buf);
}

std::vector<CleanArticle> CleanText(const MappedText& text, const ChromeTable& chrome,
                                    const CleanOptions& options) {
  const std::string& t = text.text();
  std::vector<Line> lines = SplitLines(t);
  CleanArticle head;  // header fields, shared by every article split from the text
  std::vector<RemovedSpan> removed;

  // Chrome lines, and tail blocks that run to the end of the page.
  bool seen_body = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    Line& l = lines[i];
    if (l.end == l.start) continue;
    std::string_view v = View(t, l);
    if (const ChromeRule* rule = chrome.MatchLine(v)) {
      if (rule->scope == ChromeScope::kTail && seen_body) {
        for (size_t j = i; j < lines.size(); ++j) {
          if (lines[j].end > lines[j].start && !lines[j].removed) {
            lines[j].removed = true;
            removed.push_back(MakeRemoved(text, lines[j].start, lines[j].end, rule->reason));
          }
        }
        break;
      }
      if (rule->scope == ChromeScope::kLine) {
        l.removed = true;
        removed.push_back(MakeRemoved(text, l.start, l.end, rule->reason));
        if (rule->reason == "byline" && head.byline.empty()) head.byline = std::string(v);
        continue;
      }
    }
    if (BodyLike(v)) seen_body = true;
  }

  // Header: site line and dateline among the first lines, before any body.
  if (options.read_header) {
    size_t seen = 0;
    for (Line& l : lines) {
      if (l.end == l.start || l.removed) continue;
      std::string_view v = View(t, l);
      if (BodyLike(v) || ++seen > 6) break;
      std::string s(v);
      std::smatch m;
      if (head.site.empty() && std::regex_match(s, m, SiteLine())) {
        head.site = m[1];
        l.removed = l.header = true;
        removed.push_back(MakeRemoved(text, l.start, l.end, "site-header"));
      } else if (!head.published && s.size() <= 120 && std::regex_match(s, m, DateLine())) {
        auto date = DayFirstDate(std::stoi(m[2]), std::stoi(m[3]), std::stoi(m[4]));
        if (!date) continue;
        head.published = date;
        std::string source = DeduplicateName(m[1]);
        if (!source.empty() && !IsWeekdayish(source)) head.source = source;
        l.removed = l.header = true;
        removed.push_back(MakeRemoved(text, l.start, l.end, "dateline"));
      }
    }
  }

  // What is left, in order.
  std::vector<size_t> kept;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].end > lines[i].start && !lines[i].removed) kept.push_back(i);
  }

  // Short link-like lines closing the page: navigation.
  {
    size_t run = 0;
    while (run < kept.size()) {
      std::string_view v = View(t, lines[kept[kept.size() - 1 - run]]);
      if (WordCount(v) > 10 || v.size() > 100 || EndsSentence(v)) break;
      ++run;
    }
    if (run >= 3 && run < kept.size()) {
      for (size_t k = kept.size() - run; k < kept.size(); ++k) {
        Line& l = lines[kept[k]];
        l.removed = true;
        removed.push_back(MakeRemoved(text, l.start, l.end, "navigation"));
      }
      kept.resize(kept.size() - run);
    }
  }

  std::vector<std::string_view> kept_views;
  for (size_t i : kept) kept_views.push_back(View(t, lines[i]));
  bool is_list = options.detect_list && LooksLikeLeadList(kept_views);

  // Split into articles at headline lines followed by a body.
  std::vector<size_t> starts = {0};
  if (options.split_glued && !is_list) {
    for (size_t k = 1; k < kept.size(); ++k) {
      std::string_view v = kept_views[k];
      if (!IsTitleLike(v) || WordCount(v) < 5) continue;
      size_t body_lines = 0, body_words = 0;
      for (size_t j = k + 1; j < kept.size() && !(IsTitleLike(kept_views[j]) && WordCount(kept_views[j]) >= 5); ++j) {
        ++body_lines;
        body_words += WordCount(kept_views[j]);
      }
      if (body_lines >= 2 && body_words >= 40) starts.push_back(k);
    }
  }
  starts.push_back(kept.size());

  std::vector<CleanArticle> articles;
  for (size_t s = 0; s + 1 < starts.size(); ++s) {
    size_t from = starts[s], to = starts[s + 1];
    if (from >= to) continue;
    CleanArticle a;
    a.site = head.site;
    a.source = head.source;
    a.published = head.published;
    a.byline = head.byline;
    a.is_list = is_list;
    if (!is_list && options.read_header && IsTitleLike(kept_views[from]) && to - from > 1) {
      const Line& l = lines[kept[from]];
      a.title = Slice(text, l.start, l.end);
      ++from;
    }
    // A teaser of another article closing the text becomes its own fragment.
    std::optional<size_t> teaser;
    if (options.split_glued && !is_list && s + 2 == starts.size() && to - from >= 2) {
      std::string_view v = kept_views[to - 1];
      auto words = Words(t, lines[kept[to - 1]].start, lines[kept[to - 1]].end);
      if (EndsWithEllipsis(v) && words.size() >= 12 && FusedLeadStart(words, t) > 0) teaser = to - 1;
    }
    size_t body_to = teaser ? *teaser : to;
    for (size_t k = from; k < body_to; ++k) {
      const Line& l = lines[kept[k]];
      a.paragraphs.push_back(CleanParagraph(Slice(text, l.start, l.end), chrome, k + 1 == body_to, &a.removed,
                                            a.byline.empty() ? &a.byline : nullptr));
    }
    // One long line holding a whole article (corpus style): a headline fused
    // with the body shows itself by being repeated later (as a caption).
    if (a.title.empty() && options.read_header && !is_list && a.paragraphs.size() == 1) {
      const MappedText& p = a.paragraphs[0];
      auto words = Words(p.text(), 0, static_cast<uint32_t>(p.size()));
      size_t best = 0;
      size_t best_at = std::string::npos;
      for (size_t k = std::min<size_t>(25, words.size() / 3); k >= 5; --k) {
        std::string_view prefix(p.text().data(), words[k - 1].second);
        size_t at = p.text().find(prefix, words[k].first);
        // A headline repeats alone: if the next word repeats too, this is
        // repeated text, not a headline.
        bool longer = at != std::string::npos &&
                      p.text().compare(at + prefix.size(), words[k].second - words[k - 1].second,
                                       p.text(), words[k - 1].second, words[k].second - words[k - 1].second) == 0;
        if (longer) break;
        if (at != std::string::npos) {
          best = k;
          best_at = at;
          break;
        }
      }
      if (best > 0) {
        uint32_t title_end = words[best - 1].second, body_start = words[best].first;
        uint32_t rep_a = static_cast<uint32_t>(best_at), rep_b = rep_a + title_end;
        a.title = Slice(p, 0, title_end);
        a.removed.push_back(MakeRemoved(p, rep_a, rep_b, "repeated-title"));
        MappedTextBuilder b;
        b.Copy(p, body_start, rep_a);
        b.Copy(p, rep_b, static_cast<uint32_t>(p.size()));
        a.paragraphs[0] = std::move(b).Finish();
      }
    }
    if (options.datelines) StripDatelines(&a, *options.datelines, options.read_header);
    articles.push_back(std::move(a));
    if (teaser) {
      CleanArticle f;
      f.site = head.site;
      f.fragment = true;
      const Line& l = lines[kept[*teaser]];
      auto words = Words(t, l.start, l.end);
      size_t k = FusedLeadStart(words, t);
      f.title = Slice(text, l.start, words[k - 1].second);
      f.paragraphs.push_back(Slice(text, words[k].first, l.end));
      articles.push_back(std::move(f));
    }
  }
  // Page-level removals go to the article they stood in (or before).
  std::vector<uint32_t> article_starts;
  for (const CleanArticle& a : articles) {
    const MappedText& first = !a.title.empty() ? a.title : a.paragraphs.empty() ? a.title : a.paragraphs.front();
    article_starts.push_back(first.empty() ? 0 : first.OriginalStart(0));
  }
  for (RemovedSpan& r : removed) {
    if (articles.empty()) break;
    size_t k = 0;
    while (k + 1 < articles.size() && article_starts[k + 1] <= r.span.start) ++k;
    articles[k].removed.push_back(std::move(r));
  }
  for (CleanArticle& a : articles) {
    std::stable_sort(a.removed.begin(), a.removed.end(),
                     [](const RemovedSpan& x, const RemovedSpan& y) { return x.span.start < y.span.start; });
  }
  return articles;
}

}  // namespace storyloom
