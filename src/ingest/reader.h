// Readers: one input file (or standard input) to the units the pipeline
// processes. A unit is one piece of text that becomes one or more documents:
// a whole text file, a line, a JSONL item, the article of a web page.
#ifndef STORYLOOM_INGEST_READER_H_
#define STORYLOOM_INGEST_READER_H_

#include <optional>
#include <string>
#include <vector>

#include "storyloom/document.h"
#include "storyloom/ingest.h"    // InputIssue
#include "storyloom/pipeline.h"  // InputUnit
#include "storyloom/mapped_text.h"

namespace storyloom {

// InputUnit: one piece of text and its metadata, in storyloom/pipeline.h.

// InputIssue: public, in storyloom/ingest.h.

struct ReadOptions {
  Format format = Format::kAuto;
  bool keep_bad = false;           // keep malformed JSONL lines as text
  size_t max_unit_bytes = 8 << 20; // longer texts are cut into parts
};

struct ReadResult {
  Format format = Format::kText;   // what the input was read as
  std::string encoding;
  uint32_t invalid_bytes = 0;
  std::vector<InputUnit> units;
  std::vector<InputIssue> issues;
  bool unreadable = false;         // nothing could be read from it
};

// Expands files and directories (recursively, sorted; hidden entries
// skipped) and "-" for standard input. Missing paths become issues.
std::vector<std::string> ExpandInputPaths(const std::vector<std::string>& args,
                                          std::vector<InputIssue>* issues);

// Decodes and splits one input's bytes (already un-gzipped) into units.
ReadResult ReadInput(const std::string& path, const std::string& bytes, const ReadOptions& options);

// The article of one decoded web page as a unit; offsets lead to the bytes
// `decoded` maps to. False when the page holds no article text.
bool HtmlPageUnit(const std::string& path, const MappedText& decoded, InputUnit* unit);

// The host of an http(s) address, lower-cased, without "www."; "" for
// none. A page's publisher when it names no site.
std::string HostOf(const std::string& url);

// `url` without the parameters that track a click rather than name the
// page (utm_*, fbclid, gclid and the like): the same article reached from a
// feed, a newsletter and a search is one address.
std::string WithoutTrackingParameters(const std::string& url);

// Decides the format of an input from its name and first bytes.
Format SniffFormat(const std::string& path, std::string_view head);

// "2025-03-14T11:20:00Z", "2025-03-14", "14/03/2025" -> "2025-03-14".
std::optional<std::string> NormalizePublished(std::string_view value);

}  // namespace storyloom

#endif  // STORYLOOM_INGEST_READER_H_
