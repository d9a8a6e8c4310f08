// The story index's placements: where a document goes (a copy's story, the
// best-scoring story, the story of its original in another language, or a
// story of its own), the merges it causes, and the state rebuilt from the
// store.
#include "stories/story_index.h"

#include <algorithm>
#include <iterator>

namespace storyloom {

namespace {

// Leading stories searched for the original of a translation, and the share
// of `join` their score must reach.
constexpr size_t kTranslationStories = 3;
constexpr double kTranslationReach = 0.5;

}  // namespace

StoryIndex::StoryIndex(StoryOptions options)
    : options_(options), duplicates_(options.near_duplicate, options.translation, options.exhaustive) {
  // Country anchors are "geo:" and an ISO 3166 code (cities add a third part).
  for (char a = 'A'; a <= 'Z'; ++a) {
    for (char b = 'A'; b <= 'Z'; ++b) countries_.insert(FeatureKey(std::string("geo:") + a + b));
  }
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

std::optional<DuplicateLink> StoryIndex::FindTranslation(const DocFeatures& f, const Story& story) const {
  if (std::none_of(story.langs.begin(), story.langs.end(), [&](const auto& l) { return l.first != f.lang; })) {
    return std::nullopt;  // no document in another language
  }
  return duplicates_.FindTranslation(f.doc, f.lang, f.sentences, f.anchors, story.docs,
                                     [this](uint64_t key) { return Idf(key); });
}

void StoryIndex::Count(const DocFeatures& f) {
  ++documents_;
  if (f.day) {
    first_day_ = dated_ ? std::min(first_day_, *f.day) : *f.day;
    last_day_ = dated_ ? std::max(last_day_, *f.day) : *f.day;
    ++dated_;
  }
  for (const auto* v : {&f.terms, &f.anchors, &f.pivots}) {
    for (const Feature& x : *v) {
      uint32_t& id = ids_[x.key];
      if (id == 0) {
        // ids_ holds id + 1, so that a new entry (0) is told apart.
        df_.push_back(0);
        postings_.emplace_back();
        id = static_cast<uint32_t>(df_.size());
      }
      ++df_[id - 1];
    }
  }
  RefreshNormsIfDue();
}

StoryIndex::Story& StoryIndex::NewStory(int64_t id) {
  Story& s = stories_[id];
  s.id = id;
  s.number = static_cast<uint32_t>(story_ids_.size());
  story_ids_.push_back(id);
  next_story_ = std::max(next_story_, id + 1);
  return s;
}

void StoryIndex::Join(Story& s, const DocFeatures& f, bool add_to_centroid) {
  ++s.size;
  if (f.day) {
    s.start = s.start ? std::min(*s.start, *f.day) : *f.day;
    s.end = s.end ? std::max(*s.end, *f.day) : *f.day;
  }
  story_of_[f.doc] = s.id;
  duplicates_.Place(f.doc, f.lang, f.sentences, add_to_centroid ? &f.anchors : nullptr);
  if (!add_to_centroid) return;
  s.docs.push_back(f.doc);
  duplicates_.Retire(s.docs);
  ++s.langs[f.lang];
  AddTo(s.terms[f.lang], f.terms, 1.0);
  AddTo(s.anchors, f.anchors, 1.0);
  AddTo(s.pivots, f.pivots, 1.0);
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
      std::vector<uint32_t>& list = postings_[IdOf(x.key)];
      if (!list.empty() && list.back() == s.number) continue;
      if (list.size() == kPostingScan + kPostingKeep) list.erase(list.begin(), list.begin() + kPostingKeep);
      list.push_back(s.number);
    }
  }
}

int64_t StoryIndex::MergeStories(int64_t a, int64_t b) {
  Story* into = &stories_.at(a);
  Story* from = &stories_.at(b);
  if (from->docs.size() > into->docs.size() || (from->docs.size() == into->docs.size() && from->id < into->id)) {
    std::swap(into, from);
  }
  for (auto& [lang, c] : from->terms) Absorb(into->terms[lang], c);
  Absorb(into->anchors, from->anchors);
  Absorb(into->pivots, from->pivots);
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
  // Both sides' originals within a translation search's reach, some of
  // which the merge puts out of it.
  std::vector<int64_t> held = DuplicateIndex::InReach(into->docs);
  for (int64_t doc : DuplicateIndex::InReach(from->docs)) held.push_back(doc);
  std::vector<int64_t> docs;
  std::merge(into->docs.begin(), into->docs.end(), from->docs.begin(), from->docs.end(), std::back_inserter(docs));
  into->docs = std::move(docs);
  duplicates_.Retire(held, into->docs);
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
  const std::vector<uint64_t> bands = options_.exhaustive ? std::vector<uint64_t>{} : BandsOf(f.bands, f.shingles);
  std::optional<DuplicateLink> copy = duplicates_.FindCopy(f.doc, f.content_hash, f.shingles, bands);
  if (!copy) Count(f);  // a copy changes no statistic (documents_)
  // Its hash, bands and shingles, for finding its own copies.
  auto remember = [&] { duplicates_.Remember(f.doc, f.content_hash, bands, f.shingles); };
  if (copy) {
    Story& s = stories_.at(Resolve(story_of_.at(copy->of)));
    duplicates_.Link(f.doc, copy->of);
    Join(s, f, false);
    p.story = p.joined = s.id;
    p.score = 1;
    p.duplicate = copy;
    remember();
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
    remember();
    return p;
  }
  Story& s = stories_.at(scored[chosen].second);
  p.story = p.joined = s.id;
  p.score = scored[chosen].first;
  p.why = Why(f, s);
  p.duplicate = translation;
  if (p.duplicate) duplicates_.Link(f.doc, p.duplicate->of);
  Join(s, f, true);
  remember();
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
  const std::optional<std::string> duplicate_kind = duplicate ? std::optional(duplicate->kind) : std::nullopt;
  if (duplicate) duplicates_.Link(f.doc, duplicate->of);
  Story& s = stories_.contains(story) ? stories_.at(story) : NewStory(story);
  bool copy = duplicate_kind && *duplicate_kind != "translation";
  if (!copy) Count(f);
  Join(s, f, !copy);
  duplicates_.Restore(f.doc, f.content_hash, BandsOf(f.bands, f.shingles), f.shingles);
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
