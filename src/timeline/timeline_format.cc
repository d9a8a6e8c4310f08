#include "timeline/timeline_format.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "stories/features.h"

namespace storyloom {

namespace {

nlohmann::json SentenceJson(const TimelineSentence& s) {
  nlohmann::json j = {{"text", s.text},           {"doc", s.doc},
                      {"lang", s.lang},           {"start", s.span.start},
                      {"end", s.span.end},        {"body_start", s.body_span.start},
                      {"body_end", s.body_span.end}};
  if (!s.date_text.empty()) j["date_text"] = s.date_text;
  return j;
}

std::string Join(const std::vector<int64_t>& ids) {
  std::string out;
  for (int64_t id : ids) {
    if (!out.empty()) out += ", ";
    out += std::to_string(id);
  }
  return out;
}

std::string JoinLangs(const std::vector<std::string>& langs) {
  std::string out;
  for (const std::string& l : langs) {
    if (!out.empty()) out += ",";
    out += l;
  }
  return out;
}

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// Markdown: characters that would format are escaped with a backslash.
std::string MarkdownEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (std::string_view("\\`*_{}[]<>()#+-.!|~").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// Day number of an entry's date (a month at its first day).
int32_t DayOf(const std::string& date) {
  auto d = DayNumber(date.size() == 7 ? date + "-01" : date);
  return d.value_or(0);
}

std::string Fixed(double v, int digits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

}  // namespace

nlohmann::json TimelineJson(const Timeline& timeline) {
  nlohmann::json entries = nlohmann::json::array();
  for (const TimelineEntry& e : timeline.entries) {
    nlohmann::json sentences = nlohmann::json::array();
    for (const TimelineSentence& s : e.sentences) sentences.push_back(SentenceJson(s));
    entries.push_back({{"date", e.date},
                       {"salience", e.salience},
                       {"sentences", std::move(sentences)},
                       {"sources", e.sources},
                       {"langs", e.langs}});
  }
  nlohmann::json summary = nlohmann::json::array();
  for (const TimelineSentence& s : timeline.summary) summary.push_back(SentenceJson(s));
  return {{"story", timeline.story},
          {"entries", std::move(entries)},
          {"summary", std::move(summary)},
          {"documents", timeline.documents},
          {"candidates", timeline.candidates}};
}

std::string TimelineText(const Timeline& timeline) {
  std::ostringstream out;
  out << "story " << timeline.story << ": " << timeline.entries.size() << " dates from " << timeline.documents
      << " documents\n";
  if (!timeline.summary.empty()) {
    out << "\nsummary\n";
    for (const TimelineSentence& s : timeline.summary) out << "  " << s.text << "  [" << s.doc << " " << s.lang << "]\n";
  }
  out << "\n";
  for (const TimelineEntry& e : timeline.entries) {
    out << e.date << (e.date.size() == 7 ? "   " : "") << "  ";
    for (size_t i = 0; i < e.sentences.size(); ++i) {
      const TimelineSentence& s = e.sentences[i];
      if (i > 0) out << "            ";
      out << s.text << "  [" << s.doc << " " << s.lang << " " << s.span.start << "-" << s.span.end << "]\n";
    }
    if (e.sentences.empty()) out << "\n";
    out << "            sources: " << Join(e.sources) << " (" << JoinLangs(e.langs) << ")\n";
  }
  return out.str();
}

std::string TimelineMarkdown(const Timeline& timeline) {
  std::ostringstream out;
  out << "# Story " << timeline.story << "\n\n";
  if (!timeline.summary.empty()) {
    for (const TimelineSentence& s : timeline.summary) {
      out << MarkdownEscape(s.text) << " *(doc " << s.doc << ", " << s.lang << ")* ";
    }
    out << "\n\n";
  }
  for (const TimelineEntry& e : timeline.entries) {
    out << "## " << e.date << "\n\n";
    for (const TimelineSentence& s : e.sentences) {
      out << "- " << MarkdownEscape(s.text) << " *(doc " << s.doc << ", " << s.lang << ", bytes " << s.span.start
          << "–" << s.span.end << ")*\n";
    }
    out << "\nSources: " << Join(e.sources) << " (" << JoinLangs(e.langs) << ")\n\n";
  }
  return out.str();
}

std::string TimelineHtml(const Timeline& timeline, const std::string& title) {
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>" << HtmlEscape(title) << "</title>\n<style>\n"
      << "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}\n"
      << "h1{font-size:1.4rem} .summary{color:#444;border-left:3px solid #36c;padding-left:.8rem}\n"
      << "svg{width:100%;height:auto} .dot{fill:#36c} .axis{stroke:#999} .label{font-size:10px;fill:#555}\n"
      << "ol{list-style:none;padding:0} li{margin:1rem 0;padding-top:.5rem;border-top:1px solid #eee}\n"
      << ".date{font-weight:600;color:#36c} .cite{color:#777;font-size:.85rem} .lang{display:inline-block;"
      << "border:1px solid #ccc;border-radius:3px;padding:0 .3rem;font-size:.75rem;margin-right:.3rem}\n"
      << "</style></head><body>\n<h1>" << HtmlEscape(title) << "</h1>\n";
  if (!timeline.summary.empty()) {
    out << "<div class=\"summary\">";
    for (const TimelineSentence& s : timeline.summary) {
      out << "<p lang=\"" << HtmlEscape(s.lang) << "\">" << HtmlEscape(s.text) << " <span class=\"cite\">(doc "
          << s.doc << ")</span></p>";
    }
    out << "</div>\n";
  }
  // The chart: one dot an entry on a time axis, its size by salience.
  if (!timeline.entries.empty()) {
    int32_t first = DayOf(timeline.entries.front().date), last = DayOf(timeline.entries.back().date);
    double span = std::max(1, last - first);
    double top = 0;
    for (const TimelineEntry& e : timeline.entries) top = std::max(top, e.salience);
    const int width = 900, height = 120, margin = 40;
    out << "<svg viewBox=\"0 0 " << width << " " << height << "\" role=\"img\" aria-label=\"timeline chart\">\n"
        << "<line class=\"axis\" x1=\"" << margin << "\" y1=\"70\" x2=\"" << width - margin << "\" y2=\"70\"/>\n";
    for (size_t i = 0; i < timeline.entries.size(); ++i) {
      const TimelineEntry& e = timeline.entries[i];
      double x = margin + (DayOf(e.date) - first) / span * (width - 2 * margin);
      double r = 3 + 7 * (top > 0 ? e.salience / top : 0);
      out << "<a href=\"#e" << i << "\"><circle class=\"dot\" cx=\"" << Fixed(x, 1) << "\" cy=\"70\" r=\""
          << Fixed(r, 1) << "\"><title>" << HtmlEscape(e.date) << "</title></circle></a>\n";
    }
    out << "<text class=\"label\" x=\"" << margin << "\" y=\"100\">" << HtmlEscape(timeline.entries.front().date)
        << "</text><text class=\"label\" text-anchor=\"end\" x=\"" << width - margin << "\" y=\"100\">"
        << HtmlEscape(timeline.entries.back().date) << "</text>\n</svg>\n";
  }
  out << "<ol>\n";
  for (size_t i = 0; i < timeline.entries.size(); ++i) {
    const TimelineEntry& e = timeline.entries[i];
    out << "<li id=\"e" << i << "\"><div class=\"date\">" << HtmlEscape(e.date) << "</div>\n";
    for (const TimelineSentence& s : e.sentences) {
      out << "<p lang=\"" << HtmlEscape(s.lang) << "\"><span class=\"lang\">" << HtmlEscape(s.lang) << "</span>"
          << HtmlEscape(s.text) << " <span class=\"cite\">(doc " << s.doc << ", bytes " << s.span.start << "–"
          << s.span.end << ")</span></p>\n";
    }
    out << "<div class=\"cite\">sources: " << HtmlEscape(Join(e.sources)) << " (" << HtmlEscape(JoinLangs(e.langs))
        << ")</div></li>\n";
  }
  out << "</ol>\n</body></html>\n";
  return out.str();
}

}  // namespace storyloom
