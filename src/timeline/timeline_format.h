// A timeline written out: plain text, Markdown, JSON, or one self-contained
// HTML page with an SVG chart that reads offline. All text is escaped for the
// format it goes into.
#ifndef STORYLOOM_TIMELINE_TIMELINE_FORMAT_H_
#define STORYLOOM_TIMELINE_TIMELINE_FORMAT_H_

#include <nlohmann/json.hpp>
#include <string>

#include "storyloom/timeline.h"
#include "storyloom/views.h"
#include "timeline/timeline.h"

namespace storyloom {

// Declared in public headers: TimelineJson in storyloom/views.h;
// TimelineText, TimelineMarkdown and TimelineHtml in storyloom/timeline.h.

}  // namespace storyloom

#endif  // STORYLOOM_TIMELINE_TIMELINE_FORMAT_H_
