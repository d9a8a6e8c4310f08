// Finding the earlier document a new one copies or translates
// (dedup/duplicate_index.h), and what each placed document leaves for that.
#include "dedup/duplicate_index.h"

#include <algorithm>
#include <cmath>

#include <xxhash.h>

namespace storyloom {

namespace {

// Documents of a story checked as possible originals of a translation.
constexpr size_t kTranslationScan = 64;
// Anchors (places, names, numbers, dates) a translation must share with its
// original at the least.
constexpr size_t kTranslationMinShared = 2;
// The score a translation sharing fewer anchors needs.
constexpr double kOneAnchorTranslation = 0.85;

}  // namespace

std::vector<uint64_t> BandsOf(const std::vector<uint64_t>& bands, const std::vector<uint64_t>& shingles) {
  return bands.size() == kBands ? bands : BandHashes(MinHash(shingles));
}

DuplicateIndex::DuplicateIndex(double near_duplicate, double translation, bool exhaustive)
    : near_duplicate_(near_duplicate), translation_(translation), exhaustive_(exhaustive) {}

std::optional<DuplicateLink> DuplicateIndex::FindCopy(int64_t doc, const std::string& content_hash,
                                                      const std::vector<uint64_t>& shingles,
                                                      const std::vector<uint64_t>& bands) const {
  if (!content_hash.empty()) {
    const auto [key, check] = HashKeys(content_hash);
    if (const FirstOfHash* first = by_hash_.Find(key); first && first->check == check) {
      return DuplicateLink{doc, docs_.at(first->doc).canonical, "exact", 1.0};
    }
  }
  if (shingles.size() < 8) return std::nullopt;  // too short to call a copy
  std::vector<int64_t> candidates;
  if (exhaustive_) {
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
    double j = Jaccard(shingles, *other);
    if (j >= near_duplicate_ && (!best || j > best->score)) best = DuplicateLink{doc, c, "near", j};
  }
  if (best) best->of = docs_.at(best->of).canonical;
  return best;
}

std::optional<DuplicateLink> DuplicateIndex::FindTranslation(int64_t doc, const std::string& lang, uint32_t sentences,
                                                             const std::vector<Feature>& anchors,
                                                             const std::vector<int64_t>& originals,
                                                             const std::function<double(uint64_t)>& idf) const {
  // A translation says the same things in another language: the same
  // places, names, numbers and dates, and about as many sentences.
  std::optional<DuplicateLink> best;
  double fn = 0;
  for (const Feature& x : anchors) fn += std::pow(x.weight * idf(x.key), 2);
  if (fn == 0) return best;
  std::unordered_map<uint64_t, double> mine;
  for (const Feature& x : anchors) mine[x.key] = x.weight * idf(x.key);
  size_t from = originals.size() > kTranslationScan ? originals.size() - kTranslationScan : 0;
  for (size_t i = from; i < originals.size(); ++i) {
    const DocState& d = docs_.at(originals[i]);
    if (langs_[d.lang] == lang || d.canonical != originals[i]) continue;
    double dot = 0, dn = 0;
    size_t shared = 0;
    for (const Feature& x : d.anchors) {
      double w = x.weight * idf(x.key);
      dn += w * w;
      if (auto it = mine.find(x.key); it != mine.end()) {
        dot += w * it->second;
        ++shared;
      }
    }
    if (dn == 0) continue;
    double cos = dot / std::sqrt(fn * dn);
    double a = sentences, b = d.sentences;
    double ratio = std::max(a, b) > 0 ? std::min(a, b) / std::max(a, b) : 0;
    double score = cos * std::min(1.0, ratio / 0.7);  // up to 30% more or fewer sentences is fine
    // One shared anchor (the day both were written, say) is a coincidence
    // between two short reports unless it is nearly all either has.
    const double needed = shared >= kTranslationMinShared ? translation_ : std::max(translation_, kOneAnchorTranslation);
    if (score >= needed && (!best || score > best->score)) {
      best = DuplicateLink{doc, originals[i], "translation", score};
    }
  }
  return best;
}

void DuplicateIndex::Place(int64_t doc, const std::string& lang, uint32_t sentences,
                           const std::vector<Feature>* anchors) {
  DocState& d = docs_[doc];
  auto [it, added] = lang_ids_.try_emplace(lang, static_cast<uint16_t>(langs_.size()));
  if (added) langs_.push_back(lang);
  d.lang = it->second;
  d.sentences = sentences;
  if (d.canonical == 0) d.canonical = doc;
  if (anchors) d.anchors = *anchors;
}

std::pair<uint64_t, uint64_t> DuplicateIndex::HashKeys(const std::string& content_hash) {
  const XXH128_hash_t h = XXH3_128bits(content_hash.data(), content_hash.size());
  return {h.low64, h.high64};
}

void DuplicateIndex::RememberHash(const std::string& content_hash, int64_t doc) {
  if (content_hash.empty()) return;
  const auto [key, check] = HashKeys(content_hash);
  FirstOfHash& first = by_hash_[key];
  if (first.check == 0 && first.doc == 0) first = {doc, check};
}

std::vector<int64_t> DuplicateIndex::InReach(const std::vector<int64_t>& originals) {
  return {originals.end() - static_cast<std::ptrdiff_t>(std::min(originals.size(), kTranslationScan)),
          originals.end()};
}

void DuplicateIndex::ReleaseAnchors(int64_t doc) {
  if (auto it = docs_.find(doc); it != docs_.end() && !it->second.anchors.empty()) {
    std::vector<Feature>().swap(it->second.anchors);
  }
}

void DuplicateIndex::Retire(const std::vector<int64_t>& originals) {
  if (originals.size() > kTranslationScan) ReleaseAnchors(originals[originals.size() - kTranslationScan - 1]);
}

void DuplicateIndex::Retire(const std::vector<int64_t>& held, const std::vector<int64_t>& originals) {
  std::vector<int64_t> reach = InReach(originals);
  std::sort(reach.begin(), reach.end());
  for (int64_t doc : held) {
    if (!std::binary_search(reach.begin(), reach.end(), doc)) ReleaseAnchors(doc);
  }
}

void DuplicateIndex::Remember(int64_t doc, const std::string& content_hash, const std::vector<uint64_t>& bands,
                              const std::vector<uint64_t>& shingles) {
  RememberHash(content_hash, doc);
  if (!exhaustive_) lsh_.Add(doc, bands);
  if (keep_shingles_ || exhaustive_) shingles_[doc] = shingles;
}

void DuplicateIndex::Restore(int64_t doc, const std::string& content_hash, const std::vector<uint64_t>& bands,
                             const std::vector<uint64_t>& shingles) {
  RememberHash(content_hash, doc);
  lsh_.Add(doc, bands);
  if (keep_shingles_) shingles_[doc] = shingles;
}

}  // namespace storyloom
