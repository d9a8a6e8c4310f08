// Story summaries (`storyloom stories`): built from the store's rows the
// same way on every backend.
#include <algorithm>
#include <functional>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "base/calendar.h"
#include "label/headline.h"
#include "storyloom/store.h"

namespace storyloom {

namespace {
// Days since 1970-01-01 of "YYYY-MM-DD" or "YYYY-MM" (its first day).
std::optional<int64_t> DayOf(const std::string& iso) {
  int64_t days = 0;
  temporal::Precision precision;
  if (!temporal::ParseIsoStart(iso, &days, &precision) || precision == temporal::Precision::kYear) return std::nullopt;
  return days;
}
}  // namespace
Result<std::vector<StorySummary>> Store::ListStories(const std::string& lang) {
  // One pass over the placements with the few document columns a summary
  // needs; stories are built in memory.
  auto rows = StoryRows();
  if (!rows) return Unexpected(rows.error());
  std::unordered_map<int64_t, size_t> index;
  std::vector<StorySummary> out;
  std::unordered_map<int64_t, std::tuple<int, int, double>> title_rank;  // story -> (titled, language fit, score)
  std::unordered_map<int64_t, std::unordered_set<std::string>> independent_keys;
  std::unordered_map<int64_t, std::vector<std::pair<std::string, std::string>>> told;  // story -> reports' (first, last)
  // Untitled reports: story -> (rank, doc, the body's first bytes), and how
  // many reports of the story open with those bytes.
  std::unordered_map<int64_t, std::vector<std::tuple<std::tuple<int, int, double>, int64_t, std::string>>> untitled;
  std::unordered_map<int64_t, std::unordered_map<std::string, int>> openings;
  for (StoryRow& row : *rows) {
    int64_t story = row.story;
    auto [it, fresh] = index.try_emplace(story, out.size());
    if (fresh) {
      out.emplace_back();
      out.back().id = story;
    }
    StorySummary& sum = out[it->second];
    int64_t doc = row.doc;
    sum.docs.push_back(doc);
    bool duplicate = row.duplicate;
    sum.duplicates += duplicate;
    const std::string &dlang = row.lang, &source = row.source, &title = row.title;
    if (!dlang.empty() && std::find(sum.langs.begin(), sum.langs.end(), dlang) == sum.langs.end()) sum.langs.push_back(dlang);
    if (!source.empty() && std::find(sum.sources.begin(), sum.sources.end(), source) == sum.sources.end()) {
      sum.sources.push_back(source);
    }
    if (!duplicate && row.told_first) told[story].push_back({*row.told_first, row.told_last.value_or("")});
    if (!duplicate) {
      ++sum.reports;
      // Independent sources: known publishers only; a report that names
      // none is not counted as a source of its own.
      if (!source.empty() && independent_keys[story].insert(source).second) ++sum.independent;
    }
    if (row.published) {
      std::string day = *row.published;
      if (auto n = DayNumber(day)) sum.days.push_back(*n);
      if (!sum.start || day < *sum.start) sum.start = day;
      if (!sum.end || day > *sum.end) sum.end = day;
    }
    // The headline of the document that fits the story best, in the
    // language asked for where the story has one. Without any title, the
    // lead of the document that fits best stands in (HeadlineFromLead),
    // ranked the same way below every real title; a lead that other reports
    // of the story open with too is a site's furniture (a sidebar headline
    // glued above every page), not this report's news.
    if (!duplicate) {
      double score = row.score;
      // A founding document (score 0, as are the founders of stories merged
      // in later) ranks below every document that joined.
      std::tuple<int, int, double> rank{title.empty() ? 0 : 1, lang.empty() || dlang == lang ? 1 : 0, score};
      if (title.empty()) {
        std::string opening = row.opening;
        ++openings[story][opening];
        untitled[story].push_back({rank, doc, std::move(opening)});
      }
      auto r = title_rank.find(story);
      if (r == title_rank.end() || rank > r->second) {
        title_rank[story] = rank;
        sum.title = title;
        sum.title_doc = doc;
      }
    }
  }
  for (StorySummary& sum : out) {
    if (!sum.title.empty()) continue;
    auto& candidates = untitled[sum.id];
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const auto& a, const auto& b) { return std::get<0>(a) > std::get<0>(b); });
    for (const auto& [rank, doc, opening] : candidates) {
      if (openings[sum.id][opening] == 1) {
        sum.title_doc = doc;
        break;
      }
    }
  }
  for (StorySummary& sum : out) {
    if (!sum.title.empty() || sum.title_doc == 0) continue;
    auto lead = DocumentOpening(sum.title_doc, 1500);
    if (!lead) return Unexpected(lead.error());
    sum.title = HeadlineFromLead(*lead);
    sum.title_from_lead = !sum.title.empty();
  }
  for (StorySummary& sum : out) {
    std::sort(sum.langs.begin(), sum.langs.end());
    // The span told: the reports' earliest and latest told dates, as a
    // timeline takes them: a month alone stands only where two reports tell
    // it, and in a story of 20 reports or more the outermost twentieth
    // (background, asides, misreadings) does not stretch it.
    auto it = told.find(sum.id);
    if (it != told.end()) {
      std::vector<std::string> firsts, lasts;
      for (const auto& [first, last] : it->second) firsts.push_back(first), lasts.push_back(last);
      std::sort(firsts.begin(), firsts.end());
      std::sort(lasts.rbegin(), lasts.rend());
      // `alone`: whether one report may set the bound with this value.
      auto pick = [](const std::vector<std::string>& values,
                     const std::function<bool(const std::string&)>& alone) -> std::optional<std::string> {
        for (size_t i = values.size() >= 20 ? values.size() / 20 : 0; i < values.size(); ++i) {
          const std::string& v = values[i];
          if (alone(v)) return v;
          size_t same = std::count_if(values.begin(), values.end(),
                                      [&](const std::string& w) { return w.compare(0, 7, v) == 0; });
          if (same >= 2) return v;
        }
        return std::nullopt;
      };
      // Reports tell background: a day more than a month before the first
      // report, like a month alone, needs two reports in its month.
      const std::optional<int64_t> first_published = sum.start ? DayOf(*sum.start) : std::nullopt;
      sum.told_start = pick(firsts, [&](const std::string& v) {
        if (v.size() <= 7) return false;
        auto day = DayOf(v);
        return !first_published || !day || *day >= *first_published - 31;
      });
      sum.told_end = pick(lasts, [](const std::string& v) { return v.size() > 7; });
      // A story covered for weeks by many reports began near its first
      // report: what they tell of before that is background.
      if (firsts.size() >= 20 && sum.start && sum.told_start) {
        auto first = DayOf(*sum.start), told = DayOf(*sum.told_start);
        if (first && told && *told < *first - 31) sum.told_start.reset();
      }
    }
    if (sum.start && (!sum.told_start || *sum.start < *sum.told_start)) sum.told_start = sum.start;
    if (sum.end && (!sum.told_end || *sum.end > *sum.told_end)) sum.told_end = sum.end;
  }
  std::stable_sort(out.begin(), out.end(), [](const StorySummary& a, const StorySummary& b) {
    return a.docs.size() != b.docs.size() ? a.docs.size() > b.docs.size() : a.id < b.id;
  });
  return out;
}

}  // namespace storyloom
