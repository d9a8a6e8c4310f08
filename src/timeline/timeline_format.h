// A timeline written out: plain text, Markdown, JSON, or one self-contained
// HTML page with an SVG chart that reads offline. All text is escaped for the
// format it goes into.
#ifndef STORYLOOM_TIMELINE_TIMELINE_FORMAT_H_
#define STORYLOOM_TIMELINE_TIMELINE_FORMAT_H_

#include <nlohmann/json.hpp>
#include <string>

#include "timeline/timeline.h"

namespace storyloom {

// {"story", "entries": [{"date", "salience", "sentences": [{"text", "doc",
// "lang", "start", "end", "body_start", "body_end", "date_text"}],
// "sources", "langs"}], "summary": [sentences], "documents", "candidates"}
nlohmann::json TimelineJson(const Timeline& timeline);
std::string TimelineText(const Timeline& timeline);
std::string TimelineMarkdown(const Timeline& timeline);
std::string TimelineHtml(const Timeline& timeline, const std::string& title);

}  // namespace storyloom

#endif  // STORYLOOM_TIMELINE_TIMELINE_FORMAT_H_
