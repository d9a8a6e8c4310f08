// `storyloom stories` and `storyloom story ID`: the stories the story stage
// built during ingest, read from the store.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "storyloom/engine.h"
#include "storyloom/views.h"

namespace storyloom::cli {

namespace {

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

int RunStories(const StoriesArgs& args, const GlobalOptions& global) {
  // Days compare as text: anything else than a real YYYY-MM-DD would keep
  // a wrong set of stories without a word.
  if (!args.since.empty() && !ParseIsoDay(args.since)) {
    std::cerr << "storyloom stories: --since takes a day as YYYY-MM-DD, not '" << args.since << "'\n";
    return 2;
  }
  auto engine = OpenEngineOrReport(args.store, global, "stories");
  if (!engine) return 2;
  StoryFilter filter;
  filter.lang = args.lang;
  if (!args.since.empty()) filter.from = args.since;
  auto stories = engine->ListStories(filter);
  if (!stories) {
    std::cerr << "storyloom stories: " << stories.error().message() << "\n";
    return 1;
  }
  if (!args.json) {
    std::cout << (args.events ? "story  event  size  start       end         title\n"
                              : "   id  size  langs     start       end         title\n");
  }
  for (const StorySummary& s : stories->stories) {
    if (args.events) {
      auto events = engine->GetEvents(s.id);
      if (!events) {
        std::cerr << "storyloom stories: " << events.error().message() << "\n";
        return 1;
      }
      for (const StoryEvent& e : *events) {
        if (args.json) {
          nlohmann::json j = {{"story", s.id}};
          j.update(EventJson(e));
          std::cout << DumpJson(j) << "\n";
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
      std::cout << DumpJson(StoryJson(s, /*with_docs=*/true)) << "\n";
      continue;
    }
    char line[128];
    std::snprintf(line, sizeof line, "%5lld  %4zu  %-8s  %-10s  %-10s  ", static_cast<long long>(s.id), s.docs.size(),
                  Join(s.langs, ",").c_str(), s.told_start.value_or("-").c_str(), s.told_end.value_or("-").c_str());
    std::cout << line << Clip(s.title.empty() ? "(untitled)" : s.title, 70) << "\n";
  }
  if (!args.json && stories->stories.empty()) {
    auto all = engine->ListStories(StoryFilter());
    bool none = all && all->stories.empty();
    std::cout << "(no stories" << (none ? " yet: `storyloom ingest` builds them" : " match") << ")\n";
  }
  return 0;
}

int RunStory(int64_t id, bool json, const std::string& store_path, const GlobalOptions& global) {
  auto engine = OpenEngineOrReport(store_path, global, "story");
  if (!engine) return 2;
  auto story = engine->GetStory(id);
  if (!story) {
    const Status& e = story.error();
    std::cerr << "storyloom story: " << e.message()
              << (e.kind() == ErrorKind::kNotFound ? " in " + store_path + MergedNote(*engine, id, "story") : "") << "\n";
    return 1;
  }
  if (json) {
    std::cout << DumpJson(StoryViewJson(*story)) << "\n";
    return 0;
  }
  // By event; each duplicate under the document it copies or translates.
  std::cout << "story " << id << ": " << story->docs.size() << " document(s), " << story->events.size()
            << " event(s)\n";
  auto line = [&](const StoryDocument& d, const std::string& indent) {
    const DocumentBrief& b = d.brief;
    std::string title = !b.title.empty() ? b.title : d.lead;
    std::cout << indent << "doc " << b.id << "  " << (d.stored ? b.lang : "?") << "  " << b.published.value_or("-")
              << "  " << (b.source.empty() ? "" : b.source + "  ") << Clip(title.empty() ? "(untitled)" : title, 70);
    if (d.duplicate_of) {
      char s[64];
      std::snprintf(s, sizeof s, "  [%s of %lld, %.2f]", d.duplicate_kind.c_str(),
                    static_cast<long long>(d.duplicate_of), d.duplicate_score);
      std::cout << s;
    }
    std::cout << "\n";
    if (!d.why.empty()) std::cout << indent << "    why: " << Join(d.why, ", ") << "\n";
  };
  for (const StoryEvent& e : story->events) {
    std::string span = e.start ? (*e.start == *e.end ? *e.start : *e.start + " to " + *e.end) : "undated";
    std::cout << "event " << e.number << "  " << span << "  " << Clip(e.title, 70) << "  (" << e.docs.size()
              << " document(s))\n";
    for (int64_t doc : e.docs) {
      const StoryDocument* d = story->Find(doc);
      if (!d || d->duplicate_of) continue;  // shown under its original
      line(*d, "  ");
      for (const StoryDocument* copy : story->FoldedUnder(doc)) line(*copy, "      ");
    }
  }
  for (const StoryMerge& m : story->merged) std::cout << "merged: story " << m.story << " at doc " << m.at_doc << "\n";
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
  cmd->callback([args, &global] { global.exit_code = RunStories(*args, global); });

  struct StoryArgs {
    int64_t id = 0;
    std::string store = "storyloom.db";
    bool json = false;
  };
  auto sargs = std::make_shared<StoryArgs>();
  CLI::App* one = app.add_subcommand("story", "one story: its documents by language, duplicates folded, and why");
  one->add_option("id", sargs->id, "story id (see `storyloom stories`)")->required();
  one->add_option("--store", sargs->store, kStoreHelp)->capture_default_str();
  one->add_flag("--json", sargs->json, "one JSON object: the story with its docs (placement, why, duplicates), events and merges");
  one->callback([sargs, &global] { global.exit_code = RunStory(sargs->id, sargs->json, sargs->store, global); });
}

}  // namespace storyloom::cli
