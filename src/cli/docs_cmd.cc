#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "storyloom/store.h"
#include "text/segment.h"

namespace storyloom::cli {

namespace {

nlohmann::json NullIfEmpty(const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); }

nlohmann::json DocumentJson(const Document& d) {
  nlohmann::json j;
  j["id"] = d.id;
  j["path"] = d.path;
  j["line"] = d.line;
  j["part"] = d.part;
  j["format"] = FormatName(d.format);
  j["list"] = d.is_list;
  j["lang"] = NullIfEmpty(d.lang);
  j["lang_confidence"] = d.lang_confidence;
  j["mixed_lang"] = d.mixed_lang;
  j["published"] = d.published ? nlohmann::json(*d.published) : nlohmann::json(nullptr);
  j["published_from"] = NullIfEmpty(d.published_from);
  j["source"] = NullIfEmpty(d.source);
  j["site"] = NullIfEmpty(d.site);
  j["byline"] = NullIfEmpty(d.byline);
  j["title"] = NullIfEmpty(d.title);
  j["url"] = NullIfEmpty(d.url);
  j["metadata"] = d.metadata_json.empty() ? nlohmann::json(nullptr)
                                          : nlohmann::json::parse(d.metadata_json, nullptr, false);
  j["text"] = d.body.text();
  return j;
}

// Pads to n characters (code points), for columns of mixed scripts.
std::string Pad(const std::string& s, size_t n) {
  size_t count = 0;
  for (unsigned char c : s) count += (c & 0xC0) != 0x80;
  return count >= n ? s : s + std::string(n - count, ' ');
}

std::unique_ptr<Store> OpenOrReport(const std::string& path, const char* verb) {
  auto store = Store::Open(path, Store::Mode::kExisting);
  if (!store) {
    std::cerr << "storyloom " << verb << ": " << store.error().message() << "\n";
    return nullptr;
  }
  return std::move(*store);
}

int RunDocs(const std::string& store_path, bool json) {
  auto store = OpenOrReport(store_path, "docs");
  if (!store) return 2;
  auto docs = store->ListDocuments();
  if (!docs) {
    std::cerr << "storyloom docs: " << docs.error().message() << "\n";
    return 1;
  }
  if (!json && !docs->empty()) std::printf("%5s  %-4s %-10s %s %s\n", "id", "lang", "published", Pad("source", 14).c_str(), "title");
  for (const Document& d : *docs) {
    if (json) {
      std::cout << DocumentJson(d).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
      continue;
    }
    std::string title = !d.title.empty() ? d.title : d.body.text().substr(0, d.body.text().find('\n'));
    std::printf("%5lld  %-4s %-10s %s %s%s\n", static_cast<long long>(d.id), d.lang.empty() ? "?" : d.lang.c_str(),
                d.published ? d.published->c_str() : "-", Pad(Clip(d.source.empty() ? "-" : d.source, 13), 14).c_str(),
                d.is_list ? "[list] " : "", Clip(title, 70).c_str());
  }
  return 0;
}

int RunShow(const std::string& store_path, int64_t id, bool tokens, bool json) {
  auto store = OpenOrReport(store_path, "show");
  if (!store) return 2;
  auto doc = store->GetDocument(id);
  if (!doc) {
    std::cerr << "storyloom show: " << doc.error().message() << "\n";
    return 1;
  }
  const Document& d = *doc;
  if (json) {
    nlohmann::json j = DocumentJson(d);
    for (const RemovedSpan& r : d.removed) j["removed"].push_back({{"start", r.span.start}, {"end", r.span.end}, {"reason", r.reason}, {"text", r.text}});
    for (const Paragraph& p : d.paragraphs) j["paragraphs"].push_back({{"start", p.span.start}, {"end", p.span.end}, {"lang", p.lang}, {"confidence", p.confidence}});
    for (const Sentence& s : d.sentences) {
      Span o = d.body.ToOriginal(s.span);
      j["sentences"].push_back({{"start", s.span.start}, {"end", s.span.end}, {"orig_start", o.start}, {"orig_end", o.end}});
    }
    std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
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
    Document seg = d;
    Segmenter segmenter;
    segmenter.Segment(&seg, {});
    std::printf("\ntokens (%zu): ", seg.tokens.size());
    for (const Token& t : seg.tokens) {
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
  docs->callback([a, &global] { global.exit_code = RunDocs(a->store, a->json); });

  auto s = std::make_shared<Args>();
  CLI::App* show = app.add_subcommand("show", "one document: cleaned text, language, date, source, what was removed");
  show->add_option("id", s->id, "document id")->required();
  show->add_option("--store", s->store, kStoreHelp)->capture_default_str();
  show->add_flag("--tokens", s->tokens, "also print tokens (word/stem)");
  show->add_flag("--json", s->json, "as JSON, with paragraphs, sentences and removed spans");
  show->callback([s, &global] { global.exit_code = RunShow(s->store, s->id, s->tokens, s->json); });
}

}  // namespace storyloom::cli
