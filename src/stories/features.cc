#include "stories/features.h"

#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>

#include "base/calendar.h"
#include "dedup/minhash.h"
#include "text/arabic.h"

namespace storyloom {

Result<Stoplist> Stoplist::Load(const std::string& resources_dir) {
  std::string path = resources_dir + "/stories/stopwords.tsv";
  std::ifstream in(path);
  if (!in) return Fail("cannot read " + path);
  Stoplist list;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    std::string lang = line.substr(0, tab), word = line.substr(tab + 1);
    if (lang == "ar") word = FoldArabic(word);
    list.words_[lang].insert(std::move(word));
  }
  return list;
}

bool Stoplist::Contains(const std::string& lang, const std::string& norm) const {
  auto it = words_.find(lang);
  return it != words_.end() && it->second.contains(norm);
}

uint64_t FeatureKey(std::string_view name) { return XXH3_64bits(name.data(), name.size()); }

bool IsWordish(std::string_view norm) {
  if (norm.size() < 2) return false;
  return std::any_of(norm.begin(), norm.end(), [](char c) {
    unsigned char u = static_cast<unsigned char>(c);
    return u >= 0x80 || std::isalpha(u);
  });
}

bool PublishedBefore(const DocFeatures& a, const DocFeatures& b) {
  if (a.day && b.day) return *a.day < *b.day;
  return a.day.has_value() && !b.day.has_value();
}

namespace {

// Sublinear term frequency, as scikit-learn's sublinear_tf: 1 + log(count).
std::vector<Feature> Weigh(const std::map<uint64_t, float>& counts) {
  std::vector<Feature> out;
  out.reserve(counts.size());
  for (const auto& [key, c] : counts) out.push_back({key, c > 0 ? 1.0f + std::log(std::max(c, 1.0f)) : 0.0f});
  return out;
}

// Keeps the heaviest n (ties: lower key), sorted by key again.
void KeepTop(std::vector<Feature>* f, size_t n) {
  if (f->size() <= n) return;
  std::nth_element(f->begin(), f->begin() + n, f->end(), [](const Feature& a, const Feature& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.key < b.key;
  });
  f->resize(n);
  std::sort(f->begin(), f->end(), [](const Feature& a, const Feature& b) { return a.key < b.key; });
}

}  // namespace

std::vector<uint64_t> DocumentShingles(const Document& doc) {
  std::vector<std::string_view> words;
  words.reserve(doc.tokens.size());
  for (const Token& t : doc.tokens) {
    if (!t.is_word) words.push_back(t.norm);  // joined words repeat their syllables
  }
  return Shingles(words);
}

DocFeatures ComputeFeatures(const Document& doc, const DocumentAnnotation& annotation, const Stoplist& stoplist) {
  // Bounds keep stored state small and comparisons cheap; a news article's
  // identity lives in far fewer than this many distinct terms.
  constexpr size_t kMaxTerms = 400, kMaxAnchors = 200;
  DocFeatures f;
  f.doc = doc.id;
  f.lang = doc.lang;
  f.title = doc.title;
  f.content_hash = doc.content_hash;
  f.sentences = static_cast<uint32_t>(doc.sentences.size());
  if (annotation.date.value) f.day = DayNumber(*annotation.date.value);
  else if (doc.published) f.day = DayNumber(*doc.published);
  // Days and months told (a year alone, a week or a range says too little
  // of when), near the document's own date.
  for (const SentenceAnnotation& s : annotation.sentences) {
    for (const TimeExpression& t : s.dates) {
      if (t.year_unknown) continue;
      const std::string& v = t.value;
      bool month = v.size() == 7 && v[4] == '-';
      if (!(month || (v.size() == 10 && v[4] == '-' && v[7] == '-'))) continue;
      std::optional<int32_t> day = DayNumber(month ? v + "-01" : v);
      if (!day) continue;
      if (f.day && (*day < *f.day - 3 * 366 || *day > *f.day + 60)) continue;
      if (f.told_first.empty() || v < f.told_first) f.told_first = v;
      if (f.told_last.empty() || v > f.told_last) f.told_last = v;
    }
  }

  std::map<uint64_t, float> terms;
  auto add_term = [&](const std::string& name, float w) {
    uint64_t key = FeatureKey(name);
    terms[key] += w;
    f.names.try_emplace(key, name.substr(name.find(':', 2) + 1));
  };
  // The lead says what the story is: its terms count twice.
  ForEachTerm(doc, stoplist, [&](const Token& t, const std::string& name, float w) {
    add_term(name, t.sentence == 0 ? 2.0f * w : w);
  });
  f.words = static_cast<uint32_t>(std::count_if(doc.tokens.begin(), doc.tokens.end(), [](const Token& t) { return !t.is_word; }));
  f.terms = Weigh(terms);
  KeepTop(&f.terms, kMaxTerms);

  // Pivots are kept apart from the other anchors: within one language the
  // terms already say what they say, and across languages they are
  // many-to-many, so they are weighed on their own.
  std::map<uint64_t, float> anchors, pivots;
  for (const SentenceAnnotation& s : annotation.sentences) {
    for (const Anchor& a : s.anchors) {
      uint64_t key = FeatureKey(a.key);
      bool pivot = a.key.starts_with("lex:");
      (pivot ? pivots : anchors)[key] += s.sentence == 0 ? 2.0f : 1.0f;
      f.names.try_emplace(key, a.key);
    }
  }
  f.anchors = Weigh(anchors);
  f.pivots = Weigh(pivots);
  KeepTop(&f.anchors, kMaxAnchors);
  KeepTop(&f.pivots, kMaxTerms);
  f.shingles = DocumentShingles(doc);
  // MinHash here, on the worker threads, not in the story index's single
  // writer; the bands are stored, so reopening a store needs no shingles.
  f.bands = ShingleBands(f.shingles);
  // Only the names of kept features are worth their memory.
  std::unordered_map<uint64_t, std::string> kept;
  for (const Feature& x : f.terms) kept.emplace(x.key, std::move(f.names[x.key]));
  for (const Feature& x : f.anchors) kept.emplace(x.key, std::move(f.names[x.key]));
  for (const Feature& x : f.pivots) kept.emplace(x.key, std::move(f.names[x.key]));
  f.names = std::move(kept);
  return f;
}

}  // namespace storyloom
