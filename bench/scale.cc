// The scale benchmark's store and its measures (`make bench-scale` runs
// bench/scale, which calls both modes and then loads a server on the store):
//
//   storyloom_scale build SHARED_DIR STORE N [--per-day D] [--adds K]
//     A new SQLite store of N documents. First every article of the shared
//     corpora goes through the whole pipeline (storyloom's ingest of one
//     JSONL file: text, annotations, search terms, features, stories). Then
//     the store grows to N with a synthetic stream drawn from those
//     articles (synthetic_stream.h: real features, a fifth replaced, fresh
//     shingles and hash), D documents a day (default 1000), a thousand a
//     transaction, each stored as ingest stores one: its JSONL line kept in
//     the store as the raw input, the text and sentences of its template,
//     its annotation and search terms, its features and its placement.
//     Prints, every tenth of the way, the documents stored, the rate,
//     resident memory and the store's size beside its input's; at the end,
//     the time to add one more document (K of them, default 300, one
//     transaction each, p50 and p99) to the open store.
//
//   storyloom_scale reopen STORE [SHARED_DIR K]
//     A fresh process opens the store and restores its stories (what any
//     writer does before placing): the time it takes and the resident
//     memory it adds, in all and per stored document. With SHARED_DIR, then
//     K documents are drawn from the shared articles and added one
//     transaction each (the text, its features, its placement; no
//     annotation or search terms): p50 and p99 of one add, on a store built
//     by another run or cut short.
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "storyloom/engine.h"
#include "storyloom/ingest.h"
#include "storyloom/resources.h"
#include "storyloom/store.h"
#include "synthetic_stream.h"

using namespace storyloom;
using namespace storyloom::bench;

namespace {

bool IsPostgres(const std::string& location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

// The bytes a store takes on disk: a SQLite file and its journal, or a
// PostgreSQL database as the server counts it (psql, beside the server).
uint64_t StoreBytes(const std::string& path) {
  if (IsPostgres(path)) {
    std::string cmd = "psql '" + path + "' -Atc 'SELECT pg_database_size(current_database())' 2>/dev/null";
    uint64_t bytes = 0;
    if (FILE* p = popen(cmd.c_str(), "r")) {
      unsigned long long b = 0;
      if (std::fscanf(p, "%llu", &b) == 1) bytes = b;
      pclose(p);
    }
    return bytes;
  }
  uint64_t n = 0;
  for (const char* ext : {"", "-wal", "-shm"}) {
    std::error_code ec;
    auto size = std::filesystem::file_size(path + ext, ec);
    if (!ec) n += size;
  }
  return n;
}

std::string IsoDay(int32_t day) {
  std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

std::string JsonLine(const std::string& title, const std::string& text, const std::optional<std::string>& published) {
  nlohmann::json j;
  if (!title.empty()) j["title"] = title;
  j["text"] = text;
  if (published) j["published"] = *published;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// What a stream document copies from its template's stored document.
struct Stored {
  DocFeatures features;
  Document doc;  // title, text, language, paragraphs and sentences
  std::string annotation;
  SearchTerms terms;
};

int Die(const std::string& what) {
  std::fprintf(stderr, "scale: %s\n", what.c_str());
  return 1;
}

// Every shared article through ingest into the new store; the templates
// that ingest kept, with what the stream copies from them. `bytes` counts
// the JSONL given.
Result<std::vector<Stored>> Seed(const std::string& shared, const std::string& path, StoryClusterer& clusterer,
                                 uint64_t* bytes) {
  std::vector<Article> articles = SharedArticles(shared);
  auto t0 = Clock::now();
  std::vector<Template> templates = Templates(articles, clusterer);
  std::fprintf(stderr, "scale: %zu articles featurised in %.1f s\n", templates.size(), Since(t0));
  // Beside a SQLite store; a PostgreSQL one's goes to the temporary folder.
  const char* tmp = std::getenv("TMPDIR");
  const std::string jsonl = IsPostgres(path) ? std::string(tmp ? tmp : "/tmp") + "/storyloom-scale-seed-" +
                                                   std::to_string(getpid()) + ".jsonl"
                                             : path + ".seed.jsonl";
  {
    std::ofstream out(jsonl, std::ios::binary);
    for (const Article& a : articles) {
      std::string line = JsonLine(a.title, a.text, a.published);
      *bytes += line.size();
      out << line;
    }
    if (!out) return Fail("cannot write " + jsonl, ErrorKind::kInternal);
  }
  t0 = Clock::now();
  EngineOptions eopts;
  eopts.mode = Store::Mode::kCreate;
  auto engine = Engine::Open(path, eopts);
  if (!engine) return Unexpected(engine.error());
  IngestOptions options;
  options.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  auto report = (*engine)->Ingest({jsonl}, options);
  std::filesystem::remove(jsonl);
  if (!report) return Unexpected(report.error());
  auto docs = (*engine)->ListDocuments();
  if (!docs) return Unexpected(docs.error());
  std::fprintf(stderr, "scale: %zu documents ingested in %.1f s\n", docs->size(), Since(t0));
  // The longest document of each line (article i is line i + 1).
  std::map<uint32_t, const Document*> of_line;
  for (const Document& d : *docs) {
    const Document*& best = of_line[d.line];
    if (!best || d.body.text().size() > best->body.text().size()) best = &d;
  }
  std::vector<Stored> out;
  std::vector<int64_t> ids;
  for (Template& t : templates) {
    auto it = of_line.find(static_cast<uint32_t>(t.article + 1));
    if (it == of_line.end()) continue;
    auto tokens = (*engine)->DocumentTokens(it->second->id);
    if (!tokens) return Unexpected(tokens.error());
    out.push_back({std::move(t.features), *it->second, "", SearchTermsOf(*tokens)});
    ids.push_back(it->second->id);
  }
  engine->reset();
  auto store = Store::Open(path, Store::Mode::kExisting);
  if (!store) return Unexpected(store.error());
  auto annotations = (*store)->LoadAnnotations(ids);
  if (!annotations) return Unexpected(annotations.error());
  for (size_t i = 0; i < out.size(); ++i) {
    if (auto it = annotations->find(ids[i]); it != annotations->end()) out[i].annotation = it->second;
  }
  return out;
}

// Stores the document drawn from `t` on `day` as ingest would (the caller
// places it): returns its features, with its id.
Result<DocFeatures> StoreOne(Store& store, const Stored& t, const Stored& other, std::mt19937_64& rng, int32_t day,
                             int64_t input, const std::string& path, uint32_t line, Span raw) {
  DocFeatures f = Draw(t.features, other.features, rng, day);
  Document d = t.doc;
  d.id = 0;
  d.path = path;
  d.line = line;
  d.raw_span = raw;
  d.body = MappedText::Identity(std::string(t.doc.body.text()), raw.start);
  d.published = IsoDay(day);
  d.published_from = "metadata";
  d.content_hash = f.content_hash;
  STORYLOOM_RETURN_IF_ERROR(store.AddDocument(&d, input));
  if (!t.annotation.empty()) STORYLOOM_RETURN_IF_ERROR(store.SaveAnnotations(d.id, t.annotation));
  STORYLOOM_RETURN_IF_ERROR(store.IndexTerms(d.id, t.terms));
  f.doc = d.id;
  return f;
}

int Build(const std::string& shared, const std::string& path, size_t n, size_t per_day, size_t adds) {
  for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(path + ext);
  auto resources = Resources::Load(FindResources("", ""));
  if (!resources) return Die(resources.error().message());
  auto clusterer = StoryClusterer::Load(**resources);
  if (!clusterer) return Die(clusterer.error().message());
  auto start = Clock::now();
  uint64_t input_bytes = 0;
  auto seeded = Seed(shared, path, **clusterer, &input_bytes);
  if (!seeded) return Die(seeded.error().message());
  const std::vector<Stored>& templates = *seeded;
  if (templates.empty()) return Die("no article of " + shared + " was stored");
  auto store = Store::Open(path, Store::Mode::kExisting);
  if (!store) return Die(store.error().message());
  auto placer = (*clusterer)->OpenPlacer(**store, StoryOptions{});
  if (!placer) return Die(placer.error().message());
  const size_t seeded_docs = static_cast<size_t>((*store)->CountDocuments());
  std::mt19937_64 rng(n);
  // The stream's days begin on 2025-01-01.
  const int32_t first_day = 20089;
  auto day_of = [&](size_t i) { return static_cast<int32_t>(first_day + i / per_day); };
  std::printf("%10s %9s %9s %10s %12s %10s %10s %8s\n", "stored", "elapsed s", "docs/s", "RSS MB", "RSS KB/doc",
              "store MB", "input MB", "ratio");
  auto row = [&](size_t stored, double rate) {
    uint64_t bytes = StoreBytes(path);
    std::printf("%10zu %9.0f %9.0f %10.0f %12.2f %10.0f %10.0f %8.2f\n", stored, Since(start), rate, RssKb() / 1024.0,
                static_cast<double>(RssKb()) / static_cast<double>(stored), bytes / 1e6, input_bytes / 1e6,
                static_cast<double>(bytes) / static_cast<double>(input_bytes));
    std::fflush(stdout);
  };
  row(seeded_docs, 0);
  const size_t total = std::max(n, seeded_docs);
  const size_t step = std::max<size_t>(1000, total / 10);
  size_t next_row = seeded_docs + step;
  auto mark = Clock::now();
  size_t since_mark = 0;
  constexpr size_t kBatch = 1000;
  for (size_t i = seeded_docs, batch = 0; i < total; ++batch) {
    const size_t count = std::min(kBatch, total - i);
    // The batch's lines first: the input as a feed would hand it over.
    std::vector<std::pair<const Stored*, const Stored*>> drawn;
    std::string raw;
    std::vector<Span> spans;
    for (size_t j = 0; j < count; ++j) {
      const Stored* t = &templates[rng() % templates.size()];
      const Stored* other = &templates[rng() % templates.size()];
      drawn.push_back({t, other});
      std::string line = JsonLine(t->doc.title, std::string(t->doc.body.text()), IsoDay(day_of(i + j)));
      spans.push_back({static_cast<uint32_t>(raw.size()), static_cast<uint32_t>(raw.size() + line.size() - 1)});
      raw += line;
    }
    input_bytes += raw.size();
    const std::string name = "stream-" + std::to_string(batch) + ".jsonl";
    if (!(*store)->Begin().ok()) return Die("cannot begin a transaction");
    auto input = (*store)->AddInput({0, name, "scale:" + name, "jsonl", "UTF-8", 0}, raw);
    if (!input) return Die(input.error().message());
    std::vector<DocFeatures> features;
    for (size_t j = 0; j < count; ++j) {
      auto f = StoreOne(**store, *drawn[j].first, *drawn[j].second, rng, day_of(i + j), *input, name,
                        static_cast<uint32_t>(j + 1), spans[j]);
      if (!f) return Die(f.error().message());
      features.push_back(std::move(*f));
    }
    if (Status st = (*placer)->Place(std::move(features)); !st.ok()) return Die(st.message());
    if (Status st = (*store)->Commit(); !st.ok()) return Die(st.message());
    i += count;
    since_mark += count;
    if (i >= next_row || i == total) {
      row(i, static_cast<double>(since_mark) / Since(mark));
      mark = Clock::now();
      since_mark = 0;
      next_row += step;
    }
  }
  // One more document at a time, as a feed adds them, on the open store.
  auto input = (*store)->AddInput({0, "stream-adds.jsonl", "scale:adds", "jsonl", "UTF-8", 0}, "adds");
  if (!input) return Die(input.error().message());
  std::vector<double> ms;
  for (size_t k = 0; k < adds; ++k) {
    const Stored& t = templates[rng() % templates.size()];
    const Stored& other = templates[rng() % templates.size()];
    auto t0 = Clock::now();
    if (!(*store)->Begin().ok()) return Die("cannot begin a transaction");
    auto f = StoreOne(**store, t, other, rng, day_of(total + k), *input, "stream-adds.jsonl",
                      static_cast<uint32_t>(k + 1), {0, 4});
    if (!f) return Die(f.error().message());
    if (Status st = (*placer)->Place({std::move(*f)}); !st.ok()) return Die(st.message());
    if (Status st = (*store)->Commit(); !st.ok()) return Die(st.message());
    ms.push_back(Since(t0) * 1000);
  }
  std::sort(ms.begin(), ms.end());
  placer->reset();
  store->reset();
  const uint64_t bytes = StoreBytes(path);
  std::printf("\nstore: %zu documents, %.0f MB for %.0f MB of input: %.2f times its input\n", total + adds, bytes / 1e6,
              input_bytes / 1e6, static_cast<double>(bytes) / static_cast<double>(input_bytes));
  if (!ms.empty()) {
    std::printf("add one document to %zu (%zu adds, one transaction each): p50 %.2f ms, p99 %.2f ms\n", total,
                ms.size(), ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 99 / 100)]);
  }
  std::printf("built in %.0f s\n", Since(start));
  return 0;
}

int Reopen(const std::string& path, const std::string& shared, size_t adds) {
  auto resources = Resources::Load(FindResources("", ""));
  if (!resources) return Die(resources.error().message());
  auto clusterer = StoryClusterer::Load(**resources);
  if (!clusterer) return Die(clusterer.error().message());
  const long before = RssKb();
  auto t0 = Clock::now();
  auto store = Store::Open(path, Store::Mode::kExisting);
  if (!store) return Die(store.error().message());
  auto placer = (*clusterer)->OpenPlacer(**store, StoryOptions{});
  if (!placer) return Die(placer.error().message());
  const double seconds = Since(t0);
  const long added = RssKb() - before;
  const int64_t docs = (*store)->CountDocuments();
  std::printf("reopen %lld documents: %.2f s; resident memory %.0f MB more (%.2f KB a document)\n",
              static_cast<long long>(docs), seconds, added / 1024.0,
              docs ? static_cast<double>(added) / static_cast<double>(docs) : 0.0);
  std::fflush(stdout);
  if (shared.empty() || adds == 0) return 0;
  std::vector<Article> articles = SharedArticles(shared);
  std::vector<Template> templates = Templates(articles, **clusterer);
  if (templates.empty()) return Die("no article of " + shared + " was featurised");
  std::mt19937_64 rng(adds);
  if (!(*store)->Begin().ok()) return Die("cannot begin a transaction");
  auto input = (*store)->AddInput({0, "stream-reopened-adds.jsonl", "scale:reopened-adds:" + std::to_string(docs),
                                   "jsonl", "UTF-8", 0},
                                  "adds");
  if (!input) return Die(input.error().message());
  if (Status st = (*store)->Commit(); !st.ok()) return Die(st.message());
  // After the store's last day.
  const int32_t day = 20089 + static_cast<int32_t>(docs / 1000) + 1;
  std::vector<double> ms;
  for (size_t k = 0; k < adds; ++k) {
    const Template& a = templates[rng() % templates.size()];
    const Template& b = templates[rng() % templates.size()];
    DocFeatures f = Draw(a.features, b.features, rng, day);
    auto t0 = Clock::now();
    if (!(*store)->Begin().ok()) return Die("cannot begin a transaction");
    Document d;
    d.path = "stream-reopened-adds.jsonl";
    d.line = static_cast<uint32_t>(k + 1);
    d.lang = f.lang;
    d.title = articles[a.article].title;
    d.body = MappedText::Identity(articles[a.article].text);
    d.content_hash = f.content_hash;
    if (Status st = (*store)->AddDocument(&d, *input); !st.ok()) return Die(st.message());
    f.doc = d.id;
    if (Status st = (*placer)->Place({std::move(f)}); !st.ok()) return Die(st.message());
    if (Status st = (*store)->Commit(); !st.ok()) return Die(st.message());
    ms.push_back(Since(t0) * 1000);
  }
  std::sort(ms.begin(), ms.end());
  std::printf("add one document to %lld after reopening (%zu adds, one transaction each): p50 %.2f ms, p99 %.2f ms\n",
              static_cast<long long>(docs), ms.size(), ms[ms.size() / 2],
              ms[std::min(ms.size() - 1, ms.size() * 99 / 100)]);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "build" && argc >= 5) {
    size_t per_day = 1000, adds = 300;
    for (int a = 5; a + 1 < argc; a += 2) {
      if (std::strcmp(argv[a], "--per-day") == 0) per_day = std::max<size_t>(1, std::stoul(argv[a + 1]));
      else if (std::strcmp(argv[a], "--adds") == 0) adds = std::stoul(argv[a + 1]);
    }
    return Build(argv[2], argv[3], std::stoul(argv[4]), per_day, adds);
  }
  if (mode == "reopen" && argc == 3) return Reopen(argv[2], "", 0);
  if (mode == "reopen" && argc == 5) return Reopen(argv[2], argv[3], std::stoul(argv[4]));
  std::fprintf(stderr,
               "usage: storyloom_scale build SHARED_DIR STORE N [--per-day D] [--adds K]\n"
               "       storyloom_scale reopen STORE [SHARED_DIR K]\n");
  return 2;
}
