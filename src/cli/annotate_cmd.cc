#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "annotate/annotator.h"
#include "cli/commands.h"
#include "ingest/decode.h"
#include "ingest/reader.h"
#include "storyloom/pipeline.h"
#include "storyloom/store.h"
#include "text/segment.h"

namespace storyloom::cli {

namespace {

struct AnnotateArgs {
  std::vector<std::string> targets;
  std::string store = "storyloom.db";
  std::string format = "auto";
  std::vector<std::string> lexicons;
  bool json = false;
  bool all = false;
};

bool IsId(const std::string& s) {
  return !s.empty() && s.size() < 19 && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// Documents of a path, through the same stages as ingest, without storing.
std::vector<Document> DocumentsOf(const std::string& path, Format format, const Resources& resources) {
  std::vector<Document> docs;
  std::vector<InputIssue> issues;
  Segmenter segmenter;
  for (const std::string& file : ExpandInputPaths({path}, &issues)) {
    std::string warning;
    auto bytes = ReadFileBytes(file, &warning);
    if (!bytes) {
      issues.push_back({file, 0, bytes.error().message(), true});
      continue;
    }
    ReadOptions options;
    options.format = format;
    ReadResult read = ReadInput(file, *bytes, options);
    issues.insert(issues.end(), read.issues.begin(), read.issues.end());
    for (const InputUnit& u : read.units) {
      for (Document& d : ProcessUnit(u, resources, segmenter, {})) docs.push_back(std::move(d));
    }
  }
  for (const InputIssue& i : issues) {
    std::cerr << "storyloom: " << i.path << (i.line ? ":" + std::to_string(i.line) : "") << ": " << i.message << "\n";
  }
  return docs;
}

void Print(const Document& d, const DocumentAnnotation& a, bool json, const std::string& doc_name) {
  const std::string& text = d.body.text();
  if (json) {
    for (const SentenceAnnotation& s : a.sentences) {
      nlohmann::json j;
      j["doc"] = doc_name;
      j["sentence"] = s.sentence;
      j["text"] = text.substr(s.span.start, s.span.size());
      j["dates"] = nlohmann::json::array();
      for (const TimeExpression& t : s.dates) {
        j["dates"].push_back({{"text", t.text}, {"value", t.value}, {"start", t.span.start}, {"end", t.span.end},
                              {"year_unknown", t.year_unknown}});
      }
      j["anchors"] = nlohmann::json::array();
      for (const Anchor& an : s.anchors) j["anchors"].push_back(an.key);
      std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    }
    return;
  }
  std::cout << "document " << doc_name << "  " << d.path << "  " << (d.lang.empty() ? "?" : d.lang) << "  date "
            << a.date.value.value_or("unknown") << (a.date.from.empty() ? "" : " (" + a.date.from + ")") << "\n";
  for (const SentenceAnnotation& s : a.sentences) {
    std::cout << "  [" << s.sentence << "] " << text.substr(s.span.start, s.span.size()) << "\n";
    for (const TimeExpression& t : s.dates) std::cout << "      date    " << t.text << "  ->  " << t.value << "\n";
    if (!s.anchors.empty()) {
      std::cout << "      anchors";
      for (const Anchor& an : s.anchors) std::cout << " " << an.key;
      std::cout << "\n";
    }
  }
}

int RunAnnotate(const AnnotateArgs& args, const GlobalOptions& global) {
  Format format;
  if (!ParseFormat(args.format, &format)) {
    std::cerr << "storyloom annotate: unknown format '" << args.format << "'\n";
    return 2;
  }
  auto resources = LoadResourcesOrReport(global);
  if (!resources) return 2;
  auto tagger = TemporalTagger::Load((std::filesystem::path(resources->paths().dir) / "temporal").string());
  if (!tagger) {
    std::cerr << "storyloom annotate: " << tagger.error().message() << "\n";
    return 2;
  }
  AnchorOptions anchor_options;
  anchor_options.resources_dir = resources->paths().dir;
  anchor_options.lexicon_paths =
      args.lexicons.empty() ? DefaultLexiconPaths(resources->paths().dir) : args.lexicons;
  auto anchors = AnchorResources::Load(anchor_options);
  Annotator annotator(**tagger, *anchors);
  std::unique_ptr<Store> store;
  int status = 0;
  std::vector<std::string> targets = args.targets;
  if (args.all) {
    auto opened = Store::Open(args.store);
    if (!opened) {
      std::cerr << "storyloom annotate: " << opened.error().message() << "\n";
      return 2;
    }
    store = std::move(*opened);
    auto docs = store->ListDocuments();
    if (!docs) {
      std::cerr << "storyloom annotate: " << docs.error().message() << "\n";
      return 1;
    }
    // Listed documents carry their sentences: annotate them as they are.
    for (const Document& d : *docs) Print(d, annotator.Annotate(d), args.json, std::to_string(d.id));
  }
  for (const std::string& target : targets) {
    if (IsId(target) && !std::filesystem::exists(target)) {
      if (!store) {
        auto opened = Store::Open(args.store);
        if (!opened) {
          std::cerr << "storyloom annotate: " << opened.error().message() << "\n";
          return 2;
        }
        store = std::move(*opened);
      }
      auto doc = store->GetDocument(std::stoll(target));
      if (!doc) {
        std::cerr << "storyloom annotate: " << doc.error().message() << "\n";
        status = 1;
        continue;
      }
      Print(*doc, annotator.Annotate(*doc), args.json, target);
      continue;
    }
    std::vector<Document> docs = DocumentsOf(target, format, *resources);
    if (docs.empty()) status = 1;
    for (size_t i = 0; i < docs.size(); ++i) {
      std::string name = docs[i].path + (docs.size() > 1 ? "#" + std::to_string(i) : "");
      Print(docs[i], annotator.Annotate(docs[i]), args.json, name);
    }
  }
  return status;
}

}  // namespace

void AddAnnotate(CLI::App& app, GlobalOptions& global) {
  auto args = std::make_shared<AnnotateArgs>();
  CLI::App* cmd = app.add_subcommand("annotate", "each sentence with its resolved dates, entities and anchors");
  cmd->add_option("targets", args->targets, "document ids in the store, or files and directories to read");
  cmd->add_flag("--all", args->all, "every document in the store");
  cmd->add_option("--store", args->store, "SQLite store file, for document ids")->capture_default_str();
  cmd->add_option("--format", args->format, "auto|text|lines|jsonl|html, for files")->capture_default_str();
  cmd->add_option("--lexicon", args->lexicons, "bilingual lexicon files or folders (default: FreeDict and the Wiktionary extracts)");
  cmd->add_flag("--json", args->json, "one JSON object a sentence");
  cmd->callback([args, &global] {
    if (args->targets.empty() && !args->all) {
      std::cerr << "storyloom annotate: name document ids, files or directories, or --all\n";
      global.exit_code = 2;
      return;
    }
    global.exit_code = RunAnnotate(*args, global);
  });
}

}  // namespace storyloom::cli
