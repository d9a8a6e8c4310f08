// ProcessArticle (storyloom/article.h): an article as one plain-text input
// unit through ProcessUnit.
#include "ingest/decode.h"
#include "ingest/reader.h"
#include "storyloom/article.h"
#include "storyloom/pipeline.h"

namespace storyloom {

std::vector<Document> ProcessArticle(const std::string& path, const std::string& title, const std::string& text,
                                     const std::optional<std::string>& published, const Resources& resources,
                                     Segmenter& segmenter, bool with_tokens) {
  InputUnit unit;
  unit.path = path;
  unit.format = Format::kText;
  // The headline heads the text, as on the page the article came from.
  std::string all = title.empty() ? text : title + "\n\n" + text;
  unit.raw_span = {0, static_cast<uint32_t>(all.size())};
  unit.text = MappedText::Identity(std::move(all));
  unit.title = title;
  unit.published = published;
  PipelineOptions options;
  options.with_tokens = with_tokens;
  std::vector<Document> docs = ProcessUnit(unit, resources, segmenter, options);
  for (Document& d : docs) {
    if (!d.published) d.published = published;
  }
  return docs;
}

std::vector<Document> ProcessArticle(const Article& article, const Resources& resources, Segmenter& segmenter,
                                     bool with_tokens) {
  return ProcessArticle(article.path, article.title, article.text, article.published, resources, segmenter,
                        with_tokens);
}

std::vector<Document> ReadDocuments(const std::string& path, Format format, const Resources& resources,
                                    std::vector<InputIssue>* issues) {
  std::vector<Document> docs;
  Segmenter segmenter;
  for (const std::string& file : ExpandInputPaths({path}, issues)) {
    std::string warning;
    auto bytes = ReadFileBytes(file, &warning);
    if (!bytes) {
      issues->push_back({file, 0, bytes.error().message(), true});
      continue;
    }
    ReadOptions options;
    options.format = format;
    ReadResult read = ReadInput(file, *bytes, options);
    issues->insert(issues->end(), read.issues.begin(), read.issues.end());
    for (const InputUnit& u : read.units) {
      for (Document& d : ProcessUnit(u, resources, segmenter, {})) docs.push_back(std::move(d));
    }
  }
  return docs;
}

}  // namespace storyloom
