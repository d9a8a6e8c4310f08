#include <filesystem>
#include <iostream>
#include <set>
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
        nlohmann::json date = {{"text", t.text},   {"value", t.value},
                               {"start", t.span.start}, {"end", t.span.end},
                               {"year_unknown", t.year_unknown}};
        if (t.relative_year) date["relative_year"] = *t.relative_year;
        j["dates"].push_back(std::move(date));
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
    for (const TimeExpression& t : s.dates) {
      std::cout << "      date    " << t.text << "  ->  " << t.value;
      if (t.relative_year) std::cout << "  (year " << (*t.relative_year < 0 ? "" : "+") << *t.relative_year << " in this list)";
      std::cout << "\n";
    }
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

  // The documents first: their languages say which lexicons to load.
  std::vector<std::pair<std::string, Document>> docs;  // (name shown, document)
  int status = 0;
  std::unique_ptr<Store> store;
  auto open_store = [&]() -> bool {
    if (store) return true;
    auto opened = Store::Open(args.store);
    if (!opened) {
      std::cerr << "storyloom annotate: " << opened.error().message() << "\n";
      return false;
    }
    store = std::move(*opened);
    return true;
  };
  if (args.all) {
    if (!open_store()) return 2;
    auto listed = store->ListDocuments();
    if (!listed) {
      std::cerr << "storyloom annotate: " << listed.error().message() << "\n";
      return 1;
    }
    for (Document& d : *listed) docs.emplace_back(std::to_string(d.id), std::move(d));
  }
  for (const std::string& target : args.targets) {
    if (IsId(target) && !std::filesystem::exists(target)) {
      if (!open_store()) return 2;
      auto doc = store->GetDocument(std::stoll(target));
      if (!doc) {
        std::cerr << "storyloom annotate: " << doc.error().message() << "\n";
        status = 1;
        continue;
      }
      docs.emplace_back(target, std::move(*doc));
      continue;
    }
    std::vector<Document> read = DocumentsOf(target, format, *resources);
    if (read.empty()) status = 1;
    for (size_t i = 0; i < read.size(); ++i) {
      std::string name = read[i].path + (read.size() > 1 ? "#" + std::to_string(i) : "");
      docs.emplace_back(std::move(name), std::move(read[i]));
    }
  }

  AnchorOptions anchor_options;
  anchor_options.resources_dir = resources->paths().dir;
  anchor_options.lexicon_paths = args.lexicons.empty() ? DefaultLexiconPaths(resources->paths().dir) : args.lexicons;
  std::set<std::string> langs;
  for (const auto& [name, d] : docs) {
    langs.insert(d.lang);
    for (const Paragraph& p : d.paragraphs) langs.insert(p.lang);
  }
  langs.erase("");
  anchor_options.languages.assign(langs.begin(), langs.end());
  if (anchor_options.languages.empty()) anchor_options.languages.push_back("en");
  auto anchors = AnchorResources::Load(anchor_options);
  Annotator annotator(**tagger, *anchors);
  for (const auto& [name, d] : docs) Print(d, annotator.Annotate(d), args.json, name);
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
