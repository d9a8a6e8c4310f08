#include "stories/story_index.h"

#include <algorithm>
#include <cmath>
#include <tuple>
#include <unordered_set>

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
// Recent stories per posting list are enough to find the live ones.
constexpr size_t kPostingScan = 400;
// Documents of a story checked as possible originals of a translation.
constexpr size_t kTranslationScan = 64;
// Leading stories searched for the original of a translation, and the share
// of `join` their score must reach.
constexpr size_t kTranslationStories = 3;
constexpr double kTranslationReach = 0.5;

double Norm(const std::vector<Feature>& v) {
  double s = 0;
  for (const Feature& f : v) s += static_cast<double>(f.weight) * f.weight;
  return std::sqrt(s);
}

}  // namespace

std::vector<uint64_t> BandsOf(const DocFeatures& f) {
  return f.bands.size() == kBands ? f.bands : BandHashes(MinHash(f.shingles));
}

// A story needs this many documents with a main country before its core
// places judge others.
constexpr int kCoreEstablished = 3;

StoryIndex::StoryIndex(StoryOptions options) : options_(options) {
  // Country anchors are "geo:" and an ISO 3166 code (cities add a third part).
  for (char a = 'A'; a <= 'Z'; ++a) {
    for (char b = 'A'; b <= 'Z'; ++b) countries_.insert(FeatureKey(std::string("geo:") + a + b));
  }
}

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


void StoryIndex::Centroid::Add(const std::vector<Feature>& v, double scale) {
  double n = Norm(v);
  if (n == 0) return;
  for (const Feature& f : v) weights[f.key] += static_cast<float>(scale * f.weight / n);
  if (weights.size() > 2 * kCentroidKeys) Prune(kCentroidKeys);
}

void StoryIndex::Centroid::Absorb(const Centroid& other) {
  for (const auto& [k, w] : other.weights) weights[k] += w;
  if (weights.size() > 2 * kCentroidKeys) Prune(kCentroidKeys);
}

void StoryIndex::Centroid::Prune(size_t keep) {
  std::vector<std::pair<float, uint64_t>> all;
  all.reserve(weights.size());
  for (const auto& [k, w] : weights) all.push_back({w, k});
  std::nth_element(all.begin(), all.begin() + keep, all.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  all.resize(keep);
  std::unordered_map<uint64_t, float> kept;
  kept.reserve(keep);
  for (const auto& [w, k] : all) kept.emplace(k, w);
  weights = std::move(kept);
}

double StoryIndex::Idf(uint64_t key) const {
  // Smoothed as scikit-learn's TfidfVectorizer: ln((1 + n) / (1 + df)) + 1.
  auto it = df_.find(key);
  double df = it == df_.end() ? 0 : it->second;
  return std::log((1.0 + documents_) / (1.0 + df)) + 1.0;
}

StoryIndex::Weighted StoryIndex::Weigh(const std::vector<Feature>& v) const {
  Weighted out;
  out.v.reserve(v.size());
  out.idf.reserve(v.size());
  double n = 0;
  for (const Feature& f : v) {
    double idf = Idf(f.key);
    double w = f.weight * idf;
    out.v.push_back({f.key, static_cast<float>(w)});
    out.idf.push_back(static_cast<float>(idf));
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
  for (const auto& [k, w] : c.weights) {
    double x = w * Idf(k);
    cn += x * x;
  }
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

double StoryIndex::Cosine(const Weighted& doc, const Centroid& c) const {
  if (doc.norm == 0 || c.weights.empty()) return 0;
  // The document's weights already carry the idf; the centroid's take the
  // same idf here.
  double dot = 0;
  for (size_t i = 0; i < doc.v.size(); ++i) {
    auto it = c.weights.find(doc.v[i].key);
    if (it != c.weights.end()) dot += static_cast<double>(doc.v[i].weight) * it->second * doc.idf[i];
  }
  if (dot == 0) return 0;
  return c.norm == 0 ? 0 : dot / (doc.norm * c.norm);
}

double StoryIndex::StorySimilarity(const Story& a, const Story& b) const {
  // As a document is scored against a story, with a's centroids as the
  // document: the best of the shared languages' scores, else across.
  auto as_vector = [this](const Centroid& c) {
    std::vector<Feature> v;
    v.reserve(c.weights.size());
    for (const auto& [k, w] : c.weights) v.push_back({k, w});
    std::sort(v.begin(), v.end(), [](const Feature& x, const Feature& y) { return x.key < y.key; });
    return Weigh(v);
  };
  double anchors = Cosine(as_vector(a.anchors), b.anchors);
  double best = options_.cross_scale *
                ((1 - options_.pivot_share) * anchors + options_.pivot_share * Cosine(as_vector(a.pivots), b.pivots));
  for (const auto& [lang, centroid] : a.terms) {
    auto it = b.terms.find(lang);
    if (it == b.terms.end()) continue;
    double same = options_.term_share * Cosine(as_vector(centroid), it->second) + (1 - options_.term_share) * anchors;
    best = std::max(best, same);
  }
  // Each story's main country rare in the other: two affairs, however alike.
  if (options_.core_share > 0 && a.core_docs >= kCoreEstablished && b.core_docs >= kCoreEstablished &&
      !SharesCore(MainCore(a), b) && !SharesCore(MainCore(b), a)) {
    return 0;
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

int64_t StoryIndex::Resolve(int64_t story) const {
  auto it = stories_.find(story);
  while (it != stories_.end() && !it->second.alive) it = stories_.find(it->second.merged_into);
  return it == stories_.end() ? 0 : it->first;
}

size_t StoryIndex::live_stories() const {
  size_t n = 0;
  for (const auto& [id, s] : stories_) n += s.alive;
  return n;
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
    std::vector<std::tuple<double, uint64_t, const std::vector<int64_t>*>> probes;
    for (size_t i = 0; i < v->v.size(); ++i) {
      if (documents_ >= 50 && v->idf[i] < common) continue;
      auto it = postings_.find(v->v[i].key);
      if (it == postings_.end()) continue;
      probes.push_back({v->v[i].weight, v->v[i].key, &it->second});
    }
    std::sort(probes.begin(), probes.end(), [](const auto& a, const auto& b) {
      return std::get<0>(a) != std::get<0>(b) ? std::get<0>(a) > std::get<0>(b) : std::get<1>(a) < std::get<1>(b);
    });
    if (probes.size() > quota) probes.resize(quota);
    for (const auto& [weight, key, list] : probes) {
      size_t from = list->size() > kPostingScan ? list->size() - kPostingScan : 0;
      for (size_t i = from; i < list->size(); ++i) {
        int64_t s = Resolve((*list)[i]);
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

std::optional<DuplicateLink> StoryIndex::FindCopy(const DocFeatures& f, const std::vector<uint64_t>& bands) {
  if (!f.content_hash.empty()) {
    if (auto it = by_hash_.find(f.content_hash); it != by_hash_.end()) {
      return DuplicateLink{f.doc, docs_.at(it->second).canonical, "exact", 1.0};
    }
  }
  if (f.shingles.size() < 8) return std::nullopt;  // too short to call a copy
  std::vector<int64_t> candidates;
  if (options_.exhaustive) {
    for (const auto& [id, d] : docs_) candidates.push_back(id);
    std::sort(candidates.begin(), candidates.end());
  } else {
    candidates = lsh_.Candidates(bands);
  }
  std::optional<DuplicateLink> best;
  for (int64_t c : candidates) {
    std::vector<uint64_t> fetched;
    const std::vector<uint64_t>* other = nullptr;
    if (auto it = shingles_.find(c); it != shingles_.end()) {
      other = &it->second;
    } else if (shingle_source_) {
      fetched = shingle_source_(c);
      other = &fetched;
    }
    if (!other) continue;
    double j = Jaccard(f.shingles, *other);
    if (j >= options_.near_duplicate && (!best || j > best->score)) best = DuplicateLink{f.doc, c, "near", j};
  }
  if (best) best->of = docs_.at(best->of).canonical;
  return best;
}

std::optional<DuplicateLink> StoryIndex::FindTranslation(const DocFeatures& f, const Story& story) const {
  // A translation says the same things in another language: the same
  // places, names, numbers and dates, and about as many sentences.
  std::optional<DuplicateLink> best;
  if (std::none_of(story.langs.begin(), story.langs.end(), [&](const auto& l) { return l.first != f.lang; })) {
    return best;  // no document in another language
  }
  double fn = 0;
  for (const Feature& x : f.anchors) fn += std::pow(x.weight * Idf(x.key), 2);
  if (fn == 0) return best;
  std::unordered_map<uint64_t, double> mine;
  for (const Feature& x : f.anchors) mine[x.key] = x.weight * Idf(x.key);
  size_t from = story.docs.size() > kTranslationScan ? story.docs.size() - kTranslationScan : 0;
  for (size_t i = from; i < story.docs.size(); ++i) {
    const DocState& d = docs_.at(story.docs[i]);
    if (d.lang == f.lang || d.canonical != story.docs[i]) continue;
    double dot = 0, dn = 0;
    for (const Feature& x : d.anchors) {
      double w = x.weight * Idf(x.key);
      dn += w * w;
      if (auto it = mine.find(x.key); it != mine.end()) dot += w * it->second;
    }
    if (dn == 0) continue;
    double cos = dot / std::sqrt(fn * dn);
    double a = f.sentences, b = d.sentences;
    double ratio = std::max(a, b) > 0 ? std::min(a, b) / std::max(a, b) : 0;
    double score = cos * std::min(1.0, ratio / 0.7);  // up to 30% more or fewer sentences is fine
    if (score >= options_.translation && (!best || score > best->score)) {
      best = DuplicateLink{f.doc, story.docs[i], "translation", score};
    }
  }
  return best;
}

std::vector<std::string> StoryIndex::Why(const DocFeatures& f, const Story& s) const {
  std::vector<std::pair<double, uint64_t>> shared;
  auto collect = [&](const std::vector<Feature>& v, const Centroid* c) {
    if (!c) return;
    for (const Feature& x : v) {
      auto it = c->weights.find(x.key);
      if (it != c->weights.end()) shared.push_back({x.weight * it->second * std::pow(Idf(x.key), 2), x.key});
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

void StoryIndex::Count(const DocFeatures& f) {
  ++documents_;
  if (f.day) {
    first_day_ = dated_ ? std::min(first_day_, *f.day) : *f.day;
    last_day_ = dated_ ? std::max(last_day_, *f.day) : *f.day;
    ++dated_;
  }
  for (const auto* v : {&f.terms, &f.anchors, &f.pivots}) {
    for (const Feature& x : *v) ++df_[x.key];
  }
  RefreshNormsIfDue();
}

StoryIndex::Story& StoryIndex::NewStory(int64_t id) {
  Story& s = stories_[id];
  s.id = id;
  next_story_ = std::max(next_story_, id + 1);
  return s;
}

void StoryIndex::Join(Story& s, const DocFeatures& f, bool add_to_centroid) {
  ++s.size;
  if (f.day) {
    s.start = s.start ? std::min(*s.start, *f.day) : *f.day;
    s.end = s.end ? std::max(*s.end, *f.day) : *f.day;
  }
  DocState& d = docs_[f.doc];
  d.lang = f.lang;
  d.story = s.id;
  d.sentences = f.sentences;
  if (d.canonical == 0) d.canonical = f.doc;
  if (!add_to_centroid) return;
  d.anchors = f.anchors;
  s.docs.push_back(f.doc);
  ++s.langs[f.lang];
  s.terms[f.lang].Add(f.terms, 1.0);
  s.anchors.Add(f.anchors, 1.0);
  s.pivots.Add(f.pivots, 1.0);
  if (uint64_t core = CoreOf(f.anchors)) {
    ++s.core[core];
    ++s.core_docs;
  }
  if (documents_ >= bulk_until_) {
    Renorm(s.terms[f.lang]);
    Renorm(s.anchors);
    Renorm(s.pivots);
  }
  for (const auto* v : {&f.terms, &f.anchors, &f.pivots}) {
    for (const Feature& x : *v) {
      std::vector<int64_t>& list = postings_[x.key];
      if (list.empty() || list.back() != s.id) list.push_back(s.id);
    }
  }
}

int64_t StoryIndex::MergeStories(int64_t a, int64_t b) {
  Story* into = &stories_.at(a);
  Story* from = &stories_.at(b);
  if (from->docs.size() > into->docs.size() || (from->docs.size() == into->docs.size() && from->id < into->id)) {
    std::swap(into, from);
  }
  for (auto& [lang, c] : from->terms) into->terms[lang].Absorb(c);
  into->anchors.Absorb(from->anchors);
  into->pivots.Absorb(from->pivots);
  if (documents_ >= bulk_until_) Renorm(*into);
  for (const auto& [lang, n] : from->langs) into->langs[lang] += n;
  for (const auto& [key, n] : from->core) into->core[key] += n;
  into->core_docs += from->core_docs;
  from->core.clear();
  into->size += from->size;
  if (from->start) {
    into->start = into->start ? std::min(*into->start, *from->start) : from->start;
    into->end = into->end ? std::max(*into->end, *from->end) : from->end;
  }
  std::vector<int64_t> docs;
  std::merge(into->docs.begin(), into->docs.end(), from->docs.begin(), from->docs.end(), std::back_inserter(docs));
  into->docs = std::move(docs);
  // Documents and postings still name the merged story; Resolve follows it
  // to the live one.
  from->alive = false;
  from->merged_into = into->id;
  from->terms.clear();
  from->anchors.weights.clear();
  from->pivots.weights.clear();
  from->docs.clear();
  return into->id;
}

Placement StoryIndex::Add(const DocFeatures& f) {
  Placement p;
  p.doc = f.doc;
  // The MinHash bands, once: they look up copies and then index this one.
  const std::vector<uint64_t> bands = options_.exhaustive ? std::vector<uint64_t>{} : BandsOf(f);
  std::optional<DuplicateLink> copy = FindCopy(f, bands);
  Count(f);
  if (!f.content_hash.empty()) by_hash_.try_emplace(f.content_hash, f.doc);
  auto remember_shingles = [&] {
    if (!options_.exhaustive) lsh_.Add(f.doc, bands);
    if (keep_shingles_ || options_.exhaustive) shingles_[f.doc] = f.shingles;
  };
  if (copy) {
    const DocState& original = docs_.at(copy->of);
    Story& s = stories_.at(Resolve(original.story));
    docs_[f.doc].canonical = copy->of;
    Join(s, f, false);
    p.story = p.joined = s.id;
    p.score = 1;
    p.duplicate = copy;
    remember_shingles();
    return p;
  }
  const WeightedDoc weighted = Weigh(f);
  const uint64_t core = CoreOf(f.anchors);
  std::vector<std::pair<double, int64_t>> scored;
  for (int64_t id : CandidateStories(weighted)) {
    const Story& s = stories_.at(id);
    double fade = Fade(s, f.day);
    if (fade < 0.01) continue;
    double core_fit = options_.core_share > 0 && !SharesCore(core, s) ? options_.core_penalty : 1.0;
    scored.push_back({Score(f, weighted, s) * fade * core_fit, id});
  }
  std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  // A translation of one of the story's documents is the surest link
  // across languages: the leading stories within reach are checked for
  // one, and the best translation's story takes the document even when
  // another story scored a little higher.
  size_t chosen = 0;
  std::optional<DuplicateLink> translation;
  for (size_t i = 0; i < scored.size() && i < kTranslationStories; ++i) {
    if (scored[i].first < options_.join * kTranslationReach) break;
    auto t = FindTranslation(f, stories_.at(scored[i].second));
    if (t && (!translation || t->score > translation->score)) {
      translation = t;
      chosen = i;
    }
  }
  if (!translation && (scored.empty() || scored[0].first < options_.join)) {
    Story& s = NewStory(next_story_);
    Join(s, f, true);
    p.story = p.joined = s.id;
    p.new_story = true;
    remember_shingles();
    return p;
  }
  Story& s = stories_.at(scored[chosen].second);
  p.story = p.joined = s.id;
  p.score = scored[chosen].first;
  p.why = Why(f, s);
  p.duplicate = translation;
  if (p.duplicate) docs_[f.doc].canonical = p.duplicate->of;
  Join(s, f, true);
  remember_shingles();
  // Two stories the document both fits, and which are alike, are one.
  for (size_t i = 0; i < scored.size() && scored[i].first >= options_.join; ++i) {
    if (i == chosen) continue;
    int64_t other = Resolve(scored[i].second);
    int64_t here = Resolve(p.story);
    if (other == here) continue;
    if (StorySimilarity(stories_.at(here), stories_.at(other)) < options_.merge) continue;
    int64_t kept = MergeStories(here, other);
    p.merged.push_back(kept == here ? other : here);
    p.merged_into.push_back(kept);
    p.story = kept;
  }
  return p;
}

void StoryIndex::Restore(const DocFeatures& f, int64_t story, const std::optional<DuplicateLink>& duplicate) {
  Count(f);
  const std::optional<std::string> duplicate_kind = duplicate ? std::optional(duplicate->kind) : std::nullopt;
  if (duplicate) docs_[f.doc].canonical = duplicate->of;
  if (!f.content_hash.empty()) by_hash_.try_emplace(f.content_hash, f.doc);
  Story& s = stories_.contains(story) ? stories_.at(story) : NewStory(story);
  bool copy = duplicate_kind && *duplicate_kind != "translation";
  Join(s, f, !copy);
  lsh_.Add(f.doc, BandsOf(f));
  if (keep_shingles_) shingles_[f.doc] = f.shingles;
}

void StoryIndex::ReplayMerge(int64_t merged, int64_t into) {
  const int64_t a = Resolve(into), b = Resolve(merged);
  if (a == b || !stories_.contains(a) || !stories_.contains(b)) return;  // not a merge this index could make
  MergeStories(a, b);
}

std::vector<Placement> ReferenceClusters(const std::vector<DocFeatures>& docs, const StoryOptions& options) {
  StoryOptions o = options;
  o.exhaustive = true;
  StoryIndex index(o);
  std::vector<Placement> out;
  for (const DocFeatures& f : docs) out.push_back(index.Add(f));
  for (Placement& p : out) p.story = index.Resolve(p.story);
  return out;
}

}  // namespace storyloom
