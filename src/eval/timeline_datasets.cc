#include "eval/timeline_datasets.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <system_error>

#include <nlohmann/json.hpp>

namespace storyloom {
namespace {

namespace fs = std::filesystem;

std::string_view Trim(std::string_view s) {
  const char* space = " \t\r\n";
  size_t begin = s.find_first_not_of(space);
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(space) - begin + 1);
}

// "2009-05-12" or "2009-05-12T00:00:00" -> "2009-05-12"; empty when neither.
std::string IsoDayOf(const nlohmann::json& j) {
  if (!j.is_string()) return {};
  const std::string& s = j.get_ref<const std::string&>();
  long day;
  if (!IsoDayNumber(s, &day)) return {};
  if (s.size() > 10 && s[10] != 'T' && s[10] != ' ') return {};
  return s.substr(0, 10);
}

// Calls line(lineno, text) for each non-blank line; fails when unreadable.
template <typename F>
Status ForEachLine(const fs::path& path, F&& line) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Error("cannot read " + path.string());
  int lineno = 0;
  for (std::string text; std::getline(in, text);) {
    ++lineno;
    if (Trim(text).empty()) continue;
    STORYLOOM_RETURN_IF_ERROR(line(lineno, text));
  }
  return {};
}

std::string Where(const fs::path& path, int lineno) { return path.string() + ":" + std::to_string(lineno) + ": "; }

}  // namespace

Result<TimelineTopic> ReadTimelineTopic(const std::string& folder) {
  TimelineTopic topic;
  topic.name = fs::path(folder).lexically_normal().filename().string();
  if (topic.name.empty()) topic.name = fs::path(folder).lexically_normal().parent_path().filename().string();
  const fs::path articles = fs::path(folder) / "articles.jsonl";
  const fs::path timelines = fs::path(folder) / "timelines.jsonl";

  STORYLOOM_RETURN_IF_ERROR(ForEachLine(articles, [&](int lineno, const std::string& text) -> Status {
    nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object() || !j.contains("id") || !j.contains("text") || !j["text"].is_string()) {
      return Status::Error(Where(articles, lineno) + "not an {\"id\", \"time\", \"text\"} object");
    }
    TimelineArticle a;
    a.id = j["id"].is_string() ? j["id"].get<std::string>() : j["id"].dump();
    a.published = j.contains("time") ? IsoDayOf(j["time"]) : "";
    if (a.published.empty()) return Status::Error(Where(articles, lineno) + "\"time\" is not a YYYY-MM-DD date");
    a.text = j["text"].get<std::string>();
    topic.articles.push_back(std::move(a));
    return {};
  }));
  if (topic.articles.empty()) return Fail(articles.string() + ": no articles");
  std::stable_sort(topic.articles.begin(), topic.articles.end(),
                   [](const TimelineArticle& a, const TimelineArticle& b) { return a.published < b.published; });

  STORYLOOM_RETURN_IF_ERROR(ForEachLine(timelines, [&](int lineno, const std::string& text) -> Status {
    nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_array()) {
      return Status::Error(Where(timelines, lineno) + "not a [[\"YYYY-MM-DD\", [\"sentence\", ...]], ...] timeline");
    }
    DatedSummaries timeline;
    for (size_t i = 0; i < j.size(); ++i) {
      const nlohmann::json& entry = j[i];
      const std::string item = "entry " + std::to_string(i + 1) + " ";
      if (!entry.is_array() || entry.size() != 2 || !entry[1].is_array()) {
        return Status::Error(Where(timelines, lineno) + item + "is not [\"YYYY-MM-DD\", [\"sentence\", ...]]");
      }
      std::string date = IsoDayOf(entry[0]);
      if (date.empty()) return Status::Error(Where(timelines, lineno) + item + "has no YYYY-MM-DD date");
      std::vector<std::string> sentences;
      for (const nlohmann::json& s : entry[1]) {
        if (!s.is_string()) return Status::Error(Where(timelines, lineno) + item + "holds a sentence that is not a string");
        std::string_view t = Trim(s.get_ref<const std::string&>());
        if (!t.empty()) sentences.emplace_back(t);
      }
      timeline[date] = std::move(sentences);  // a repeated date: the last wins, as in news-tls
    }
    if (!timeline.empty()) topic.timelines.push_back(std::move(timeline));
    return {};
  }));
  if (topic.timelines.empty()) return Fail(timelines.string() + ": no gold timeline");
  return topic;
}

Result<TimelineDataset> ReadTimelineDataset(const std::string& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return Fail(path + ": not a folder (want the timeline17 folder)");
  std::vector<fs::path> folders;
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code e1, e2;
    if (fs::is_regular_file(it->path() / "articles.jsonl", e1) && fs::is_regular_file(it->path() / "timelines.jsonl", e2)) {
      folders.push_back(it->path());
    }
  }
  std::sort(folders.begin(), folders.end());
  TimelineDataset data;
  for (const fs::path& folder : folders) {
    auto topic = ReadTimelineTopic(folder.string());
    if (!topic) return Unexpected(topic.error());
    data.topics.push_back(std::move(*topic));
  }
  if (data.topics.empty()) {
    return Fail(path + ": no <topic>_<source>/ folder with articles.jsonl and timelines.jsonl");
  }
  return data;
}

}  // namespace storyloom
