// `storyloom docs` and `storyloom show ID`: the stored documents, listed or
// one in full.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "storyloom/engine.h"
#include "storyloom/views.h"

namespace storyloom::cli {

namespace {

// Pads to n characters (code points), for columns of mixed scripts.
std::string Pad(const std::string& s, size_t n) {
  size_t count = 0;
  for (unsigned char c : s) count += (c & 0xC0) != 0x80;
  return count >= n ? s : s + std::string(n - count, ' ');
}

int RunDocs(const std::string& store_path, bool json, const GlobalOptions& global) {
  auto engine = OpenEngineOrReport(store_path, global, "docs");
  if (!engine) return 2;
  auto docs = engine->ListDocuments();
  if (!docs) {
    std::cerr << "storyloom docs: " << docs.error().message() << "\n";
    return 1;
  }
  if (!json && !docs->empty()) std::printf("%5s  %-4s %-10s %s %s\n", "id", "lang", "published", Pad("source", 14).c_str(), "title");
  for (const Document& d : *docs) {
    if (json) {
      std::cout << DumpJson(DocumentJson(d)) << "\n";
      continue;
    }
    std::string title = !d.title.empty() ? d.title : d.body.text().substr(0, d.body.text().find('\n'));
    std::printf("%5lld  %-4s %-10s %s %s%s\n", static_cast<long long>(d.id), d.lang.empty() ? "?" : d.lang.c_str(),
                d.published ? d.published->c_str() : "-", Pad(Clip(d.source.empty() ? "-" : d.source, 13), 14).c_str(),
                d.is_list ? "[list] " : "", Clip(title, 70).c_str());
  }
  return 0;
}

int RunShow(const std::string& store_path, int64_t id, bool tokens, bool json, const GlobalOptions& global) {
  auto engine = OpenEngineOrReport(store_path, global, "show");
  if (!engine) return 2;
  auto view = engine->GetDocument(id);
  if (!view) {
    std::cerr << "storyloom show: " << view.error().message() << "\n";
    return 1;
  }
  const Document& d = view->doc;
  if (json) {
    std::cout << DumpJson(DocumentViewJson(*view), 2) << "\n";
    return 0;
  }
  std::printf("document %lld  %s", static_cast<long long>(d.id), d.path.c_str());
  if (d.line) std::printf(":%u", d.line);
  if (d.part) std::printf(" (part %u)", d.part);
  std::printf("\n");
  std::printf("format    %s%s\n", FormatName(d.format), d.is_list ? ", list of leads" : "");
  std::printf("language  %s (%.2f)%s\n", d.lang.empty() ? "unknown" : d.lang.c_str(), d.lang_confidence,
              d.mixed_lang ? ", mixed" : "");
  std::printf("published %s%s\n", d.published ? d.published->c_str() : "unknown",
              d.published_from.empty() ? "" : (" (from " + d.published_from + ")").c_str());
  if (!d.source.empty()) std::printf("source    %s\n", d.source.c_str());
  if (!d.site.empty()) std::printf("site      %s\n", d.site.c_str());
  if (!d.byline.empty()) std::printf("byline    %s\n", d.byline.c_str());
  if (!d.url.empty()) std::printf("url       %s\n", d.url.c_str());
  if (!d.title.empty()) std::printf("title     %s\n", d.title.c_str());
  std::printf("sentences %zu, paragraphs %zu\n\n%s\n", d.sentences.size(), d.paragraphs.size(), d.body.text().c_str());
  if (!d.removed.empty()) {
    std::printf("\nremoved (%zu):\n", d.removed.size());
    for (const RemovedSpan& r : d.removed) {
      std::printf("  %-14s [%u,%u) %s\n", r.reason.c_str(), r.span.start, r.span.end, Clip(r.text, 90).c_str());
    }
  }
  if (tokens) {
    auto found = engine->DocumentTokens(id);
    if (!found) {
      std::cerr << "storyloom show: " << found.error().message() << "\n";
      return 1;
    }
    std::printf("\ntokens (%zu): ", found->size());
    for (const Token& t : *found) {
      std::printf("%s", t.norm.c_str());
      if (t.stem != t.norm) std::printf("/%s", t.stem.c_str());
      std::printf(" ");
    }
    std::printf("\n");
  }
  return 0;
}

}  // namespace

void AddDocs(CLI::App& app, GlobalOptions& global) {
  struct Args {
    std::string store = "storyloom.db";
    bool json = false;
    int64_t id = 0;
    bool tokens = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* docs = app.add_subcommand("docs", "list stored documents");
  docs->add_option("--store", a->store, kStoreHelp)->capture_default_str();
  docs->add_flag("--json", a->json, "one JSON object a line");
  docs->callback([a, &global] { global.exit_code = RunDocs(a->store, a->json, global); });

  auto s = std::make_shared<Args>();
  CLI::App* show = app.add_subcommand("show", "one document: cleaned text, language, date, source, what was removed");
  show->add_option("id", s->id, "document id")->required();
  show->add_option("--store", s->store, kStoreHelp)->capture_default_str();
  show->add_flag("--tokens", s->tokens, "also print tokens (word/stem)");
  show->add_flag("--json", s->json, "as JSON (the API's document): paragraphs, sentences, removed spans and story");
  show->callback([s, &global] { global.exit_code = RunShow(s->store, s->id, s->tokens, s->json, global); });
}

}  // namespace storyloom::cli
