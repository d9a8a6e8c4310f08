// `storyloom eval extract DIR` (RunExtractEval, storyloom/eval.h).
#include "storyloom/eval.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <numeric>
#include <sstream>
#include <vector>

#include <nlohmann/json.hpp>

#include "eval/peer.h"
#include "eval/shingle_f1.h"
#include "eval/word_f1.h"
#include "ingest/reader.h"
#include "storyloom/text.h"

namespace storyloom {

namespace {

struct GoldPage {
  std::string id;
  std::string url;
  std::string body;
  std::string title;
  std::string author;
  std::string date;
};

// What a system gave for one page.
struct Extracted {
  std::string body;
  std::string title;
  std::string author;
  std::string date;
  std::vector<RemovedSpan> removed;  // what the extractor left out, and why
};

struct MetadataScore {
  FieldTally title, author, date;
  bool has_author_and_date = true;  // false for a peer that gives titles only
};

// One system's run over the pages.
struct SystemRun {
  std::string name;
  std::vector<ShingleMatch> matches;  // in page order
  std::vector<WordMatch> words;       // in page order
  double seconds = 0;
  int empty = 0;                      // pages with no text extracted
  ShingleScore score;
  WordScore word_score;
  MetadataScore metadata;
  bool has_metadata = false;
  double PagesPerSecond() const { return seconds > 0 ? matches.size() / seconds : 0; }
};

// A string field of a gold entry; "" when absent or null.
std::string StringField(const nlohmann::json& entry, const char* key) {
  auto it = entry.find(key);
  return it != entry.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Result<std::vector<GoldPage>> LoadGold(const std::filesystem::path& dir, const ExtractEvalOptions& options) {
  std::filesystem::path file = dir / "ground-truth.json";
  std::ifstream in(file);
  if (!in) return Fail("cannot read " + file.string());
  nlohmann::json truth = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (truth.is_discarded() || !truth.is_object()) return Fail(file.string() + " is not a JSON object");
  std::vector<GoldPage> pages;
  for (const auto& [id, entry] : truth.items()) {
    if (!options.part.empty() && options.part != "all" && ExtractEvalPart(id) != options.part) continue;
    GoldPage p;
    p.id = id;
    if (entry.is_object()) {
      p.body = StringField(entry, "articleBody");
      p.url = StringField(entry, "url");
      p.title = StringField(entry, "title");
      p.author = StringField(entry, "author");
      p.date = StringField(entry, "publish_date");
    }
    pages.push_back(std::move(p));
  }
  // Sorted ids, so --limit takes the same pages on both sides.
  std::sort(pages.begin(), pages.end(), [](const GoldPage& a, const GoldPage& b) { return a.id < b.id; });
  if (options.limit > 0 && static_cast<size_t>(options.limit) < pages.size()) pages.resize(options.limit);
  return pages;
}

void Score(const std::vector<GoldPage>& pages, const std::vector<Extracted>& got, SystemRun* run) {
  for (size_t k = 0; k < pages.size(); ++k) {
    run->matches.push_back(MatchShingles(pages[k].body, got[k].body));
    run->words.push_back(MatchWords(pages[k].body, got[k].body));
    if (run->words.back().predicted == 0) ++run->empty;
    MetadataScore& m = run->metadata;
    const GoldPage& g = pages[k];
    m.title.Add(g.title, got[k].title, FieldMatches(g.title, got[k].title),
                FieldMatchesLeniently(g.title, got[k].title));
    m.author.Add(g.author, got[k].author, FieldMatches(g.author, got[k].author),
                 FieldMatchesLeniently(g.author, got[k].author));
    m.date.Add(g.date, got[k].date, SameDay(g.date, got[k].date), false);
  }
  run->score = AverageShingleScore(run->matches);
  run->word_score = AverageWordScore(run->words);
}

// Runs the python3-readability driver on the same pages and scores what it
// returns (its text and title; it reads no author or date).
Result<SystemRun> RunReadabilityPeer(const std::filesystem::path& dir, const std::vector<GoldPage>& pages) {
  std::string ids;
  for (const GoldPage& p : pages) ids += (ids.empty() ? "" : ",") + p.id;
  std::vector<std::string> args = {dir.string(), "--pages", ids};
  auto peer = RunPeer("STORYLOOM_READABILITY_PEER", "readability_extract.py", args, "python3-readability", "pages");
  if (!peer) return Unexpected(peer.error());
  const nlohmann::json& result = *peer;
  SystemRun run;
  run.name = "readability";
  run.seconds = result.value("elapsed_seconds", 0.0);
  const nlohmann::json& texts = result["pages"];
  const nlohmann::json titles = result.value("titles", nlohmann::json::object());
  std::vector<Extracted> got(pages.size());
  for (size_t k = 0; k < pages.size(); ++k) {
    if (auto it = texts.find(pages[k].id); it != texts.end() && it->is_string()) got[k].body = it->get<std::string>();
    if (auto it = titles.find(pages[k].id); it != titles.end() && it->is_string()) {
      got[k].title = it->get<std::string>();
    }
  }
  Score(pages, got, &run);
  run.has_metadata = titles.is_object() && !titles.empty();
  run.metadata.has_author_and_date = false;
  return run;
}

double PageF1(const ShingleMatch& m) {
  bool unused;
  double p = ShinglePrecision(m, &unused), r = ShingleRecall(m, &unused);
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

nlohmann::json TallyJson(const FieldTally& t) {
  return {{"gold_pages", t.gold_pages}, {"predicted", t.predicted}, {"accuracy", t.Accuracy()},
          {"lenient_accuracy", t.LenientAccuracy()}};
}

void PrintTally(std::ostream& out, const std::string& system, const char* field, const FieldTally& t,
                bool lenient) {
  out << std::left << std::setw(14) << system << std::setw(8) << field << std::right << std::setw(7)
      << t.gold_pages << std::setw(11) << t.predicted << std::setprecision(3) << std::setw(9) << t.Accuracy();
  if (lenient) out << std::setw(10) << t.LenientAccuracy();
  out << "\n";
}

}  // namespace

std::string ExtractEvalPart(const std::string& page_id) {
  // FNV-1a: stable across machines and library versions.
  uint32_t h = 2166136261u;
  for (unsigned char c : page_id) {
    h ^= c;
    h *= 16777619u;
  }
  return h % 5 == 0 ? "test" : "dev";
}

Status RunExtractEval(const std::string& dir_name, const ExtractEvalOptions& options, std::ostream& out) {
  if (!options.part.empty() && options.part != "all" && options.part != "dev" && options.part != "test") {
    return Status::Error("--part must be dev, test or all, not '" + options.part + "'");
  }
  std::filesystem::path dir(dir_name);
  auto gold = LoadGold(dir, options);
  if (!gold) return gold.error();
  const std::vector<GoldPage>& pages = *gold;
  if (pages.empty()) return Status::Error("no pages in " + dir_name);

  // Files are read first so the clock covers decoding and extraction only,
  // as the peer's clock covers its parsing and extraction.
  std::vector<std::string> raw(pages.size()), paths(pages.size());
  for (size_t k = 0; k < pages.size(); ++k) {
    std::string warning;
    paths[k] = (dir / "html" / (pages[k].id + ".html.gz")).string();
    auto bytes = ReadFileBytes(paths[k], &warning);
    if (!bytes) return Status::Error("cannot read page " + pages[k].id + ": " + bytes.error().message());
    raw[k] = std::move(*bytes);
  }

  // The reader `ingest --format html` uses, so what is scored is what
  // ingest stores: the same decoding, the same extraction, and a page whose
  // article is empty yields nothing at all.
  SystemRun ours;
  ours.name = "storyloom";
  ours.has_metadata = true;
  std::vector<Extracted> got(pages.size());
  ReadOptions read_options;
  read_options.format = Format::kHtml;
  auto started = std::chrono::steady_clock::now();
  for (size_t k = 0; k < pages.size(); ++k) {
    ReadResult read = ReadInput(paths[k], raw[k], read_options);
    if (read.units.empty()) continue;
    const InputUnit& u = read.units.front();
    got[k] = {u.text.text(), u.title, u.byline, u.published.value_or(""), u.removed};
  }
  ours.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  Score(pages, got, &ours);

  if (!options.dump_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(options.dump_dir, ec);
    for (size_t k = 0; k < pages.size(); ++k) {
      std::filesystem::path file = std::filesystem::path(options.dump_dir) / (pages[k].id + ".txt");
      std::ofstream f(file);
      f << got[k].body << "\n";
      if (!f) return Status::Error("cannot write " + file.string());
      std::filesystem::path removed_file = std::filesystem::path(options.dump_dir) / (pages[k].id + ".removed.txt");
      std::ofstream r(removed_file);
      for (const RemovedSpan& span : got[k].removed) r << span.reason << "\t" << span.text << "\n";
      if (!r) return Status::Error("cannot write " + removed_file.string());
      std::filesystem::path meta_file = std::filesystem::path(options.dump_dir) / (pages[k].id + ".meta.txt");
      std::ofstream m(meta_file);
      m << "title\t" << got[k].title << "\nauthor\t" << got[k].author << "\ndate\t" << got[k].date << "\n";
      if (!m) return Status::Error("cannot write " + meta_file.string());
    }
  }

  std::vector<SystemRun> runs{ours};
  if (options.peer) {
    auto peer = RunReadabilityPeer(dir, pages);
    if (!peer) return peer.error();
    runs.push_back(std::move(*peer));
  }

  std::vector<size_t> worst(pages.size());
  std::iota(worst.begin(), worst.end(), 0);
  std::stable_sort(worst.begin(), worst.end(),
                   [&](size_t a, size_t b) { return ours.words[a].F1() < ours.words[b].F1(); });
  worst.resize(std::min<size_t>(worst.size(), std::max(0, options.worst)));

  std::string part = options.part.empty() ? "all" : options.part;
  if (options.json) {
    nlohmann::json j;
    j["pages"] = pages.size();
    j["part"] = part;
    for (const SystemRun& run : runs) {
      nlohmann::json r = {{"precision", run.score.precision},
                          {"recall", run.score.recall},
                          {"f1", run.score.f1},
                          {"word_precision", run.word_score.precision},
                          {"word_recall", run.word_score.recall},
                          {"word_f1", run.word_score.f1},
                          {"empty_pages", run.empty},
                          {"seconds", run.seconds},
                          {"pages_per_second", run.PagesPerSecond()}};
      if (run.has_metadata) {
        r["title"] = TallyJson(run.metadata.title);
        if (run.metadata.has_author_and_date) {
          r["author"] = TallyJson(run.metadata.author);
          r["date"] = TallyJson(run.metadata.date);
        }
      }
      j[run.name] = std::move(r);
    }
    if (options.verbose || options.worst > 0) {
      nlohmann::json per_page = nlohmann::json::array();
      auto page_json = [&](size_t k) {
        nlohmann::json p = {{"page", pages[k].id}, {"url", pages[k].url}};
        for (const SystemRun& run : runs) {
          p[run.name + "_f1"] = PageF1(run.matches[k]);
          p[run.name + "_word_f1"] = run.words[k].F1();
        }
        return p;
      };
      if (options.verbose) {
        for (size_t k = 0; k < pages.size(); ++k) per_page.push_back(page_json(k));
        j["per_page"] = std::move(per_page);
      }
      if (options.worst > 0) {
        nlohmann::json w = nlohmann::json::array();
        for (size_t k : worst) w.push_back(page_json(k));
        j["worst"] = std::move(w);
      }
    }
    out << j.dump(2) << "\n";
    return Status::Ok();
  }

  out << std::fixed;
  auto page_line = [&](size_t k) {
    const WordMatch& w = ours.words[k];
    out << std::left << std::setw(12) << pages[k].id.substr(0, 12) << std::right << std::setprecision(3)
        << std::setw(7) << PageF1(ours.matches[k]) << std::setw(7) << w.Precision() << std::setw(7) << w.Recall()
        << std::setw(7) << w.F1() << std::setw(7) << w.gold << std::setw(7) << w.predicted;
    if (runs.size() > 1) out << std::setw(9) << runs[1].words[k].F1();
    out << "  " << pages[k].url << "\n";
  };
  auto page_header = [&] {
    out << std::left << std::setw(12) << "page" << std::right << std::setw(7) << "F1" << std::setw(7) << "wprec"
        << std::setw(7) << "wrec" << std::setw(7) << "wF1" << std::setw(7) << "gold" << std::setw(7) << "ours";
    if (runs.size() > 1) out << std::setw(9) << "peer wF1";
    out << "  url\n";
  };
  if (options.verbose) {
    page_header();
    for (size_t k = 0; k < pages.size(); ++k) page_line(k);
    out << "\n";
  }
  if (!worst.empty()) {
    out << "the " << worst.size() << " pages of lowest word F1 (gold/ours: words)\n";
    page_header();
    for (size_t k : worst) page_line(k);
    out << "\n";
  }
  out << "article extraction, " << pages.size() << " pages (part: " << part << "), " << dir_name << "\n";
  out << "shingles: word 4-gram shingles, per-page precision/recall averaged, F1 of the averages\n";
  out << "words: bags of lower-cased \\w+ words, per-page precision/recall/F1 averaged; a page both sides\n"
         "       leave empty scores 1, a page only one side leaves empty 0\n\n";
  out << std::left << std::setw(14) << "system" << std::right << std::setw(7) << "pages" << std::setw(8) << "prec"
      << std::setw(8) << "recall" << std::setw(8) << "F1" << std::setw(9) << "w-prec" << std::setw(9) << "w-recall"
      << std::setw(8) << "w-F1" << std::setw(7) << "empty" << std::setw(10) << "pages/s\n";
  for (const SystemRun& run : runs) {
    out << std::left << std::setw(14) << run.name << std::right << std::setw(7) << run.matches.size()
        << std::setprecision(3) << std::setw(8) << run.score.precision << std::setw(8) << run.score.recall
        << std::setw(8) << run.score.f1 << std::setw(9) << run.word_score.precision << std::setw(9)
        << run.word_score.recall << std::setw(8) << run.word_score.f1 << std::setw(7) << run.empty
        << std::setprecision(1) << std::setw(9) << run.PagesPerSecond() << "\n";
  }
  if (std::any_of(runs.begin(), runs.end(), [](const SystemRun& r) { return r.metadata.title.gold_pages > 0; })) {
    out << "\nmetadata, on pages whose gold has the field: title and author exact after case and space\n"
           "folding (lenient: word F1 >= 0.9), date the same calendar day\n";
    out << std::left << std::setw(14) << "system" << std::setw(8) << "field" << std::right << std::setw(7) << "gold"
        << std::setw(11) << "predicted" << std::setw(9) << "exact" << std::setw(10) << "lenient\n";
    for (const SystemRun& run : runs) {
      if (!run.has_metadata) continue;
      PrintTally(out, run.name, "title", run.metadata.title, true);
      if (!run.metadata.has_author_and_date) continue;
      PrintTally(out, run.name, "author", run.metadata.author, true);
      PrintTally(out, run.name, "date", run.metadata.date, false);
    }
  }
  out << "\npages/s: single thread, decoding and extraction; file reading not timed\n";
  return Status::Ok();
}

}  // namespace storyloom
