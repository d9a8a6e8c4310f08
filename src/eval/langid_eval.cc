// `storyloom eval langid DIR` (RunLangidEval, storyloom/eval.h).
#include "storyloom/eval.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <vector>

namespace storyloom {
namespace {

struct LanguageFile {
  const char* file_code;  // NTREX's 3-letter code
  const char* file_name;
  const char* lang;  // the ISO 639-1 code Identify should return
  double target;     // storyloom's accuracy target
};

constexpr LanguageFile kFiles[] = {
    {"eng", "newstest2019-src.eng.txt", "en", 0.99}, {"vie", "newstest2019-ref.vie.txt", "vi", 0.99},
    {"ind", "newstest2019-ref.ind.txt", "id", 0.97}, {"arb", "newstest2019-ref.arb.txt", "ar", 0.99},
    {"msa", "newstest2019-ref.msa.txt", "ms", 0.90},
};

// What one identifier said about one file's sentences.
struct Tally {
  int correct = 0;
  std::map<std::string, int> wrong;  // label -> sentences
  double seconds = 0;
};

struct FileResult {
  const LanguageFile* file = nullptr;
  int sentences = 0;
  Tally storyloom, raw;
};

double Accuracy(const Tally& t, int n) { return n ? static_cast<double>(t.correct) / n : 0; }

int Called(const Tally& t, const std::string& lang) {
  auto it = t.wrong.find(lang);
  return it == t.wrong.end() ? 0 : it->second;
}

// The most frequent wrong labels, "id 540, min 3".
std::string WrongSummary(const Tally& t) {
  std::vector<std::pair<int, std::string>> v;
  for (const auto& [lang, n] : t.wrong) v.push_back({n, lang.empty() ? "(none)" : lang});
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::string s;
  for (size_t i = 0; i < v.size() && i < 4; ++i) {
    if (!s.empty()) s += ", ";
    s += v[i].second + " " + std::to_string(v[i].first);
  }
  return s.empty() ? "-" : s;
}

nlohmann::json TallyJson(const Tally& t, int n) {
  return {{"correct", t.correct}, {"accuracy", Accuracy(t, n)}, {"wrong", t.wrong}};
}

}  // namespace

Status RunLangidEval(const std::string& dir, const LanguageIdentifier& identifier,
                     const LangidEvalOptions& options, std::ostream& out) {
  using Clock = std::chrono::steady_clock;
  std::vector<FileResult> results;
  size_t total_bytes = 0;
  int total_sentences = 0;
  for (const LanguageFile& f : kFiles) {
    std::string path = dir + "/" + f.file_name;
    std::ifstream in(path);
    if (!in) return Status::Error("cannot open " + path + " (expected the NTREX folder with " + f.file_name + ")");
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") != std::string::npos) lines.push_back(std::move(line));
    }
    FileResult r;
    r.file = &f;
    r.sentences = static_cast<int>(lines.size());
    auto t0 = Clock::now();
    for (const std::string& s : lines) {
      LanguageGuess g = identifier.Identify(s);
      if (g.lang == f.lang) ++r.storyloom.correct; else ++r.storyloom.wrong[g.lang];
    }
    auto t1 = Clock::now();
    for (const std::string& s : lines) {
      auto top = identifier.RawTopK(s, 1);
      std::string lang = top.empty() ? "" : top[0].lang;
      if (lang == f.lang) ++r.raw.correct; else ++r.raw.wrong[lang];
    }
    auto t2 = Clock::now();
    r.storyloom.seconds = std::chrono::duration<double>(t1 - t0).count();
    r.raw.seconds = std::chrono::duration<double>(t2 - t1).count();
    for (const std::string& s : lines) total_bytes += s.size();
    total_sentences += r.sentences;
    results.push_back(std::move(r));
  }

  double storyloom_seconds = 0, raw_seconds = 0;
  for (const FileResult& r : results) {
    storyloom_seconds += r.storyloom.seconds;
    raw_seconds += r.raw.seconds;
  }
  auto per_second = [&](double seconds) { return seconds > 0 ? total_sentences / seconds : 0.0; };
  const FileResult* ind = nullptr;
  const FileResult* msa = nullptr;
  bool all_met = true;
  for (const FileResult& r : results) {
    if (std::string(r.file->lang) == "id") ind = &r;
    if (std::string(r.file->lang) == "ms") msa = &r;
    all_met = all_met && Accuracy(r.storyloom, r.sentences) >= r.file->target;
  }

  if (options.json) {
    nlohmann::json j;
    j["dir"] = dir;
    for (const FileResult& r : results) {
      j["languages"][r.file->lang] = {
          {"file", r.file->file_code},
          {"sentences", r.sentences},
          {"target", r.file->target},
          {"met", Accuracy(r.storyloom, r.sentences) >= r.file->target},
          {"storyloom", TallyJson(r.storyloom, r.sentences)},
          {"lid176", TallyJson(r.raw, r.sentences)},
      };
    }
    j["confusion"] = {
        {"ind_called_ms", {{"storyloom", Called(ind->storyloom, "ms")}, {"lid176", Called(ind->raw, "ms")}}},
        {"msa_called_id", {{"storyloom", Called(msa->storyloom, "id")}, {"lid176", Called(msa->raw, "id")}}},
    };
    j["speed"] = {{"sentences", total_sentences},
                  {"bytes", total_bytes},
                  {"storyloom_sentences_per_second", per_second(storyloom_seconds)},
                  {"lid176_sentences_per_second", per_second(raw_seconds)}};
    j["all_targets_met"] = all_met;
    out << j.dump(2) << "\n";
    return Status::Ok();
  }

  char buf[256];
  out << "Language identification on NTREX (" << dir << ")\n";
  std::snprintf(buf, sizeof buf, "%-5s %-4s %9s %10s %8s %7s  %s\n", "lang", "file", "sentences", "storyloom",
                "lid.176", "target", "storyloom's mistakes");
  out << buf;
  for (const FileResult& r : results) {
    double acc = Accuracy(r.storyloom, r.sentences);
    std::snprintf(buf, sizeof buf, "%-5s %-4s %9d %10.4f %8.4f %5.2f%s  %s\n", r.file->lang, r.file->file_code,
                  r.sentences, acc, Accuracy(r.raw, r.sentences), r.file->target, acc >= r.file->target ? "  " : " !",
                  WrongSummary(r.storyloom).c_str());
    out << buf;
  }
  out << "\nIndonesian/Malay confusion   storyloom  lid.176\n";
  std::snprintf(buf, sizeof buf, "  ind sentences called ms  %9d %8d   (of %d)\n", Called(ind->storyloom, "ms"),
                Called(ind->raw, "ms"), ind->sentences);
  out << buf;
  std::snprintf(buf, sizeof buf, "  msa sentences called id  %9d %8d   (of %d)\n", Called(msa->storyloom, "id"),
                Called(msa->raw, "id"), msa->sentences);
  out << buf;
  std::snprintf(buf, sizeof buf, "\nSpeed (%d sentences, %.1f MB, one thread): storyloom %.0f sentences/s, "
                "lid.176 top-1 %.0f sentences/s\n",
                total_sentences, total_bytes / 1e6, per_second(storyloom_seconds), per_second(raw_seconds));
  out << buf;
  out << (all_met ? "All accuracy targets met.\n" : "Some accuracy targets missed (marked !).\n");
  return Status::Ok();
}

}  // namespace storyloom
