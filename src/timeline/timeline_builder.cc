// The timeline builder: a story's prepared documents grouped into independent
// sources, their sentences weighed, dated sentences collected, dates ranked by
// salience, each chosen date's events quoted and cited, and the summary.
#include "timeline/timeline.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "base/calendar.h"
#include "base/parallel_for.h"
#include "stories/features.h"
#include "timeline/term_counts.h"
#include "timeline/timeline_internal.h"

namespace storyloom::timeline_internal {

namespace {

double AnchorOverlap(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  if (a.empty() || b.empty()) return 0;
  size_t shared = 0;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] < b[j]) ++i;
    else if (b[j] < a[i]) ++j;
    else ++shared, ++i, ++j;
  }
  return double(shared) / double(a.size() + b.size() - shared);
}

class Builder {
 public:
  Builder(std::vector<Prepared>& docs, size_t threads, const TimelineOptions& options)
      : docs_(docs), threads_(threads), options_(options) {}

  Timeline Build(int64_t story) {
    Timeline out;
    out.story = story;
    out.documents = docs_.size();
    Group();
    Weigh();
    Collect();
    out.candidates = candidates_.size();
    RankDates();
    // Each date's entry and the summary read what is settled by now and
    // nothing else: built side by side, the summary (the largest) first.
    out.entries.resize(chosen_.size());
    ParallelFor(chosen_.size() + 1, threads_, [&](size_t i) {
      if (i == 0) out.summary = Summary();
      else out.entries[i - 1] = Entry(chosen_[i - 1]);
    });
    std::sort(out.entries.begin(), out.entries.end(),
              [](const TimelineEntry& a, const TimelineEntry& b) { return a.date < b.date; });
    return out;
  }

 private:
  struct DateScore {
    int32_t day = 0;
    bool month = false;
    double salience = 0;
    size_t mentions = 0;  // independent sources naming it
  };

  // Documents that copy or translate one another are one source.
  void Group() {
    std::unordered_map<int64_t, size_t> index;
    for (size_t i = 0; i < docs_.size(); ++i) index[docs_[i].in.doc.id] = i;
    for (size_t i = 0; i < docs_.size(); ++i) {
      size_t g = i;
      for (int hops = 0; hops < 8; ++hops) {  // a copy of a copy leads to the first
        int64_t of = docs_[g].in.duplicate_of;
        auto it = index.find(of);
        if (of == 0 || it == index.end() || it->second == g) break;
        g = it->second;
      }
      docs_[i].group = g;
    }
    members_.assign(docs_.size(), {});
    for (size_t i = 0; i < docs_.size(); ++i) members_[docs_[i].group].push_back(i);
  }

  // Inverse document frequencies over the story's sentences.
  void Weigh() {
    size_t n = 0, occurrences = 0;
    for (const Prepared& p : docs_) {
      for (const SentenceInfo& s : p.sentences) occurrences += s.terms.size();
    }
    // Counted in a table a thread over a share of the documents, then added
    // up: the same counts in any order.
    const size_t shares = std::min(threads_, std::max<size_t>(docs_.size(), 1));
    std::vector<TermCounts> counts(shares, TermCounts(occurrences / 8 / shares));
    std::vector<size_t> sentences(shares, 0);
    ParallelFor(shares, shares, [&](size_t t) {
      for (size_t i = t * docs_.size() / shares; i < (t + 1) * docs_.size() / shares; ++i) {
        for (const SentenceInfo& s : docs_[i].sentences) {
          if (s.terms.empty()) continue;
          ++sentences[t];
          for (const auto& [k, w] : s.terms) counts[t].Count(k);
        }
      }
    });
    TermCounts& df = counts[0];
    n = sentences[0];
    for (size_t t = 1; t < shares; ++t) {
      n += sentences[t];
      counts[t].ForEach([&](TermCounts::Slot& s) { df.Count(s.key, s.count); });
    }
    // Each term's weight, once.
    df.ForEach([&](TermCounts::Slot& t) { t.idf = static_cast<float>(std::log((1.0 + n) / (1.0 + t.count)) + 1.0); });
    ParallelFor(docs_.size(), threads_, [&](size_t i) {
      for (SentenceInfo& s : docs_[i].sentences) {
        for (auto& [k, w] : s.terms) w = (1.0f + std::log(w)) * df.Find(k).idf;
        Normalize(&s.terms);
      }
    });
  }

  bool InRange(int32_t day) const {
    if (from_ && day < *from_) return false;
    if (to_ && day > *to_) return false;
    return true;
  }

  void Collect() {
    if (options_.from) from_ = DayNumber(*options_.from);
    if (options_.to) to_ = DayNumber(*options_.to);
    for (size_t i = 0; i < docs_.size(); ++i) {
      const Prepared& p = docs_[i];
      if (p.published && !InRange(*p.published)) continue;
      std::vector<bool> dated(p.sentences.size(), false);
      // "Today" in a document whose own date is a guess is a guess too.
      const bool guessed = p.annotation.date.from == "inferred";
      for (const SentenceAnnotation& s : p.annotation.sentences) {
        if (s.sentence >= p.sentences.size()) continue;
        if (!p.sentences[s.sentence].informative) {
          dated[s.sentence] = !s.dates.empty();
          continue;
        }
        std::set<std::pair<int32_t, bool>> seen;
        for (const TimeExpression& t : s.dates) {
          if (t.year_unknown) continue;
          int32_t day;
          bool month;
          if (!ParseDate(t.value, &day, &month)) continue;
          dated[s.sentence] = true;
          if (month && !options_.months) continue;
          if (!InRange(day) && !(month && InRange(day + 27))) continue;
          if (!seen.insert({day, month}).second) continue;
          candidates_.push_back({i, s.sentence, day, month, true, t.text, t.relative && guessed});
        }
      }
      // The publication date dates what a report tells without a date of
      // its own, weakly, and only at its top, where news tells the news: of
      // the day it came out or, as often, of the day before.
      if (!p.published) continue;
      constexpr uint32_t kLeadSentences = 3;
      for (uint32_t s = 0; s < p.sentences.size() && s < kLeadSentences; ++s) {
        if (dated[s] || !p.sentences[s].informative) continue;
        for (int32_t day : {*p.published, *p.published - 1}) {
          if (InRange(day)) candidates_.push_back({i, s, day, false, false, "", false});
        }
      }
    }
  }

  void RankDates() {
    // Salience: what independent sources say of the date, each at most
    // kSupportCap: a sentence naming it counts one, more when written later
    // (a date still named days after is an event that mattered), an undated
    // lead of the day's reports counts weakly.
    std::map<std::pair<int32_t, bool>, std::map<size_t, double>> support;  // date -> group -> weight
    for (size_t i = 0; i < candidates_.size(); ++i) {
      const Candidate& c = candidates_[i];
      by_date_[{c.day, c.month}].push_back(i);
      const Prepared& p = docs_[c.doc];
      double w;
      if (c.mentioned) {
        w = 1.0;
        if (p.published && *p.published > c.day + (c.month ? 31 : 1)) w += options_.weights.later_bonus;
      } else {
        w = options_.weights.published_weight;
      }
      double& slot = support[{c.day, c.month}][p.group];
      slot = std::min(slot + w, options_.weights.support_cap);
    }
    std::vector<DateScore> scores;
    for (const auto& [date, groups] : support) {
      DateScore d{date.first, date.second, 0, 0};
      for (const auto& [g, w] : groups) {
        d.salience += w;
        if (w >= 1.0) ++d.mentions;
      }
      scores.push_back(d);
    }
    std::sort(scores.begin(), scores.end(), [](const DateScore& a, const DateScore& b) {
      if (a.salience != b.salience) return a.salience > b.salience;
      return a.day < b.day;
    });
    // A date far outside the story's own reports (after its last, or over
    // a year before its first) is more often a misreading or an aside than
    // an event of the story: it needs two independent mentions.
    std::optional<int32_t> first_published, last_published;
    for (const Prepared& p : docs_) {
      if (!p.published) continue;
      first_published = first_published ? std::min(*first_published, *p.published) : *p.published;
      last_published = last_published ? std::max(*last_published, *p.published) : *p.published;
    }
    auto far = [&](const DateScore& d) {
      return first_published && (d.day > *last_published + kFarAfterDays || d.day < *first_published - kFarBeforeDays);
    };
    std::erase_if(scores, [&](const DateScore& d) { return far(d) && d.mentions < 2; });
    const bool automatic = options_.dates == 0;
    const size_t limit = automatic ? kMaxAutomaticDates : options_.dates;
    std::set<int32_t> day_months;  // months (first day) holding a chosen day
    for (const DateScore& d : scores) {
      if (chosen_.size() >= limit) break;
      if (d.month) continue;
      if (automatic && d.mentions == 0) continue;  // only the publication date says it
      chosen_.push_back(d);
      temporal::Ymd ymd = temporal::CivilFromDays(d.day);
      day_months.insert(static_cast<int32_t>(temporal::DaysFromCivil(ymd.y, ymd.m, 1)));
    }
    // A month stands as an event of its own only where no day of it does and
    // two independent sources name it.
    for (const DateScore& d : scores) {
      if (!d.month || chosen_.size() >= limit) continue;
      if (d.mentions < 2 || day_months.contains(d.day)) continue;
      chosen_.push_back(d);
    }
  }

  const std::string& Lang(const Candidate& c) const { return docs_[c.doc].in.doc.lang; }
  const SentenceInfo& Info(const Candidate& c) const { return docs_[c.doc].sentences[c.sentence]; }

  // Same event: copies of one report, the same words, or across languages
  // the same names, places and numbers.
  bool SameEvent(const Candidate& a, const Candidate& b) const {
    if (a.doc != b.doc && docs_[a.doc].group == docs_[b.doc].group) return true;
    if (Lang(a) == Lang(b)) return Dot(Info(a).terms, Info(b).terms) >= kSameEventCosine;
    return AnchorOverlap(Info(a).anchors, Info(b).anchors) >= kSameEventAnchors;
  }

  static bool Repeats(const std::vector<const SentenceInfo*>& picked, const SentenceInfo& info) {
    return std::any_of(picked.begin(), picked.end(),
                       [&](const SentenceInfo* p) { return Dot(p->terms, info.terms) >= kRedundant; });
  }

  // A source says what its copies and translations say: all are cited.
  void Cite(size_t group, std::set<int64_t>* sources, std::set<std::string>* langs) const {
    for (size_t q : members_[group]) {
      sources->insert(docs_[q].in.doc.id);
      langs->insert(docs_[q].in.doc.lang);
    }
  }

  TimelineSentence Quote(const Candidate& c) const {
    const Document& doc = docs_[c.doc].in.doc;
    TimelineSentence s;
    s.doc = doc.id;
    s.sentence = c.sentence;
    if (!doc.body.empty()) FillQuote(&s, doc);  // else a head: the reader of the store fills it
    s.lang = doc.lang;
    s.date_text = c.date_text;
    return s;
  }

  TimelineEntry Entry(const DateScore& d) const {
    // Sentences that name the date and undated leads of the reports of the
    // day (weighed a little less) compete for it.
    std::vector<const Candidate*> pool;
    for (size_t i : by_date_.at({d.day, d.month})) pool.push_back(&candidates_[i]);
    // Centrality: closeness to the centroid of them all.
    Vec centroid = Centroid([&](auto add) {
      for (const Candidate* c : pool) add(Info(*c).terms);
    });
    std::vector<double> score(pool.size());
    for (size_t i = 0; i < pool.size(); ++i) {
      const SentenceInfo& info = Info(*pool[i]);
      double length = info.words < kMinWords ? 0.3 : info.words > kMaxWords ? 0.6 : 1.0;
      if (!pool[i]->mentioned) length *= options_.weights.published_sentence;
      // A sentence that writes the date out says more surely what happened
      // then than one whose "today" leans on a guessed document date.
      double sure = pool[i]->relative ? 0.6 : 1.0;
      score[i] = Dot(info.terms, centroid) * length * sure + 1e-6;
    }
    std::vector<size_t> order(pool.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return score[a] > score[b]; });
    if (order.size() > kMaxPool) order.resize(kMaxPool);

    // Events: greedy, each candidate joins the first event it matches.
    std::vector<std::vector<size_t>> events;
    for (size_t i : order) {
      bool placed = false;
      for (auto& e : events) {
        if (SameEvent(*pool[e.front()], *pool[i])) {
          e.push_back(i);
          placed = true;
          break;
        }
      }
      if (!placed) events.push_back({i});
    }
    auto event_weight = [&](const std::vector<size_t>& e) {
      std::set<size_t> groups;
      std::set<std::string> langs;
      for (size_t i : e) {
        groups.insert(docs_[pool[i]->doc].group);
        langs.insert(Lang(*pool[i]));
      }
      return double(groups.size()) + 0.5 * double(langs.size() - 1);
    };
    std::vector<double> weight(events.size());
    for (size_t e = 0; e < events.size(); ++e) weight[e] = score[events[e].front()] * (1.0 + std::log(event_weight(events[e])));
    std::vector<size_t> by_weight(events.size());
    for (size_t e = 0; e < by_weight.size(); ++e) by_weight[e] = e;
    std::stable_sort(by_weight.begin(), by_weight.end(), [&](size_t a, size_t b) { return weight[a] > weight[b]; });

    TimelineEntry entry;
    entry.date = DateString(d.day, d.month);
    entry.salience = d.salience;
    std::set<int64_t> sources;
    std::set<std::string> langs;
    std::vector<const SentenceInfo*> picked;
    std::set<size_t> quoted;
    for (size_t e : by_weight) {
      if (entry.sentences.size() >= std::max<size_t>(options_.sentences, 1)) break;
      // The reader's language where the event has a sentence in it, else
      // the original report rather than its copy or translation.
      size_t best = events[e].front();
      auto original = [&](size_t i) { return docs_[pool[i]->doc].group == pool[i]->doc; };
      auto preferred = [&](size_t i) {
        bool in_lang = !options_.lang.empty() && Lang(*pool[i]) == options_.lang;
        return in_lang * 2 + original(i);
      };
      for (size_t i : events[e]) {  // events hold their sentences most central first
        if (preferred(i) > preferred(best)) best = i;
      }
      const SentenceInfo& info = Info(*pool[best]);
      if (Repeats(picked, info)) continue;
      picked.push_back(&info);
      quoted.insert(best);
      entry.sentences.push_back(Quote(*pool[best]));
      for (size_t i : events[e]) Cite(docs_[pool[i]->doc].group, &sources, &langs);
    }
    // Fewer events than lines asked for: the next most central sentences
    // that do not repeat one already quoted.
    for (size_t i : order) {
      if (entry.sentences.size() >= std::max<size_t>(options_.sentences, 1)) break;
      if (quoted.contains(i)) continue;
      const SentenceInfo& info = Info(*pool[i]);
      if (Repeats(picked, info)) continue;
      picked.push_back(&info);
      quoted.insert(i);
      entry.sentences.push_back(Quote(*pool[i]));
      Cite(docs_[pool[i]->doc].group, &sources, &langs);
    }
    entry.sources.assign(sources.begin(), sources.end());
    entry.langs.assign(langs.begin(), langs.end());
    return entry;
  }

  // The story in a few sentences: the most central lines of its most
  // salient dates, then of its leads, in the reader's language where there
  // is one, none repeating another, in date order.
  std::vector<TimelineSentence> Summary() const {
    std::vector<TimelineSentence> out;
    if (options_.summary == 0) return out;
    Vec centroid = Centroid([&](auto add) {  // of the leads of the story's original reports
      for (size_t i = 0; i < docs_.size(); ++i) {
        const Prepared& p = docs_[i];
        if (p.group != i) continue;  // a translation says it again
        for (size_t s = 0; s < p.sentences.size() && s < 5; ++s) add(p.sentences[s].terms);
      }
    });
    bool have_lang = false;
    for (const Prepared& p : docs_) have_lang |= !options_.lang.empty() && p.in.doc.lang == options_.lang;
    struct Pick {
      size_t doc;
      uint32_t sentence;
      double score;
    };
    std::vector<Pick> picks;
    for (size_t i = 0; i < docs_.size(); ++i) {
      const Prepared& p = docs_[i];
      if (have_lang && p.in.doc.lang != options_.lang) continue;
      if (p.published && !InRange(*p.published)) continue;
      for (uint32_t s = 0; s < p.sentences.size() && s < 8; ++s) {
        const SentenceInfo& info = p.sentences[s];
        if (info.words < kMinWords || info.words > kMaxWords || !info.informative) continue;
        picks.push_back({i, s, Dot(info.terms, centroid) / (1.0 + 0.15 * s)});
      }
    }
    std::stable_sort(picks.begin(), picks.end(), [](const Pick& a, const Pick& b) { return a.score > b.score; });
    std::vector<const SentenceInfo*> chosen;
    std::vector<std::pair<int32_t, TimelineSentence>> dated;
    for (const Pick& pick : picks) {
      if (dated.size() >= options_.summary) break;
      const SentenceInfo& info = docs_[pick.doc].sentences[pick.sentence];
      if (Repeats(chosen, info)) continue;
      chosen.push_back(&info);
      Candidate c{pick.doc, pick.sentence, docs_[pick.doc].published.value_or(0), false, false, "", false};
      dated.push_back({c.day, Quote(c)});
    }
    std::stable_sort(dated.begin(), dated.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [day, s] : dated) out.push_back(std::move(s));
    return out;
  }

  // Tuned on Timeline17 (`storyloom eval timeline`), then left alone.
  static constexpr size_t kMaxAutomaticDates = 30;
  static constexpr double kSameEventCosine = 0.5;
  static constexpr double kSameEventAnchors = 0.25;
  static constexpr double kRedundant = 0.5;
  static constexpr uint32_t kMinWords = 6, kMaxWords = 60;
  static constexpr int32_t kFarAfterDays = 7, kFarBeforeDays = 366;
  static constexpr size_t kMaxPool = 300;

  std::vector<Prepared>& docs_;
  const size_t threads_;
  std::vector<std::vector<size_t>> members_;  // group -> its documents
  const TimelineOptions& options_;
  std::optional<int32_t> from_, to_;
  std::vector<Candidate> candidates_;
  std::map<std::pair<int32_t, bool>, std::vector<size_t>> by_date_;  // (day, month) -> candidates
  std::vector<DateScore> chosen_;
};

}  // namespace

Timeline BuildFromPrepared(std::vector<Prepared>* docs, size_t threads, const TimelineOptions& options,
                           int64_t story) {
  return Builder(*docs, threads, options).Build(story);
}

}  // namespace storyloom::timeline_internal
