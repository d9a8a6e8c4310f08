// `storyloom stories` and `storyloom story ID`: the stories the story stage
// built during ingest, read from the store.
#include <iostream>
#include <algorithm>
#include <map>
#include <set>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "label/headline.h"
#include "stories/events.h"
#include "storyloom/store.h"

namespace storyloom::cli {

namespace {

std::string Dump(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const std::string& x : v) out += (out.empty() ? "" : sep) + x;
  return out;
}

struct StoriesArgs {
  std::string store = "storyloom.db";
  std::string lang;
  std::string since;
  bool json = false;
  bool events = false;  // list each story's events instead
};

int RunStories(const StoriesArgs& args) {
  auto store = Store::Open(args.store, Store::Mode::kExisting);
  if (!store) {
    std::cerr << "storyloom stories: " << store.error().message() << "\n";
    return 2;
  }
  auto stories = (*store)->ListStories(args.lang);
  if (!stories) {
    std::cerr << "storyloom stories: " << stories.error().message() << "\n";
    return 1;
  }
  if (!args.json) {
    std::cout << (args.events ? "story  event  size  start       end         title\n"
                              : "   id  size  langs     start       end         title\n");
  }
  size_t shown = 0;
  for (const StorySummary& s : *stories) {
    if (!args.lang.empty() && std::find(s.langs.begin(), s.langs.end(), args.lang) == s.langs.end()) continue;
    if (!args.since.empty() && (!s.end || *s.end < args.since)) continue;
    ++shown;
    if (args.events) {
      auto events = StoryEvents(**store, s.id);
      if (!events) {
        std::cerr << "storyloom stories: " << events.error().message() << "\n";
        return 1;
      }
      for (const StoryEvent& e : *events) {
        if (args.json) {
          std::cout << Dump({{"story", s.id},
                             {"event", e.number},
                             {"title", e.title},
                             {"size", e.docs.size()},
                             {"start", e.start ? nlohmann::json(*e.start) : nlohmann::json(nullptr)},
                             {"end", e.end ? nlohmann::json(*e.end) : nlohmann::json(nullptr)},
                             {"docs", e.docs}})
                    << "\n";
          continue;
        }
        char line[128];
        std::snprintf(line, sizeof line, "%5lld  %5d  %4zu  %-10s  %-10s  ", static_cast<long long>(s.id), e.number,
                      e.docs.size(), e.start.value_or("-").c_str(), e.end.value_or("-").c_str());
        std::cout << line << Clip(e.title.empty() ? "(no text)" : e.title, 70) << "\n";
      }
      continue;
    }
    if (args.json) {
      nlohmann::json j = {{"id", s.id},
                          {"title", s.title},
                          {"title_doc", s.title_doc},
                          {"size", s.docs.size()},
                          {"duplicates", s.duplicates},
                          {"langs", s.langs},
                          {"sources", s.sources},
                          {"docs", s.docs},
                          {"reports", s.reports},
                          {"independent_sources", s.independent ? nlohmann::json(s.independent) : nlohmann::json(nullptr)},
                          // The span told of (the reports' dates); when it was published.
                          {"start", s.told_start ? nlohmann::json(*s.told_start) : nlohmann::json(nullptr)},
                          {"end", s.told_end ? nlohmann::json(*s.told_end) : nlohmann::json(nullptr)},
                          {"published_start", s.start ? nlohmann::json(*s.start) : nlohmann::json(nullptr)},
                          {"published_end", s.end ? nlohmann::json(*s.end) : nlohmann::json(nullptr)}};
      std::cout << Dump(j) << "\n";
      continue;
    }
    char line[128];
    std::snprintf(line, sizeof line, "%5lld  %4zu  %-8s  %-10s  %-10s  ", static_cast<long long>(s.id), s.docs.size(),
                  Join(s.langs, ",").c_str(), s.told_start.value_or("-").c_str(), s.told_end.value_or("-").c_str());
    std::cout << line << Clip(s.title.empty() ? "(untitled)" : s.title, 70) << "\n";
  }
  if (!args.json && shown == 0) {
    std::cout << "(no stories" << (stories->empty() ? " yet: `storyloom ingest` builds them" : " match") << ")\n";
  }
  return 0;
}

int RunStory(int64_t id, bool json, const std::string& store_path) {
  auto store = Store::Open(store_path, Store::Mode::kExisting);
  if (!store) {
    std::cerr << "storyloom story: " << store.error().message() << "\n";
    return 2;
  }
  auto placements = (*store)->StoryPlacements(id);
  if (!placements) {
    std::cerr << "storyloom story: " << placements.error().message() << "\n";
    return 1;
  }
  if (placements->empty()) {
    std::cerr << "storyloom story: no story " << id << " in " << store_path << "\n";
    return 1;
  }
  auto merges = (*store)->StoryMerges(id);
  auto events = StoryEvents(**store, id);
  if (!events) {
    std::cerr << "storyloom story: " << events.error().message() << "\n";
    return 1;
  }
  std::map<int64_t, Document> docs;
  for (const StoredPlacement& p : *placements) {
    auto d = (*store)->GetDocument(p.doc);
    if (d) docs.emplace(p.doc, std::move(*d));
  }
  auto title_of = [&](int64_t doc) -> std::string {
    auto it = docs.find(doc);
    if (it == docs.end()) return "";
    return it->second.title.empty() ? HeadlineFromLead(it->second.body.text()) : it->second.title;
  };
  if (json) {
    nlohmann::json j;
    j["id"] = id;
    j["docs"] = nlohmann::json::array();
    j["duplicates"] = nlohmann::json::array();
    j["why"] = nlohmann::json::object();
    std::set<std::string> langs;
    for (const StoredPlacement& p : *placements) {
      const Document* d = docs.contains(p.doc) ? &docs.at(p.doc) : nullptr;
      nlohmann::json dj = {{"doc", p.doc}, {"score", p.score}};
      if (d) {
        dj["lang"] = d->lang;
        dj["title"] = d->title;
        dj["source"] = d->source;
        dj["published"] = d->published ? nlohmann::json(*d->published) : nlohmann::json(nullptr);
        dj["path"] = d->path;
        langs.insert(d->lang);
      }
      j["docs"].push_back(dj);
      if (p.duplicate_of) {
        j["duplicates"].push_back(
            {{"doc", p.doc}, {"of", p.duplicate_of}, {"kind", p.duplicate_kind}, {"score", p.duplicate_score}});
      }
      j["why"][std::to_string(p.doc)] = p.why;
    }
    j["langs"] = langs;
    j["size"] = placements->size();
    j["events"] = nlohmann::json::array();
    for (const StoryEvent& e : *events) {
      j["events"].push_back({{"number", e.number},
                             {"title", e.title},
                             {"start", e.start ? nlohmann::json(*e.start) : nlohmann::json(nullptr)},
                             {"end", e.end ? nlohmann::json(*e.end) : nlohmann::json(nullptr)},
                             {"docs", e.docs}});
    }
    j["merged"] = nlohmann::json::array();
    if (merges) {
      for (const auto& [story, doc] : *merges) j["merged"].push_back({{"story", story}, {"at_doc", doc}});
    }
    std::cout << Dump(j) << "\n";
    return 0;
  }
  // By event; each duplicate under the document it copies or translates.
  std::map<int64_t, std::vector<const StoredPlacement*>> under;
  std::map<int64_t, const StoredPlacement*> placement_of;
  for (const StoredPlacement& p : *placements) {
    placement_of[p.doc] = &p;
    if (p.duplicate_of) under[p.duplicate_of].push_back(&p);
  }
  std::cout << "story " << id << ": " << placements->size() << " document(s), " << events->size() << " event(s)\n";
  auto line = [&](const StoredPlacement& p, const std::string& indent) {
    auto it = docs.find(p.doc);
    std::string when = it != docs.end() && it->second.published ? *it->second.published : "-";
    std::string source = it != docs.end() && !it->second.source.empty() ? it->second.source : "";
    std::string lang = it != docs.end() ? it->second.lang : "?";
    std::cout << indent << "doc " << p.doc << "  " << lang << "  " << when << "  " << (source.empty() ? "" : source + "  ")
              << Clip(title_of(p.doc).empty() ? "(untitled)" : title_of(p.doc), 70);
    if (p.duplicate_of) {
      char s[64];
      std::snprintf(s, sizeof s, "  [%s of %lld, %.2f]", p.duplicate_kind.c_str(),
                    static_cast<long long>(p.duplicate_of), p.duplicate_score);
      std::cout << s;
    }
    std::cout << "\n";
    if (!p.why.empty()) std::cout << indent << "    why: " << Join(p.why, ", ") << "\n";
  };
  for (const StoryEvent& e : *events) {
    std::string span = e.start ? (*e.start == *e.end ? *e.start : *e.start + " to " + *e.end) : "undated";
    std::cout << "event " << e.number << "  " << span << "  " << Clip(e.title, 70) << "  (" << e.docs.size()
              << " document(s))\n";
    for (int64_t doc : e.docs) {
      auto p = placement_of.find(doc);
      if (p == placement_of.end() || p->second->duplicate_of) continue;  // shown under its original
      line(*p->second, "  ");
      for (const StoredPlacement* d : under[doc]) line(*d, "      ");
    }
  }
  if (merges && !merges->empty()) {
    for (const auto& [story, doc] : *merges) std::cout << "merged: story " << story << " at doc " << doc << "\n";
  }
  return 0;
}

}  // namespace

void AddStories(CLI::App& app, GlobalOptions& global) {
  auto args = std::make_shared<StoriesArgs>();
  CLI::App* cmd = app.add_subcommand("stories", "the stories in the store, largest first");
  cmd->add_option("--store", args->store, kStoreHelp)->capture_default_str();
  cmd->add_option("--lang", args->lang, "only stories with documents in this language; titles in it where one exists");
  cmd->add_option("--since", args->since, "only stories with a document published on or after this day (YYYY-MM-DD)");
  cmd->add_flag("--json", args->json, "one JSON object a line");
  cmd->add_flag("--events", args->events, "list each story's events (largest stories first)");
  cmd->callback([args, &global] { global.exit_code = RunStories(*args); });

  struct StoryArgs {
    int64_t id = 0;
    std::string store = "storyloom.db";
    bool json = false;
  };
  auto sargs = std::make_shared<StoryArgs>();
  CLI::App* one = app.add_subcommand("story", "one story: its documents by language, duplicates folded, and why");
  one->add_option("id", sargs->id, "story id (see `storyloom stories`)")->required();
  one->add_option("--store", sargs->store, kStoreHelp)->capture_default_str();
  one->add_flag("--json", sargs->json, "one JSON object with docs, duplicates and why");
  one->callback([sargs, &global] { global.exit_code = RunStory(sargs->id, sargs->json, sargs->store); });
}

}  // namespace storyloom::cli
