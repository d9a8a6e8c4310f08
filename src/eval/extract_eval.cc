// `storyloom eval extract DIR` (RunExtractEval, storyloom/eval.h).
#include "storyloom/eval.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <vector>

#include <nlohmann/json.hpp>

#include "eval/peer.h"
#include "eval/shingle_f1.h"
#include "storyloom/html.h"
#include "storyloom/text.h"

namespace storyloom {

namespace {

struct GoldPage {
  std::string id;
  std::string url;
  std::string body;
};

// One system's run over the pages.
struct SystemRun {
  std::string name;
  std::vector<ShingleMatch> matches;  // in page order
  double seconds = 0;
  ShingleScore score;
  double PagesPerSecond() const { return seconds > 0 ? matches.size() / seconds : 0; }
};

Result<std::vector<GoldPage>> LoadGold(const std::filesystem::path& dir, int limit) {
  std::ifstream in(dir / "ground-truth.json");
  if (!in) return Fail("cannot read " + (dir / "ground-truth.json").string());
  nlohmann::json truth = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (truth.is_discarded() || !truth.is_object()) return Fail("ground-truth.json is not a JSON object");
  std::vector<GoldPage> pages;
  for (const auto& [id, entry] : truth.items()) {
    GoldPage p;
    p.id = id;
    if (entry.is_object()) {
      p.body = entry.value("articleBody", "");
      p.url = entry.value("url", "");
    }
    pages.push_back(std::move(p));
  }
  // Sorted ids, so --limit takes the same pages on both sides.
  std::sort(pages.begin(), pages.end(), [](const GoldPage& a, const GoldPage& b) { return a.id < b.id; });
  if (limit > 0 && static_cast<size_t>(limit) < pages.size()) pages.resize(limit);
  return pages;
}

// The charset a page declares in its first bytes (<meta charset=...> or the
// http-equiv form); empty when none.
std::string DeclaredCharset(std::string_view bytes) {
  std::string head(bytes.substr(0, 4096));
  for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  size_t at = head.find("charset=");
  if (at == std::string::npos) return "";
  at += 8;
  while (at < head.size() && (head[at] == '"' || head[at] == '\'' || head[at] == ' ')) ++at;
  size_t end = at;
  while (end < head.size() && (std::isalnum(static_cast<unsigned char>(head[end])) || head[end] == '-' ||
                               head[end] == '_')) {
    ++end;
  }
  return head.substr(at, end - at);
}


// Runs the python3-readability driver and scores what it returns.
Result<SystemRun> RunReadabilityPeer(const std::filesystem::path& dir, const std::vector<GoldPage>& pages,
                                     int limit) {
  std::vector<std::string> args = {dir.string()};
  if (limit > 0) args.insert(args.end(), {"--limit", std::to_string(limit)});
  auto peer = RunPeer("STORYLOOM_READABILITY_PEER", "readability_extract.py", args, "python3-readability", "pages");
  if (!peer) return Unexpected(peer.error());
  const nlohmann::json& result = *peer;
  SystemRun run;
  run.name = "readability";
  run.seconds = result.value("elapsed_seconds", 0.0);
  const nlohmann::json& texts = result["pages"];
  for (const GoldPage& page : pages) {
    std::string predicted;
    if (auto it = texts.find(page.id); it != texts.end() && it->is_string()) predicted = it->get<std::string>();
    run.matches.push_back(MatchShingles(page.body, predicted));
  }
  run.score = AverageShingleScore(run.matches);
  return run;
}

double PageF1(const ShingleMatch& m) {
  bool unused;
  double p = ShinglePrecision(m, &unused), r = ShingleRecall(m, &unused);
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

}  // namespace

Status RunExtractEval(const std::string& dir_name, const ExtractEvalOptions& options, std::ostream& out) {
  std::filesystem::path dir(dir_name);
  auto gold = LoadGold(dir, options.limit);
  if (!gold) return gold.error();
  const std::vector<GoldPage>& pages = *gold;
  if (pages.empty()) return Status::Error("no pages in " + dir_name);

  // Files are read first so the clock covers decoding and extraction only,
  // as the peer's clock covers its parsing and extraction.
  std::vector<std::string> raw(pages.size());
  for (size_t k = 0; k < pages.size(); ++k) {
    std::string warning;
    auto bytes = ReadFileBytes((dir / "html" / (pages[k].id + ".html.gz")).string(), &warning);
    if (!bytes) return Status::Error("cannot read page " + pages[k].id + ": " + bytes.error().message());
    raw[k] = std::move(*bytes);
  }

  SystemRun ours;
  ours.name = "storyloom";
  std::vector<std::string> bodies(pages.size());
  auto started = std::chrono::steady_clock::now();
  for (size_t k = 0; k < pages.size(); ++k) {
    DecodedText decoded = DecodeToUtf8(raw[k], DeclaredCharset(raw[k]));
    HtmlArticle article = ExtractArticle(decoded.text.text());
    bodies[k] = article.body.text();
  }
  ours.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  for (size_t k = 0; k < pages.size(); ++k) ours.matches.push_back(MatchShingles(pages[k].body, bodies[k]));
  ours.score = AverageShingleScore(ours.matches);

  std::vector<SystemRun> runs{ours};
  if (options.peer) {
    auto peer = RunReadabilityPeer(dir, pages, options.limit);
    if (!peer) return peer.error();
    runs.push_back(std::move(*peer));
  }

  if (options.json) {
    nlohmann::json j;
    j["pages"] = pages.size();
    for (const SystemRun& run : runs) {
      j[run.name] = {{"precision", run.score.precision},
                     {"recall", run.score.recall},
                     {"f1", run.score.f1},
                     {"seconds", run.seconds},
                     {"pages_per_second", run.PagesPerSecond()}};
    }
    if (options.verbose) {
      nlohmann::json per_page = nlohmann::json::array();
      for (size_t k = 0; k < pages.size(); ++k) {
        nlohmann::json p = {{"page", pages[k].id}, {"url", pages[k].url}};
        for (const SystemRun& run : runs) p[run.name + "_f1"] = PageF1(run.matches[k]);
        per_page.push_back(std::move(p));
      }
      j["per_page"] = std::move(per_page);
    }
    out << j.dump(2) << "\n";
    return Status::Ok();
  }

  out << std::fixed;
  if (options.verbose) {
    out << "page          " << std::setw(6) << "prec" << std::setw(7) << "recall" << std::setw(7) << "F1";
    if (runs.size() > 1) out << std::setw(9) << "peer F1";
    out << "  url\n";
    for (size_t k = 0; k < pages.size(); ++k) {
      bool unused;
      const ShingleMatch& m = ours.matches[k];
      out << pages[k].id.substr(0, 12) << std::setprecision(3) << std::setw(8) << ShinglePrecision(m, &unused)
          << std::setw(7) << ShingleRecall(m, &unused) << std::setw(7) << PageF1(m);
      if (runs.size() > 1) out << std::setw(9) << PageF1(runs[1].matches[k]);
      out << "  " << pages[k].url << "\n";
    }
    out << "\n";
  }
  out << "article extraction, " << pages.size() << " pages, " << dir_name << "\n";
  out << "metric: word 4-gram shingles, per-page precision/recall averaged, F1 of the averages\n\n";
  out << std::left << std::setw(14) << "system" << std::right << std::setw(7) << "pages" << std::setw(11)
      << "precision" << std::setw(9) << "recall" << std::setw(8) << "F1" << std::setw(11) << "pages/s\n";
  for (const SystemRun& run : runs) {
    out << std::left << std::setw(14) << run.name << std::right << std::setw(7) << run.matches.size()
        << std::setprecision(3) << std::setw(11) << run.score.precision << std::setw(9) << run.score.recall
        << std::setw(8) << run.score.f1 << std::setprecision(1) << std::setw(10) << run.PagesPerSecond() << "\n";
  }
  out << "\npages/s: single thread, decoding and extraction; file reading not timed\n";
  return Status::Ok();
}

}  // namespace storyloom
