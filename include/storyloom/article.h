// Documents without a store: an article as a dataset or a caller holds it
// (a headline, a text, maybe a day), or the files at a path, through the
// per-document pipeline: what ingest would make of them. Evaluations,
// benchmarks and `annotate` build their documents this way, so they see
// what ingest stores.
//
//   Segmenter segmenter;  // one a thread (storyloom/text.h)
//   std::vector<Document> docs = ProcessArticle({"a/1", "Port reopens", text, "2024-04-23"},
//                                               resources, segmenter);
#ifndef STORYLOOM_ARTICLE_H_
#define STORYLOOM_ARTICLE_H_

#include <optional>
#include <string>
#include <vector>

#include "storyloom/document.h"
#include "storyloom/ingest.h"
#include "storyloom/resources.h"
#include "storyloom/text.h"

namespace storyloom {

struct Article {
  std::string path;                      // what its documents' `path` says
  std::string title;                     // may be empty
  std::string text;                      // the body, no title repeated
  std::optional<std::string> published;  // ISO day when known
};

// The article's documents, headline above the text as on its page: several
// when the cleaner splits it, none when nothing is left. Documents without
// a date of their own take the article's. `segmenter` must be this thread's.
std::vector<Document> ProcessArticle(const Article& article, const Resources& resources, Segmenter& segmenter,
                                     bool with_tokens = true);

// The same, the article given field by field.
std::vector<Document> ProcessArticle(const std::string& path, const std::string& title, const std::string& text,
                                     const std::optional<std::string>& published, const Resources& resources,
                                     Segmenter& segmenter, bool with_tokens = true);

// The documents of a file, or of every file under a folder, read and put
// through the per-document pipeline as ingest would (`format` kAuto: by
// name and content), without storing them. Problems (an unreadable file, a
// malformed line) are appended to *issues; what could be read is returned.
std::vector<Document> ReadDocuments(const std::string& path, Format format, const Resources& resources,
                                    std::vector<InputIssue>* issues);

}  // namespace storyloom

#endif  // STORYLOOM_ARTICLE_H_
