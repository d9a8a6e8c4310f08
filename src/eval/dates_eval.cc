#include "eval/dates_eval.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <sstream>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "eval/peer.h"
#include "storyloom/dates.h"
#include "storyloom/eval.h"

namespace storyloom {
namespace {



struct SystemRun {
  std::string name;
  double seconds = 0;
  std::vector<std::vector<FoundTimex>> found;  // one list an example
};

Result<SystemRun> RunDateparserPeer(const std::string& path, size_t examples) {
  auto peer = RunPeer("STORYLOOM_DATEPARSER_PEER", "dateparser_dates.py", {path}, "python3-dateparser", "lines");
  if (!peer) return Unexpected(peer.error());
  const nlohmann::json& result = *peer;
  SystemRun run;
  run.name = "dateparser";
  run.seconds = result.value("elapsed_seconds", 0.0);
  for (const auto& line : result["lines"]) {
    std::vector<FoundTimex> found;
    for (const auto& f : line) {
      FoundTimex t;
      t.span = Span{f.value("start", 0u), f.value("end", 0u)};
      t.value = f.value("value", "");
      found.push_back(std::move(t));
    }
    run.found.push_back(std::move(found));
  }
  if (run.found.size() != examples) return Fail("peer answered for a different number of lines");
  return run;
}

SystemRun RunStoryloom(const std::vector<DatesExample>& examples, const DateTagger& tagger) {
  SystemRun run;
  run.name = "storyloom";
  double best = 1e30;
  for (int pass = 0; pass < 5; ++pass) {
    std::vector<std::vector<FoundTimex>> all;
    all.reserve(examples.size());
    auto t0 = std::chrono::steady_clock::now();
    for (const DatesExample& ex : examples) {
      std::vector<FoundTimex> found;
      for (TimeExpression& e : tagger.Tag(ex.text, ex.lang, ex.dct)) found.push_back({e.span, std::move(e.value)});
      all.push_back(std::move(found));
    }
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    best = std::min(best, s);
    run.found = std::move(all);
  }
  run.seconds = best;
  return run;
}

nlohmann::json CountsJson(const DatesCounts& c) {
  return {{"gold", c.gold},
          {"found", c.found},
          {"correct", c.correct},
          {"precision", c.Precision()},
          {"recall", c.Recall()},
          {"f1", c.F1()}};
}

}  // namespace

namespace {

Result<std::string> ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail("cannot read " + path);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

// Shared files read once per process: an NTREX file's lines and its document
// ids, mmds's and Timeline17's articles by id.
struct SourceCache {
  std::map<std::string, std::vector<std::string>> lines;
  std::map<std::string, std::map<std::string, std::string>> articles;
};

SourceCache& Cache() {
  static SourceCache cache;
  return cache;
}

Result<const std::vector<std::string>*> Lines(const std::string& path) {
  auto it = Cache().lines.find(path);
  if (it != Cache().lines.end()) return &it->second;
  auto whole = ReadWhole(path);
  if (!whole) return Unexpected(whole.error());
  std::vector<std::string> lines;
  size_t at = 0;
  while (at <= whole->size()) {
    size_t nl = whole->find('\n', at);
    if (nl == std::string::npos) nl = whole->size();
    size_t end = nl > at && (*whole)[nl - 1] == '\r' ? nl - 1 : nl;  // CRLF files read as lines
    lines.push_back(whole->substr(at, end - at));
    at = nl + 1;
  }
  return &(Cache().lines[path] = std::move(lines));
}

Result<const std::map<std::string, std::string>*> Articles(const std::string& path) {
  auto it = Cache().articles.find(path);
  if (it != Cache().articles.end()) return &it->second;
  std::map<std::string, std::string> byid;
  auto id_of = [](const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); };
  if (path.size() >= 6 && path.compare(path.size() - 6, 6, ".jsonl") == 0) {
    auto lines = Lines(path);
    if (!lines) return Unexpected(lines.error());
    for (const std::string& line : **lines) {
      nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_object() && j.contains("id") && j.contains("text")) byid[id_of(j["id"])] = j["text"].get<std::string>();
    }
  } else {
    auto whole = ReadWhole(path);
    if (!whole) return Unexpected(whole.error());
    nlohmann::json j = nlohmann::json::parse(*whole, nullptr, false);
    if (!j.is_object() || !j.contains("articles")) return Fail(path + ": no \"articles\"");
    for (const auto& a : j["articles"]) {
      std::string text;
      for (const auto& sentence : a.value("sentences", nlohmann::json::array())) {
        if (!text.empty()) text += "\n";
        text += sentence.value("content", "");
      }
      byid[id_of(a["ID"])] = std::move(text);
    }
  }
  return &(Cache().articles[path] = std::move(byid));
}

}  // namespace

Result<std::string> SourceText(const std::string& data_dir, const std::string& source) {
  const size_t hash = source.find('#');
  const std::string file = source.substr(0, hash);
  const std::string key = hash == std::string::npos ? "" : source.substr(hash + 1);
  const std::string path = data_dir + "/" + file;
  if (!std::filesystem::exists(path)) {
    return Fail("source " + source + ": " + path + " not found (the shared data folder is set with --data)");
  }
  if (key.empty()) return ReadWhole(path);
  if (file.rfind("ntrex/", 0) == 0) {
    auto ids = Lines(data_dir + "/ntrex/DOCUMENT_IDS.tsv");
    auto lines = Lines(path);
    if (!ids) return Unexpected(ids.error());
    if (!lines) return Unexpected(lines.error());
    std::string text;
    bool found = false;
    for (size_t i = 0; i < (*ids)->size() && i < (*lines)->size(); ++i) {
      const std::string& row = (**ids)[i];
      if (row.substr(0, row.find('\t')) != key) continue;
      if (found) text += "\n";
      text += (**lines)[i];
      found = true;
    }
    if (!found) return Fail("source " + source + ": no document " + key);
    return text;
  }
  auto articles = Articles(path);
  if (!articles) return Unexpected(articles.error());
  auto it = (*articles)->find(key);
  if (it == (*articles)->end()) return Fail("source " + source + ": no article " + key);
  return it->second;
}

Result<std::vector<DatesExample>> ReadDatesFile(const std::string& path, const std::string& data_dir) {
  std::ifstream in(path);
  if (!in) return Fail("cannot read " + path);
  std::vector<DatesExample> out;
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = path + ":" + std::to_string(lineno) + ": ";
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object() || !(j.contains("text") || j.contains("source")) || !j.contains("lang")) {
      return Fail(where + "not a {lang, dct, text or source, timexes} object");
    }
    const bool text_ok = j.contains("text") ? j["text"].is_string() : j["source"].is_string();
    if (!j["lang"].is_string() || !text_ok || (j.contains("timexes") && !j["timexes"].is_array())) {
      return Fail(where + "\"lang\", \"text\" or \"source\" must be strings and \"timexes\" a list");
    }
    DatesExample ex;
    ex.lang = j["lang"].get<std::string>();
    if (j.contains("dct") && j["dct"].is_string()) ex.dct = j["dct"].get<std::string>();
    if (j.contains("text")) {
      ex.text = j["text"].get<std::string>();
    } else {
      auto text = SourceText(data_dir, j["source"].get<std::string>());
      if (!text) return Fail(where + text.error().message());
      ex.text = std::move(*text);
    }
    if (j.contains("timexes")) {
      for (const auto& t : j["timexes"]) {
        if (!t.is_object() || !t.value("text", nlohmann::json()).is_string() ||
            !t.value("value", nlohmann::json()).is_string() ||
            (t.contains("start") && !t["start"].is_number_integer())) {
          return Fail(where + "each expression is {\"text\", \"value\"[, \"start\"]}");
        }
        GoldTimex g{t["text"].get<std::string>(), t["value"].get<std::string>(), t.value("start", int64_t{-1})};
        if (g.start >= 0 && (static_cast<size_t>(g.start) > ex.text.size() ||
                             ex.text.compare(static_cast<size_t>(g.start), g.text.size(), g.text) != 0)) {
          return Fail(where + "\"" + g.text + "\" is not at byte " + std::to_string(g.start) + " of its text");
        }
        ex.gold.push_back(std::move(g));
      }
    }
    out.push_back(std::move(ex));
  }
  return out;
}

std::vector<Span> LocateGold(const DatesExample& example) {
  std::vector<Span> spans;
  size_t from = 0;
  for (const GoldTimex& g : example.gold) {
    size_t at = g.start >= 0 ? static_cast<size_t>(g.start)
                : g.text.empty() ? std::string::npos : example.text.find(g.text, from);
    if (at == std::string::npos && !g.text.empty()) at = example.text.find(g.text);
    if (at == std::string::npos) {
      spans.push_back(Span{});
      continue;
    }
    spans.push_back(Span{static_cast<uint32_t>(at), static_cast<uint32_t>(at + g.text.size())});
    from = at + g.text.size();
  }
  return spans;
}

void ScoreDates(const DatesExample& example, const std::vector<FoundTimex>& found, DatesCounts* counts) {
  std::vector<Span> gold = LocateGold(example);
  std::vector<bool> used(gold.size(), false);
  counts->gold += static_cast<int>(gold.size());
  counts->found += static_cast<int>(found.size());
  for (const FoundTimex& f : found) {
    for (size_t g = 0; g < gold.size(); ++g) {
      if (used[g] || gold[g].size() == 0) continue;
      const bool overlap = f.span.start < gold[g].end && gold[g].start < f.span.end;
      if (overlap && f.value == example.gold[g].value) {
        used[g] = true;
        ++counts->correct;
        break;
      }
    }
  }
}

Status RunDatesEval(const std::string& path, const DateTagger& tagger, const DatesEvalOptions& options,
                    std::ostream& out) {
  auto examples = ReadDatesFile(path, options.data_dir);
  if (!examples) return examples.error();
  std::vector<SystemRun> runs;
  runs.push_back(RunStoryloom(*examples, tagger));
  if (options.peer) {
    // The peer reads texts: give it the file with every source filled in.
    std::string resolved = (std::filesystem::temp_directory_path() /
                            ("storyloom-dates-" + std::to_string(::getpid()) + ".jsonl")).string();
    {
      std::ofstream tmp(resolved);
      for (const DatesExample& ex : *examples) {
        nlohmann::json j = {{"lang", ex.lang}, {"text", ex.text}};
        j["dct"] = ex.dct.empty() ? nlohmann::json(nullptr) : nlohmann::json(ex.dct);
        tmp << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
      }
      if (!tmp) return Status::Error("cannot write " + resolved);
    }
    auto peer = RunDateparserPeer(resolved, examples->size());
    std::filesystem::remove(resolved);
    if (!peer) return peer.error();
    runs.push_back(std::move(*peer));
  }
  // counts[system][lang]; "all" sums every language.
  std::vector<std::map<std::string, DatesCounts>> counts(runs.size());
  std::vector<std::string> langs;
  int total_gold = 0;
  for (size_t i = 0; i < examples->size(); ++i) {
    const DatesExample& ex = (*examples)[i];
    if (std::find(langs.begin(), langs.end(), ex.lang) == langs.end()) langs.push_back(ex.lang);
    total_gold += static_cast<int>(ex.gold.size());
    for (size_t r = 0; r < runs.size(); ++r) {
      ScoreDates(ex, runs[r].found[i], &counts[r][ex.lang]);
      ScoreDates(ex, runs[r].found[i], &counts[r]["all"]);
    }
  }
  langs.push_back("all");
  if (options.verbose) {
    // The same one-to-one matching as ScoreDates: a found expression takes
    // the first unused gold it overlaps with the same value.
    for (size_t i = 0; i < examples->size(); ++i) {
      const DatesExample& ex = (*examples)[i];
      std::vector<Span> gold = LocateGold(ex);
      std::vector<bool> used(gold.size(), false);
      for (const FoundTimex& f : runs[0].found[i]) {
        bool ok = false;
        for (size_t g = 0; g < gold.size() && !ok; ++g) {
          if (!used[g] && gold[g].size() != 0 && f.span.start < gold[g].end && gold[g].start < f.span.end &&
              f.value == ex.gold[g].value) {
            used[g] = ok = true;
          }
        }
        if (!ok) {
          out << "FP " << ex.lang << " " << (i + 1) << " @" << f.span.start << ": '"
              << ex.text.substr(f.span.start, f.span.size()) << "' -> " << f.value << "\n";
        }
      }
      for (size_t g = 0; g < gold.size(); ++g) {
        if (gold[g].size() == 0) {
          out << "MISSING " << ex.lang << " " << (i + 1) << ": gold '" << ex.gold[g].text << "' not in the text\n";
        } else if (!used[g]) {
          out << "FN " << ex.lang << " " << (i + 1) << " @" << gold[g].start << ": '" << ex.gold[g].text << "' = "
              << ex.gold[g].value << "\n";
        }
      }
    }
  }
  if (options.json) {
    nlohmann::json j;
    j["file"] = path;
    j["expressions"] = total_gold;
    for (size_t r = 0; r < runs.size(); ++r) {
      nlohmann::json sys;
      sys["seconds"] = runs[r].seconds;
      sys["expressions_per_second"] = runs[r].seconds > 0 ? total_gold / runs[r].seconds : 0.0;
      for (const std::string& lang : langs) sys["languages"][lang] = CountsJson(counts[r][lang]);
      j["systems"][runs[r].name] = sys;
    }
    for (const std::string& lang : langs) j["languages"][lang] = CountsJson(counts[0][lang]);
    out << j.dump() << "\n";
    return Status::Ok();
  }
  out << std::left << std::setw(6) << "lang" << std::right << std::setw(6) << "gold";
  for (const SystemRun& run : runs) {
    out << "  " << std::setw(10) << run.name << std::setw(7) << "P" << std::setw(7) << "R" << std::setw(7) << "F1";
  }
  out << "\n" << std::fixed << std::setprecision(3);
  for (const std::string& lang : langs) {
    out << std::left << std::setw(6) << lang << std::right << std::setw(6) << counts[0][lang].gold;
    for (size_t r = 0; r < runs.size(); ++r) {
      const DatesCounts& c = counts[r][lang];
      out << "  " << std::setw(10) << c.found << std::setw(7) << c.Precision() << std::setw(7) << c.Recall()
          << std::setw(7) << c.F1();
    }
    out << "\n";
  }
  out << std::setprecision(0);
  for (const SystemRun& run : runs) {
    out << run.name << ": " << std::setprecision(4) << run.seconds << " s, " << std::setprecision(0)
        << (run.seconds > 0 ? total_gold / run.seconds : 0.0) << " expressions/s\n";
  }
  out << "(the count under each system is the number of expressions it found)\n";
  return Status::Ok();
}

}  // namespace storyloom
