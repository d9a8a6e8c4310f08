#include "annotate/anchors.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "annotate/numbers.h"

namespace storyloom {

std::vector<std::string> DefaultLexiconPaths(const std::string& resources_dir,
                                             const std::vector<std::string>& languages) {
  const bool english_alone = languages.size() == 1 && languages[0] == "en";
  std::vector<std::string> paths;
  std::ifstream in(resources_dir + "/lexicons/lexicons.tsv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
    std::vector<std::string> fields;
    std::stringstream ss(line);
    for (std::string f; std::getline(ss, f, '\t');) fields.push_back(f);
    if (fields.empty() || fields[0].empty()) continue;
    if (english_alone && (fields.size() < 3 || fields[2] != "en")) continue;
    const std::string& path = fields[0];
    paths.push_back(path[0] == '/' ? path : resources_dir + "/" + path);
  }
  return paths;
}

std::vector<std::string> DefaultEnglishLexiconPaths(const std::string& resources_dir) {
  return DefaultLexiconPaths(resources_dir, {"en"});
}

std::unique_ptr<AnchorResources> AnchorResources::Load(const AnchorOptions& options) {
  std::unique_ptr<AnchorResources> r(new AnchorResources());
  std::string dir = options.resources_dir + "/anchors/";
  r->places_ = PlaceTable::Build({dir + "places_extra.tsv", dir + "aliases.tsv"});
  r->lexicon_ = Lexicon::Load(options.lexicon_paths, options.languages,
                              options.english_lexicon_paths ? &*options.english_lexicon_paths : nullptr);
  r->lexicon_weight_ = options.lexicon_weight;
  std::ifstream in(dir + "stopwords.tsv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    r->stopwords_[line.substr(0, tab)].insert(FoldWord(line.substr(tab + 1)));
  }
  return r;
}

bool AnchorResources::IsCommon(const std::string& lang, const std::string& folded) const {
  if (auto it = stopwords_.find(lang); it != stopwords_.end() && it->second.contains(folded)) return true;
  return lexicon_.Knows(lang, folded);
}

std::vector<Anchor> FindAnchors(std::string_view text, const std::string& lang, const AnchorResources& resources) {
  std::vector<AnchorToken> tokens = AnchorTokens(text);
  std::vector<bool> used(tokens.size(), false);
  std::vector<Anchor> out;
  IsCommonWord is_common = [&resources](const std::string& l, const std::string& f) {
    return resources.IsCommon(l, f);
  };
  // Each finder appends in token order: out is four sorted runs.
  size_t runs[5] = {0, 0, 0, 0, 0};
  resources.places().Find(tokens, lang, is_common, &out, &used);
  runs[1] = out.size();
  FindNumbers(tokens, text, lang, &out, &used);
  runs[2] = out.size();
  // Arabic names need a lexicon to tell words from names; other scripts use capitals.
  if (lang == "ar" && resources.lexicon().size("ar") == 0) is_common = nullptr;
  FindNames(tokens, text, lang, is_common, resources.transliterations(), &out, &used);
  runs[3] = out.size();
  resources.lexicon().Find(tokens, lang, resources.lexicon_weight(), &out, used, &resources.transliterations());
  runs[4] = out.size();
  // Text order, ties in finder order: a stable sort, done as stable merges
  // of the runs (no buffer at all when there is one run or they interleave
  // not at all).
  auto before = [](const Anchor& a, const Anchor& b) { return a.span.start < b.span.start; };
  if (std::is_sorted(out.begin(), out.end(), before)) return out;
  bool runs_sorted = true;
  for (int r = 0; r < 4; ++r)
    runs_sorted = runs_sorted && std::is_sorted(out.begin() + runs[r], out.begin() + runs[r + 1], before);
  if (!runs_sorted) {
    std::stable_sort(out.begin(), out.end(), before);
    return out;
  }
  for (int r = 1; r < 4; ++r)
    std::inplace_merge(out.begin(), out.begin() + runs[r], out.begin() + runs[r + 1], before);
  return out;
}

}  // namespace storyloom
