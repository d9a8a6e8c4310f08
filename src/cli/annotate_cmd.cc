#include <cstdio>
#include <filesystem>
#include <iostream>
#include <set>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "storyloom/anchors.h"
#include "storyloom/annotate.h"
#include "storyloom/article.h"
#include "storyloom/dates.h"
#include "storyloom/store.h"

namespace storyloom::cli {

namespace {

struct AnnotateArgs {
  std::vector<std::string> targets;
  std::string store = "storyloom.db";
  std::string format = "auto";
  std::vector<std::string> lexicons;
  std::vector<std::string> compare;  // two targets, for --compare
  bool json = false;
  bool all = false;
};

bool IsId(const std::string& s) {
  return !s.empty() && s.size() < 19 && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// Documents of a path, through the same stages as ingest, without storing.
std::vector<Document> DocumentsOf(const std::string& path, Format format, const Resources& resources) {
  std::vector<InputIssue> issues;
  std::vector<Document> docs = ReadDocuments(path, format, resources, &issues);
  for (const InputIssue& i : issues) {
    std::cerr << "storyloom: " << i.path << (i.line ? ":" + std::to_string(i.line) : "") << ": " << i.message << "\n";
  }
  return docs;
}

// Appends s as a JSON string, exactly as nlohmann's dump(-1, ' ', false,
// replace) writes it (the output format predates this writer): UTF-8 kept as
// is, `"` `\` and control characters escaped, \u00xx in lower case. Text
// that is not valid UTF-8 (rare: bodies are decoded on ingest) goes through
// nlohmann itself for its replacement rules.
void AppendJsonString(std::string* out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  const size_t mark = out->size();
  out->push_back('"');
  size_t run = 0;  // start of the bytes not yet copied
  auto cont = [&s](size_t i, unsigned char lo, unsigned char hi) {
    if (i >= s.size()) return false;
    unsigned char c = static_cast<unsigned char>(s[i]);
    return c >= lo && c <= hi;
  };
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      // Well-formed UTF-8 (Unicode Table 3-7): no overlongs, surrogates or
      // code points above U+10FFFF, as nlohmann's decoder requires.
      size_t n = 0;
      if (c >= 0xC2 && c <= 0xDF)
        n = cont(i + 1, 0x80, 0xBF) ? 2 : 0;
      else if (c == 0xE0)
        n = cont(i + 1, 0xA0, 0xBF) && cont(i + 2, 0x80, 0xBF) ? 3 : 0;
      else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
        n = cont(i + 1, 0x80, 0xBF) && cont(i + 2, 0x80, 0xBF) ? 3 : 0;
      else if (c == 0xED)
        n = cont(i + 1, 0x80, 0x9F) && cont(i + 2, 0x80, 0xBF) ? 3 : 0;
      else if (c == 0xF0)
        n = cont(i + 1, 0x90, 0xBF) && cont(i + 2, 0x80, 0xBF) && cont(i + 3, 0x80, 0xBF) ? 4 : 0;
      else if (c >= 0xF1 && c <= 0xF3)
        n = cont(i + 1, 0x80, 0xBF) && cont(i + 2, 0x80, 0xBF) && cont(i + 3, 0x80, 0xBF) ? 4 : 0;
      else if (c == 0xF4)
        n = cont(i + 1, 0x80, 0x8F) && cont(i + 2, 0x80, 0xBF) && cont(i + 3, 0x80, 0xBF) ? 4 : 0;
      if (n == 0) {
        out->resize(mark);
        *out += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return;
      }
      i += n;
      continue;
    }
    out->append(s.data() + run, i - run);
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\b': out->append("\\b"); break;
      case '\t': out->append("\\t"); break;
      case '\n': out->append("\\n"); break;
      case '\f': out->append("\\f"); break;
      case '\r': out->append("\\r"); break;
      default:
        out->append("\\u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 15]);
    }
    run = ++i;
  }
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
}

// One JSON object a sentence, keys in nlohmann's (sorted) order. Written by
// hand: building an nlohmann object a sentence took a tenth of annotation.
void AppendJsonSentences(std::string* out, const Document& d, const DocumentAnnotation& a,
                         const std::string& doc_name) {
  const std::string& text = d.body.text();
  for (const SentenceAnnotation& s : a.sentences) {
    out->append("{\"anchors\":[");
    for (size_t i = 0; i < s.anchors.size(); ++i) {
      if (i) out->push_back(',');
      AppendJsonString(out, s.anchors[i].key);
    }
    out->append("],\"dates\":[");
    for (size_t i = 0; i < s.dates.size(); ++i) {
      const TimeExpression& t = s.dates[i];
      if (i) out->push_back(',');
      out->append("{\"end\":").append(std::to_string(t.span.end));
      if (t.relative_year) out->append(",\"relative_year\":").append(std::to_string(*t.relative_year));
      out->append(",\"start\":").append(std::to_string(t.span.start));
      out->append(",\"text\":");
      AppendJsonString(out, t.text);
      out->append(",\"value\":");
      AppendJsonString(out, t.value);
      out->append(",\"year_unknown\":").append(t.year_unknown ? "true}" : "false}");
    }
    out->append("],\"doc\":");
    AppendJsonString(out, doc_name);
    out->append(",\"sentence\":").append(std::to_string(s.sentence));
    out->append(",\"text\":");
    AppendJsonString(out, std::string_view(text).substr(s.span.start, s.span.size()));
    out->append("}\n");
  }
}

void Print(const Document& d, const DocumentAnnotation& a, bool json, const std::string& doc_name) {
  const std::string& text = d.body.text();
  if (json) {
    std::string out;
    AppendJsonSentences(&out, d, a, doc_name);
    std::cout.write(out.data(), static_cast<std::streamsize>(out.size()));
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

// Finds the documents that targets name: ids in the store (opened on first
// need) or files read through the ingest stages (whose resources, the
// language model among them, load on first need: annotating stored
// documents does not pay for them).
class Targets {
 public:
  Targets(const AnnotateArgs& args, const GlobalOptions& global) : args_(args), global_(global) {}

  bool OpenStore() {
    if (store_) return true;
    auto opened = Store::Open(args_.store, Store::Mode::kExisting);
    if (!opened) {
      std::cerr << "storyloom annotate: " << opened.error().message() << "\n";
      return false;
    }
    store_ = std::move(*opened);
    return true;
  }
  Store& store() { return *store_; }

  // Appends the documents of target (an id or a path) to docs, named as
  // shown; returns 0, 1 when nothing could be read, 2 on a fatal error.
  int Add(const std::string& target, Format format, std::vector<std::pair<std::string, Document>>* docs) {
    if (IsId(target) && !std::filesystem::exists(target)) {
      if (!OpenStore()) return 2;
      auto doc = store_->GetDocument(std::stoll(target));
      if (!doc) {
        std::cerr << "storyloom annotate: " << doc.error().message() << "\n";
        return 1;
      }
      docs->emplace_back(target, std::move(*doc));
      return 0;
    }
    if (!resources_ && !(resources_ = LoadResourcesOrReport(global_))) return 2;
    std::vector<Document> read = DocumentsOf(target, format, *resources_);
    for (size_t i = 0; i < read.size(); ++i) {
      std::string name = read[i].path + (read.size() > 1 ? "#" + std::to_string(i) : "");
      docs->emplace_back(std::move(name), std::move(read[i]));
    }
    return read.empty() ? 1 : 0;
  }

 private:
  const AnnotateArgs& args_;
  const GlobalOptions& global_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Resources> resources_;
};

// The anchor tables for the languages of docs.
std::unique_ptr<AnchorFinder> LoadAnchors(const AnnotateArgs& args, const std::string& resources_dir,
                                             const std::vector<std::pair<std::string, Document>>& docs) {
  AnchorOptions anchor_options;
  anchor_options.resources_dir = resources_dir;
  std::set<std::string> langs;
  for (const auto& [name, d] : docs) {
    langs.insert(d.lang);
    for (const Paragraph& p : d.paragraphs) langs.insert(p.lang);
  }
  langs.erase("");
  anchor_options.languages.assign(langs.begin(), langs.end());
  if (anchor_options.languages.empty()) anchor_options.languages.push_back("en");
  anchor_options.lexicon_paths =
      args.lexicons.empty() ? DefaultLexiconPaths(resources_dir, anchor_options.languages) : args.lexicons;
  if (args.lexicons.empty()) anchor_options.english_lexicon_paths = DefaultEnglishLexiconPaths(resources_dir);
  return AnchorFinder::Load(anchor_options);
}

// The kind a key is listed under by --compare.
std::string KindOf(const std::string& key) {
  if (key.starts_with("acr:") || key.starts_with("ent:")) return "acr/ent";
  size_t colon = key.find(':');
  return colon == std::string::npos ? "other" : key.substr(0, colon);
}

// `annotate --compare A B`: the anchors two documents share, and how much.
int PrintComparison(const std::vector<std::pair<std::string, Document>>& docs, const DateTagger& tagger,
                    const AnchorFinder& finder, bool json) {
  AnchorSet sets[2];
  for (int k = 0; k < 2; ++k) {
    std::vector<Anchor> anchors;
    for (SentenceAnnotation& s : AnnotateDocument(docs[k].second, tagger, finder).sentences)
      for (Anchor& a : s.anchors) anchors.push_back(std::move(a));
    sets[k] = ToAnchorSet(anchors);
  }
  std::vector<std::string> shared = SharedKeys(sets[0], sets[1]);
  static const char* const kKinds[] = {"geo", "acr/ent", "num", "date", "lex", "other"};
  std::map<std::string, std::vector<std::string>> by_kind;
  for (const std::string& key : shared) by_kind[KindOf(key)].push_back(key);
  double jaccard = Jaccard(sets[0], sets[1]);
  double identity = Jaccard(WithoutPrefix(sets[0], "lex:"), WithoutPrefix(sets[1], "lex:"));
  double weighted = WeightedJaccard(sets[0], sets[1]);
  size_t all = sets[0].size() + sets[1].size() - shared.size();
  if (json) {
    nlohmann::json j;
    for (int k = 0; k < 2; ++k) {
      const Document& d = docs[k].second;
      j[k == 0 ? "a" : "b"] = {{"doc", docs[k].first}, {"path", d.path}, {"lang", d.lang}, {"keys", sets[k].size()}};
    }
    j["shared"] = nlohmann::json::object();
    for (const char* kind : kKinds)
      if (by_kind.contains(kind) || std::string(kind) != "other") j["shared"][kind] = by_kind[kind];
    j["shared_keys"] = shared.size();
    j["all_keys"] = all;
    j["jaccard"] = jaccard;
    j["jaccard_without_lex"] = identity;
    j["weighted_jaccard"] = weighted;
    std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return 0;
  }
  for (int k = 0; k < 2; ++k) {
    const Document& d = docs[k].second;
    std::cout << (k == 0 ? "A  " : "B  ") << docs[k].first;
    if (d.path != docs[k].first && !d.path.empty()) std::cout << "  " << d.path;
    std::cout << "  " << (d.lang.empty() ? "?" : d.lang) << "  " << sets[k].size() << " keys\n";
  }
  std::cout << "shared keys: " << shared.size() << "\n";
  for (const char* kind : kKinds) {
    auto it = by_kind.find(kind);
    if (it == by_kind.end() && std::string(kind) == "other") continue;
    std::string label = kind;
    label.resize(8, ' ');
    std::cout << "  " << label;
    if (it == by_kind.end()) std::cout << " -";
    else
      for (const std::string& key : it->second) std::cout << " " << key;
    std::cout << "\n";
  }
  char line[160];
  std::snprintf(line, sizeof(line), "Jaccard                 %.4f  (%zu of %zu keys)\n", jaccard, shared.size(), all);
  std::cout << line;
  std::snprintf(line, sizeof(line), "Jaccard without lex:    %.4f\n", identity);
  std::cout << line;
  std::snprintf(line, sizeof(line), "weighted Jaccard        %.4f\n", weighted);
  std::cout << line;
  return 0;
}

int RunAnnotate(const AnnotateArgs& args, const GlobalOptions& global) {
  Format format;
  if (!ParseFormat(args.format, &format)) {
    std::cerr << "storyloom annotate: unknown format '" << args.format << "'\n";
    return 2;
  }
  const std::string resources_dir = FindResources(global.resources_dir, global.langid_model).dir;
  auto tagger = DateTagger::Load(FindResources(global.resources_dir, global.langid_model));
  if (!tagger) {
    std::cerr << "storyloom annotate: " << tagger.error().message() << "\n";
    return 2;
  }

  // The documents first: their languages say which lexicons to load.
  std::vector<std::pair<std::string, Document>> docs;  // (name shown, document)
  int status = 0;
  Targets targets(args, global);
  if (!args.compare.empty()) {
    for (const std::string& target : args.compare) {
      std::vector<std::pair<std::string, Document>> found;
      int s = targets.Add(target, format, &found);
      if (s != 0 || found.empty()) return s == 0 ? 1 : s;
      if (found.size() > 1)
        std::cerr << "storyloom annotate: " << target << " holds " << found.size()
                  << " documents; comparing the first\n";
      docs.push_back(std::move(found.front()));
    }
    auto anchors = LoadAnchors(args, resources_dir, docs);
    return PrintComparison(docs, **tagger, *anchors, args.json);
  }
  if (args.all) {
    if (!targets.OpenStore()) return 2;
    auto listed = targets.store().ListDocuments();
    if (!listed) {
      std::cerr << "storyloom annotate: " << listed.error().message() << "\n";
      return 1;
    }
    for (Document& d : *listed) docs.emplace_back(std::to_string(d.id), std::move(d));
  }
  for (const std::string& target : args.targets) {
    int s = targets.Add(target, format, &docs);
    if (s == 2) return 2;
    status = std::max(status, s);
  }

  auto anchors = LoadAnchors(args, resources_dir, docs);
  for (const auto& [name, d] : docs) Print(d, AnnotateDocument(d, **tagger, *anchors), args.json, name);
  return status;
}

}  // namespace

void AddAnnotate(CLI::App& app, GlobalOptions& global) {
  auto args = std::make_shared<AnnotateArgs>();
  CLI::App* cmd = app.add_subcommand("annotate", "each sentence with its resolved dates, entities and anchors");
  cmd->add_option("targets", args->targets, "document ids in the store, or files and directories to read");
  cmd->add_flag("--all", args->all, "every document in the store");
  cmd->add_option("--store", args->store, (std::string(kStoreHelp) + ", for document ids"))->capture_default_str();
  cmd->add_option("--format", args->format, "auto|text|lines|jsonl|html, for files")->capture_default_str();
  cmd->add_option("--lexicon", args->lexicons, "bilingual lexicon files or folders (default: FreeDict and the Wiktionary extracts)");
  cmd->add_flag("--json", args->json, "one JSON object a sentence");
  cmd->add_option("--compare", args->compare,
                  "two documents (ids or paths; a path's first document): the anchor keys they share, "
                  "Jaccard, Jaccard without lex: keys and weighted Jaccard")
      ->expected(2);
  cmd->callback([args, &global] {
    if (!args->compare.empty() && (args->all || !args->targets.empty())) {
      std::cerr << "storyloom annotate: --compare takes its two documents alone\n";
      global.exit_code = 2;
      return;
    }
    if (args->targets.empty() && !args->all && args->compare.empty()) {
      std::cerr << "storyloom annotate: name document ids, files or directories, or --all\n";
      global.exit_code = 2;
      return;
    }
    global.exit_code = RunAnnotate(*args, global);
  });
}

}  // namespace storyloom::cli
