// The story index's measures: centroids and their norms under the corpus's
// idf, a document's score against a story and two stories' likeness, the
// fade with time, core places, the candidate stories a document is scored
// against, and why it joined.
#include "stories/story_index.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace storyloom {

namespace {

// Centroids keep their heaviest keys only: a story of hundreds of reports
// would otherwise carry tens of thousands of keys, and every comparison pays
// for each of them.
constexpr size_t kCentroidKeys = 1500;
// Rarest features of a document that look up candidate stories.
constexpr size_t kProbeFeatures = 40;
// A feature in more than this share of documents finds no story worth the
// look-up (once the corpus has some size).
constexpr double kCommonShare = 0.2;

double Norm(const std::vector<Feature>& v) {
  double s = 0;
  for (const Feature& f : v) s += static_cast<double>(f.weight) * f.weight;
  return std::sqrt(s);
}

}  // namespace

// A story needs this many documents with a main country before its core
// places judge others.
constexpr int kCoreEstablished = 3;

uint64_t StoryIndex::CoreOf(const std::vector<Feature>& anchors) const {
  uint64_t best = 0;
  float weight = 0;
  for (const Feature& x : anchors) {  // sorted by key: ties go to the lower key
    if (x.weight > weight && countries_.contains(x.key)) best = x.key, weight = x.weight;
  }
  return best;
}

uint64_t StoryIndex::MainCore(const Story& s) const {
  uint64_t best = 0;
  int n = 0;
  for (const auto& [key, count] : s.core) {
    if (count > n || (count == n && key < best)) best = key, n = count;
  }
  return best;
}

bool StoryIndex::SharesCore(uint64_t core, const Story& s) const {
  if (core == 0 || s.core_docs < kCoreEstablished) return true;
  auto it = s.core.find(core);
  int n = it == s.core.end() ? 0 : it->second;
  return n >= options_.core_share * s.core_docs;
}

void StoryIndex::AddTo(Centroid& c, const std::vector<Feature>& v, double scale) const {
  double n = Norm(v);
  if (n == 0) return;
  for (const Feature& f : v) {
    Weight& x = c.weights[f.key];
    if (x.w == 0 && x.id == 0) x.id = IdOf(f.key);
    x.w += static_cast<float>(scale * f.weight / n);
  }
  if (c.weights.size() > 2 * kCentroidKeys) Prune(c, kCentroidKeys);
}

void StoryIndex::Absorb(Centroid& into, const Centroid& other) const {
  other.weights.ForEach([&](uint64_t key, const Weight& x) {
    Weight& y = into.weights[key];
    y.id = x.id;
    y.w += x.w;
  });
  if (into.weights.size() > 2 * kCentroidKeys) Prune(into, kCentroidKeys);
}

void StoryIndex::Prune(Centroid& c, size_t keep) const {
  // The heaviest, ties to the lower feature key.
  std::vector<std::tuple<float, uint64_t, uint32_t>> all;
  all.reserve(c.weights.size());
  c.weights.ForEach([&](uint64_t key, const Weight& x) { all.push_back({x.w, key, x.id}); });
  std::nth_element(all.begin(), all.begin() + keep, all.end(), [](const auto& a, const auto& b) {
    return std::get<0>(a) != std::get<0>(b) ? std::get<0>(a) > std::get<0>(b) : std::get<1>(a) < std::get<1>(b);
  });
  all.resize(keep);
  // Kept in key order, so the table's order depends on the entries alone.
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return std::get<1>(a) < std::get<1>(b); });
  FlatKeyMap<Weight> kept(keep);
  for (const auto& [w, key, id] : all) kept[key] = {w, id};
  c.weights = std::move(kept);
}

double StoryIndex::Idf(uint64_t key) const {
  const uint32_t* id = ids_.Find(key);
  return IdfOfDf(id ? df_[*id - 1] : 0);
}

double StoryIndex::IdfOfDf(uint32_t df) const {
  if (df >= idf_stamp_.size()) {
    idf_stamp_.resize(std::max<size_t>(df + 1, 2 * idf_stamp_.size()), 0);
    idf_by_df_.resize(idf_stamp_.size());
  }
  if (idf_stamp_[df] != documents_ + 1) {
    // Smoothed as scikit-learn's TfidfVectorizer: ln((1 + n) / (1 + df)) + 1.
    idf_by_df_[df] = std::log((1.0 + documents_) / (1.0 + df)) + 1.0;
    idf_stamp_[df] = documents_ + 1;
  }
  return idf_by_df_[df];
}

StoryIndex::Weighted StoryIndex::Weigh(const std::vector<Feature>& v) const {
  Weighted out;
  out.v.reserve(v.size());
  out.idf.reserve(v.size());
  out.ids.reserve(v.size());
  double n = 0;
  for (const Feature& f : v) {
    uint32_t id = IdOf(f.key);
    double idf = IdfOfDf(df_[id]);
    double w = f.weight * idf;
    out.v.push_back({f.key, static_cast<float>(w)});
    out.idf.push_back(static_cast<float>(idf));
    out.ids.push_back(id);
    n += w * w;
  }
  out.norm = std::sqrt(n);
  return out;
}

StoryIndex::WeightedDoc StoryIndex::Weigh(const DocFeatures& f) const {
  return {Weigh(f.terms), Weigh(f.anchors), Weigh(f.pivots)};
}

void StoryIndex::Renorm(Centroid& c) const {
  double cn = 0;
  c.weights.ForEach([&](uint64_t, const Weight& e) {
    double x = e.w * IdfOfDf(df_[e.id]);
    cn += x * x;
  });
  c.norm = std::sqrt(cn);
}

void StoryIndex::Renorm(Story& s) const {
  for (auto& [lang, c] : s.terms) Renorm(c);
  Renorm(s.anchors);
  Renorm(s.pivots);
}

void StoryIndex::RefreshNormsIfDue() {
  if (documents_ < next_refresh_) return;
  // In a bulk restore, refreshes before the last one are skipped: it
  // recomputes every norm anyway.
  if (documents_ >= bulk_until_) {
    for (auto& [id, s] : stories_) {
      if (s.alive) Renorm(s);
    }
  }
  next_refresh_ = documents_ + documents_ / 50 + 1;
}

void StoryIndex::BeginBulkRestore(size_t documents) {
  // The refresh points from here on, as RefreshNormsIfDue will meet them:
  // the last one at or before `documents` ends the bulk.
  size_t at = next_refresh_ > documents_ ? next_refresh_ : documents_ + 1;
  size_t last = 0;
  while (at <= documents) {
    last = at;
    at = at + at / 50 + 1;
  }
  bulk_until_ = last;
}

void StoryIndex::EndBulkRestore() {
  // Fewer documents came than announced (some moved out of the range read
  // meanwhile): the norms the skipped refresh would have computed, now.
  if (documents_ >= bulk_until_) return;
  bulk_until_ = 0;
  for (auto& [id, s] : stories_) {
    if (s.alive) Renorm(s);
  }
}

double StoryIndex::Cosine(const Weighted& doc, const Centroid& c) const {
  if (doc.norm == 0 || c.weights.empty()) return 0;
  // The document's weights already carry the idf; the centroid's take the
  // same idf here.
  double dot = 0;
  for (size_t i = 0; i < doc.v.size(); ++i) {
    if (const Weight* w = c.weights.Find(doc.v[i].key)) dot += static_cast<double>(doc.v[i].weight) * w->w * doc.idf[i];
  }
  if (dot == 0) return 0;
  return c.norm == 0 ? 0 : dot / (doc.norm * c.norm);
}

StoryIndex::Weighted StoryIndex::AsDocument(const Centroid& c) const {
  std::vector<std::tuple<uint64_t, uint32_t, float>> entries;  // key, id, weight
  entries.reserve(c.weights.size());
  c.weights.ForEach([&](uint64_t key, const Weight& x) { entries.push_back({key, x.id, x.w}); });
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return std::get<0>(a) < std::get<0>(b); });
  Weighted out;
  out.v.reserve(entries.size());
  out.idf.reserve(entries.size());
  double n = 0;
  for (const auto& [key, id, weight] : entries) {
    double idf = IdfOfDf(df_[id]);
    double w = weight * idf;
    out.v.push_back({key, static_cast<float>(w)});
    out.idf.push_back(static_cast<float>(idf));
    n += w * w;
  }
  out.norm = std::sqrt(n);
  return out;
}

double StoryIndex::StorySimilarity(const Story& a, const Story& b) const {
  // Each story's main country rare in the other: two affairs, however alike
  // (checked first: it costs nothing beside the cosines).
  if (options_.core_share > 0 && a.core_docs >= kCoreEstablished && b.core_docs >= kCoreEstablished &&
      !SharesCore(MainCore(a), b) && !SharesCore(MainCore(b), a)) {
    return 0;
  }
  // As a document is scored against a story, with a's centroids as the
  // document: the best of the shared languages' scores, else across.
  double anchors = Cosine(AsDocument(a.anchors), b.anchors);
  double best = options_.cross_scale *
                ((1 - options_.pivot_share) * anchors + options_.pivot_share * Cosine(AsDocument(a.pivots), b.pivots));
  for (const auto& [lang, centroid] : a.terms) {
    auto it = b.terms.find(lang);
    if (it == b.terms.end()) continue;
    double same = options_.term_share * Cosine(AsDocument(centroid), it->second) + (1 - options_.term_share) * anchors;
    best = std::max(best, same);
  }
  return best;
}

double StoryIndex::Score(const DocFeatures& f, const WeightedDoc& w, const Story& s) const {
  double anchors = Cosine(w.anchors, s.anchors);
  if (auto it = s.terms.find(f.lang); it != s.terms.end()) {
    return options_.term_share * Cosine(w.terms, it->second) + (1 - options_.term_share) * anchors;
  }
  return options_.cross_scale * ((1 - options_.pivot_share) * anchors + options_.pivot_share * Cosine(w.pivots, s.pivots));
}

double StoryIndex::Fade(const Story& s, const std::optional<int32_t>& day) const {
  if (!day || !s.start) return 1;
  if (options_.max_span_days > 0 && std::abs(*day - *s.start) > options_.max_span_days) return 0;
  if (options_.fade_days <= 0) return 1;
  int gap = std::max({0, *day - *s.end, *s.start - *day});
  // A story that has run for months forgives a longer silence than one of
  // a day: its own span widens the scale.
  double scale = options_.fade_days + options_.fade_span * (*s.end - *s.start);
  // News passes, not the calendar: a silence in which few documents
  // arrived (a sparse feed, a small corpus) is forgiven. The scale grows by
  // the days the stream takes to bring fade_documents documents.
  if (options_.fade_documents > 0 && dated_ > 1 && last_day_ > first_day_) {
    double per_day = static_cast<double>(dated_) / (last_day_ - first_day_);
    scale += options_.fade_documents / per_day;
  }
  return std::exp(-gap / scale);
}

std::vector<int64_t> StoryIndex::CandidateStories(const WeightedDoc& w) const {
  std::vector<int64_t> out;
  if (options_.exhaustive) {
    for (const auto& [id, s] : stories_) {
      if (s.alive) out.push_back(id);
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  // The document's rarest features that some story holds, weighted by idf,
  // vote for the stories that hold them. Each kind gets its own share of
  // probes: a document's own words (names, rare terms) would otherwise fill
  // every slot and leave no anchor to find a story in another language.
  // A feature's idf says how common it is: above kCommonShare of the
  // documents, ln((1 + n) / (1 + df)) + 1 < ln(1 / kCommonShare) + 1.
  const double common = std::log(1 / kCommonShare) + 1;
  std::unordered_map<int64_t, double> votes;
  const std::pair<const Weighted*, size_t> kinds[] = {
      {&w.terms, kProbeFeatures / 2}, {&w.anchors, kProbeFeatures / 3}, {&w.pivots, kProbeFeatures / 6}};
  for (const auto& [v, quota] : kinds) {
    std::vector<std::tuple<double, uint64_t, const std::vector<uint32_t>*>> probes;
    for (size_t i = 0; i < v->v.size(); ++i) {
      if (documents_ >= 50 && v->idf[i] < common) continue;
      const std::vector<uint32_t>& list = postings_[v->ids[i]];
      if (list.empty()) continue;
      probes.push_back({v->v[i].weight, v->v[i].key, &list});
    }
    std::sort(probes.begin(), probes.end(), [](const auto& a, const auto& b) {
      return std::get<0>(a) != std::get<0>(b) ? std::get<0>(a) > std::get<0>(b) : std::get<1>(a) < std::get<1>(b);
    });
    if (probes.size() > quota) probes.resize(quota);
    for (const auto& [weight, key, list] : probes) {
      size_t from = list->size() > kPostingScan ? list->size() - kPostingScan : 0;
      for (size_t i = from; i < list->size(); ++i) {
        int64_t s = Resolve(story_ids_[(*list)[i]]);
        if (s) votes[s] += weight;
      }
    }
  }
  std::vector<std::pair<double, int64_t>> ranked;
  ranked.reserve(votes.size());
  for (const auto& [s, v] : votes) ranked.push_back({v, s});
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  for (size_t i = 0; i < ranked.size() && i < options_.candidates; ++i) out.push_back(ranked[i].second);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> StoryIndex::Why(const DocFeatures& f, const Story& s) const {
  std::vector<std::pair<double, uint64_t>> shared;
  auto collect = [&](const std::vector<Feature>& v, const Centroid* c) {
    if (!c) return;
    for (const Feature& x : v) {
      uint32_t id = IdOf(x.key);
      if (const Weight* w = c->weights.Find(x.key)) shared.push_back({x.weight * w->w * std::pow(IdfOfDf(df_[id]), 2), x.key});
    }
  };
  auto terms = s.terms.find(f.lang);
  collect(f.terms, terms == s.terms.end() ? nullptr : &terms->second);
  collect(f.anchors, &s.anchors);
  if (terms == s.terms.end()) collect(f.pivots, &s.pivots);
  std::sort(shared.begin(), shared.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::vector<std::string> out;
  for (const auto& [w, key] : shared) {
    if (out.size() == 6) break;
    auto it = f.names.find(key);
    if (it != f.names.end()) out.push_back(it->second);
  }
  return out;
}

}  // namespace storyloom
