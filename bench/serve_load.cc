// The serve benchmark's two halves (bench/run calls both):
//
//   storyloom_serve_load make-store STORE N JSONL...
//   storyloom_serve_load make-store --store URL N JSONL...
//     ingests the JSONL files through the whole pipeline (stories included),
//     then grows the store to N documents with copies of those documents
//     (new ids and hashes, placed in their original's story as exact copies,
//     indexed for search), as a store that has followed a feed for a while.
//     STORE is a new SQLite file; --store URL an empty PostgreSQL database
//     (postgresql://...), for `storyloom serve --store URL` to serve.
//
//   storyloom_serve_load load HOST PORT CLIENTS SECONDS PATH...
//     CLIENTS threads, each with its own keep-alive connection, request each
//     PATH in turn for SECONDS; prints requests per second, p50 and p99
//     latency and the errors (anything but 200) per path. The first request
//     of each path (cold: caches empty) is timed apart.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

#include "storyloom/engine.h"
#include "storyloom/ingest.h"
#include "storyloom/store.h"

using namespace storyloom;
using Clock = std::chrono::steady_clock;

namespace {

double Since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

int MakeStore(const std::string& path, size_t n, const std::vector<std::string>& inputs) {
  auto t0 = Clock::now();
  {
    EngineOptions eopts;
    eopts.mode = Store::Mode::kCreate;
    auto engine = Engine::Open(path, eopts);
    if (!engine) {
      std::fprintf(stderr, "serve_load: %s\n", engine.error().message().c_str());
      return 2;
    }
    IngestOptions options;
    options.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    auto report = (*engine)->Ingest(inputs, options);
    if (!report) {
      std::fprintf(stderr, "serve_load: %s\n", report.error().message().c_str());
      return 1;
    }
  }
  // The copies are written straight to the store: as exact copies of their
  // originals, they need no pipeline.
  auto store = Store::Open(path);
  if (!store) {
    std::fprintf(stderr, "serve_load: %s\n", store.error().message().c_str());
    return 2;
  }
  auto docs = (*store)->ListDocuments();
  if (!docs || docs->empty()) return 1;
  size_t base = docs->size();
  std::fprintf(stderr, "serve_load: %zu documents ingested in %.1f s; copying to %zu\n", base, Since(t0), n);
  // Each original's search terms and story, once.
  std::vector<SearchTerms> terms(base);
  std::vector<int64_t> story(base, 0);
  {
    EngineOptions eopts;
    auto engine = Engine::Open(path, eopts);
    if (!engine) return 2;
    for (size_t i = 0; i < base; ++i) {
      const Document& d = (*docs)[i];
      auto tokens = (*engine)->DocumentTokens(d.id);
      if (!tokens) return 1;
      terms[i] = SearchTermsOf(*tokens);
      if (auto p = (*store)->Placement(d.id)) story[i] = p->duplicate_of ? 0 : p->story;
    }
  }
  if (!(*store)->Begin().ok()) return 1;
  auto input = (*store)->AddInput({0, "bench-copies", "bench-copies", "jsonl", "UTF-8", 0}, "bench copies");
  if (!(*store)->Commit().ok() || !input) return 1;
  std::vector<size_t> originals;  // placed, not copies themselves
  for (size_t i = 0; i < base; ++i) {
    if (story[i]) originals.push_back(i);
  }
  if (originals.empty()) return 1;
  for (size_t i = base; i < n;) {
    if (!(*store)->Begin().ok()) return 1;
    for (size_t k = 0; k < 2000 && i < n; ++k, ++i) {
      size_t t = originals[i % originals.size()];
      Document c = (*docs)[t];
      c.path = "bench-copy";
      c.content_hash += "#" + std::to_string(i);
      if (!(*store)->AddDocument(&c, *input).ok()) return 1;
      if (!(*store)->IndexTerms(c.id, terms[t]).ok()) return 1;
      StoredPlacement p;
      p.doc = c.id;
      p.story = story[t];
      p.score = 1;
      p.duplicate_of = (*docs)[t].id;
      p.duplicate_kind = "exact";
      p.duplicate_score = 1;
      if (!(*store)->SavePlacement(p).ok()) return 1;
    }
    if (!(*store)->Commit().ok()) return 1;
  }
  std::fprintf(stderr, "serve_load: %lld documents in %s after %.1f s\n", static_cast<long long>((*store)->CountDocuments()),
               path.c_str(), Since(t0));
  return 0;
}

int Load(const std::string& host, int port, int clients, double seconds, const std::vector<std::string>& paths) {
  std::printf("%-44s %10s %10s %10s %10s %8s %8s\n", "path", "req/s", "p50 ms", "p99 ms", "cold ms", "requests", "errors");
  for (const std::string& path : paths) {
    double cold_ms = 0;
    {
      httplib::Client c(host, port);
      c.set_read_timeout(600, 0);
      auto t = Clock::now();
      auto res = c.Get(path.c_str());
      cold_ms = Since(t) * 1000;
      if (!res || res->status != 200) {
        std::printf("%-44s cold request failed (%d)\n", path.c_str(), res ? res->status : -1);
        continue;
      }
    }
    std::vector<std::vector<double>> ms(static_cast<size_t>(clients));
    std::atomic<size_t> errors{0};
    std::atomic<bool> go{false};
    Clock::time_point start, end;
    std::vector<std::thread> threads;
    for (int i = 0; i < clients; ++i) {
      threads.emplace_back([&, i] {
        httplib::Client c(host, port);
        c.set_keep_alive(true);
        c.set_read_timeout(60, 0);
        while (!go) std::this_thread::yield();
        while (Clock::now() < end) {
          auto t = Clock::now();
          auto res = c.Get(path.c_str());
          ms[static_cast<size_t>(i)].push_back(Since(t) * 1000);
          if (!res || res->status != 200) ++errors;
        }
      });
    }
    start = Clock::now();
    end = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    go = true;
    for (auto& t : threads) t.join();
    double wall = Since(start);
    std::vector<double> all;
    for (auto& v : ms) all.insert(all.end(), v.begin(), v.end());
    std::sort(all.begin(), all.end());
    if (all.empty()) continue;
    std::printf("%-44s %10.0f %10.2f %10.2f %10.1f %8zu %8zu\n", path.c_str(), static_cast<double>(all.size()) / wall,
                all[all.size() / 2], all[std::min(all.size() - 1, all.size() * 99 / 100)], cold_ms, all.size(),
                errors.load());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "make-store" && argc >= 6 && std::string(argv[2]) == "--store") {
    const std::string url = argv[3];
    if (!url.starts_with("postgresql://") && !url.starts_with("postgres://")) {
      std::fprintf(stderr, "serve_load: --store takes a postgresql:// URL; a SQLite file is given without it\n");
      return 2;
    }
    return MakeStore(url, std::stoul(argv[4]), std::vector<std::string>(argv + 5, argv + argc));
  }
  if (mode == "make-store" && argc >= 5) {
    return MakeStore(argv[2], std::stoul(argv[3]), std::vector<std::string>(argv + 4, argv + argc));
  }
  if (mode == "load" && argc >= 7) {
    return Load(argv[2], std::stoi(argv[3]), std::stoi(argv[4]), std::stod(argv[5]),
                std::vector<std::string>(argv + 6, argv + argc));
  }
  std::fprintf(stderr,
               "usage: storyloom_serve_load make-store STORE N JSONL...\n"
               "       storyloom_serve_load make-store --store postgresql://... N JSONL...\n"
               "       storyloom_serve_load load HOST PORT CLIENTS SECONDS PATH...\n");
  return 2;
}
