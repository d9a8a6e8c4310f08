// `storyloom eval anchors NTREX_DIR [--pair ind/arb]... [--json]`: how much
// more true translations share in anchors than unrelated articles, per
// language pair and per overlap measure.
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "storyloom/anchors.h"
#include "storyloom/text.h"

namespace storyloom::cli {
namespace {

// The language an NTREX file code is annotated in: "arb" -> "ar",
// "zho-CN" -> "zh" (storyloom/text.h).
std::string LanguageOfCode(const std::string& code) { return IsoLanguage(code); }

// The pairs the issue names first, then the rest of the five languages.
std::vector<std::string> DefaultPairs() {
  return {"ind/arb", "eng/vie", "ind/msa", "eng/ind", "eng/arb", "eng/msa",
          "vie/ind", "vie/arb", "vie/msa", "arb/msa"};
}

struct Measure {
  const char* name;
  double true_mean, unrelated_mean, above_p99;
};

std::vector<Measure> MeasuresOf(const OverlapStats& s) {
  return {{"jaccard", s.true_mean, s.unrelated_mean, s.true_above_p99},
          {"jaccard_without_lex", s.true_identity_mean, s.unrelated_identity_mean, s.identity_above_p99},
          {"weighted_jaccard", s.true_weighted_mean, s.unrelated_weighted_mean, s.weighted_above_p99},
          {"idf_weighted_jaccard", s.true_idf_mean, s.unrelated_idf_mean, s.idf_above_p99}};
}

int Run(const std::string& dir, std::vector<std::string> pairs, bool json, const GlobalOptions& global) {
  if (pairs.empty()) pairs = DefaultPairs();
  std::vector<std::pair<std::string, std::string>> codes;
  std::vector<std::string> langs;
  for (const std::string& p : pairs) {
    size_t slash = p.find('/');
    std::string a = p.substr(0, slash), b = slash == std::string::npos ? "" : p.substr(slash + 1);
    if (a.empty() || b.empty()) {
      std::cerr << "storyloom eval anchors: a pair is two NTREX file codes, as eng/deu: '" << p << "'\n";
      return 2;
    }
    codes.emplace_back(a, b);
    langs.push_back(LanguageOfCode(a));
    langs.push_back(LanguageOfCode(b));
  }
  AnchorOptions options;
  options.resources_dir = FindResources(global.resources_dir, global.langid_model).dir;
  options.lexicon_paths = DefaultLexiconPaths(options.resources_dir);
  options.english_lexicon_paths = DefaultEnglishLexiconPaths(options.resources_dir);
  options.languages = langs;
  auto finder = AnchorFinder::Load(options);

  nlohmann::json out = nlohmann::json::array();
  if (!json) {
    std::cout << "NTREX-128 anchor overlap: true pairs are one article in both languages, unrelated pairs two "
                 "different articles.\n"
                 "ratio = true mean / unrelated mean; gap = true mean - unrelated mean; >p99 = share of true "
                 "pairs above the 99th percentile of unrelated pairs.\n\n";
    std::printf("%-8s %-21s %8s %9s %7s %7s %6s\n", "pair", "measure", "true", "unrelated", "ratio", "gap", ">p99");
  }
  for (const auto& [a, b] : codes) {
    auto stats = NtrexOverlap(dir, a, LanguageOfCode(a), b, LanguageOfCode(b), *finder);
    if (!stats) {
      std::cerr << "storyloom eval anchors: " << dir << " lacks DOCUMENT_IDS.tsv or the " << a << "/" << b
                << " files (or their lines differ in number)\n";
      return 1;
    }
    nlohmann::json pair = {{"pair", a + "/" + b},
                           {"true_pairs", stats->true_pairs},
                           {"unrelated_pairs", stats->unrelated_pairs},
                           {"mb_per_s", stats->seconds > 0 ? stats->bytes / 1e6 / stats->seconds : 0.0}};
    bool first = true;
    for (const Measure& m : MeasuresOf(*stats)) {
      double ratio = m.unrelated_mean > 0 ? m.true_mean / m.unrelated_mean : 0.0;
      double gap = m.true_mean - m.unrelated_mean;
      pair[m.name] = {{"true_mean", m.true_mean},
                      {"unrelated_mean", m.unrelated_mean},
                      {"ratio", ratio},
                      {"gap", gap},
                      {"true_above_unrelated_p99", m.above_p99}};
      if (!json) {
        std::printf("%-8s %-21s %8.4f %9.4f %7.2f %7.4f %6.3f\n", first ? (a + "/" + b).c_str() : "", m.name,
                    m.true_mean, m.unrelated_mean, ratio, gap, m.above_p99);
        first = false;
      }
    }
    if (!json) std::fflush(stdout);
    out.push_back(std::move(pair));
  }
  if (json) std::cout << out.dump() << "\n";
  return 0;
}

}  // namespace

void AddEvalAnchors(CLI::App* eval, GlobalOptions& global) {
  struct Args {
    std::string dir;
    std::vector<std::string> pairs;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = eval->add_subcommand(
      "anchors", "anchor overlap of true translations vs unrelated articles on NTREX, per language pair");
  cmd->add_option("dir", args->dir, "the ntrex folder")->required();
  cmd->add_option("--pair", args->pairs, "a pair of NTREX codes like ind/arb (repeatable; default: all ten pairs "
                                         "of eng vie ind arb msa)");
  cmd->add_flag("--json", args->json, "one JSON array, an object a pair");
  cmd->callback([args, &global] { global.exit_code = Run(args->dir, args->pairs, args->json, global); });
}

}  // namespace storyloom::cli
