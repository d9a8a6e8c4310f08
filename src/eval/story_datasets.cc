// The story dataset readers of storyloom/eval.h (ReadStoryDataset).
#include "storyloom/eval.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string_view>
#include <system_error>

#include <nlohmann/json.hpp>

#include "storyloom/text.h"

namespace storyloom {
namespace {

namespace fs = std::filesystem;

Result<std::string> ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail("cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.emplace_back(line);
    start = end + 1;
  }
  return lines;
}

std::string_view Trim(std::string_view s) {
  const char* space = " \t\r\n";
  size_t begin = s.find_first_not_of(space);
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(space) - begin + 1);
}

bool IsBlank(std::string_view s) { return Trim(s).empty(); }

// Entries of a folder, sorted by name so every reader is deterministic.
std::vector<fs::path> ListFolder(const fs::path& folder) {
  std::vector<fs::path> entries;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) entries.push_back(it->path());
  std::sort(entries.begin(), entries.end());
  return entries;
}

bool IsFolder(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

bool IsFile(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

// "cluster_9" before "cluster_10": runs of digits compare as numbers, so
// orders read the way the datasets number their items.
bool NaturalLess(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (std::isdigit(static_cast<unsigned char>(a[i])) && std::isdigit(static_cast<unsigned char>(b[j]))) {
      size_t i_end = i, j_end = j;
      while (i_end < a.size() && std::isdigit(static_cast<unsigned char>(a[i_end]))) ++i_end;
      while (j_end < b.size() && std::isdigit(static_cast<unsigned char>(b[j_end]))) ++j_end;
      std::string_view x = a.substr(i, i_end - i), y = b.substr(j, j_end - j);
      while (x.size() > 1 && x.front() == '0') x.remove_prefix(1);
      while (y.size() > 1 && y.front() == '0') y.remove_prefix(1);
      if (x.size() != y.size()) return x.size() < y.size();
      if (x != y) return x < y;
      i = i_end;
      j = j_end;
      continue;
    }
    if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
    ++i;
    ++j;
  }
  return a.size() - i < b.size() - j;
}

void SortItems(std::vector<StoryItem>* items) {
  std::sort(items->begin(), items->end(), [](const StoryItem& x, const StoryItem& y) {
    if (x.published.has_value() != y.published.has_value()) return x.published.has_value();
    if (x.published && *x.published != *y.published) return *x.published < *y.published;
    return NaturalLess(x.id, y.id);
  });
}

// A JSON id or label as text: strings as they are, numbers as written.
std::string LabelText(const nlohmann::json& j) { return j.is_string() ? j.get<std::string>() : j.dump(); }

// ---- vietnamese-mds ---------------------------------------------------------

// TITLE and SUMMARY in the .info.txt files are word-segmented ("biểu_tình")
// and tokenised ("Campuchia , 6 lính"); a user's copy of the article reads
// "biểu tình" and "Campuchia, 6 lính". Undo both: underscores become spaces,
// and punctuation tokens rejoin their neighbours.
std::string Detokenise(std::string_view segmented) {
  std::string spaced(segmented);
  std::replace(spaced.begin(), spaced.end(), '_', ' ');
  static const std::vector<std::string_view> kAttachLeft = {",", ".", ";", ":", "!", "?", ")", "]",
                                                            "%", "...", "…", "”", "’"};
  static const std::vector<std::string_view> kAttachRight = {"(", "[", "“", "‘"};
  auto in = [](const std::vector<std::string_view>& set, std::string_view t) {
    return std::find(set.begin(), set.end(), t) != set.end();
  };
  std::string out;
  bool glue_next = false;  // the previous token opens: no space after it
  bool inside_double = false, inside_single = false;
  std::istringstream tokens(spaced);
  for (std::string token; tokens >> token;) {
    bool glue = glue_next || in(kAttachLeft, token);
    glue_next = in(kAttachRight, token);
    // Straight quotes stand alone as tokens: they alternate opening, closing.
    bool* inside = token == "\"" ? &inside_double : token == "'" ? &inside_single : nullptr;
    if (inside != nullptr) {
      if (*inside) glue = true;
      else glue_next = true;
      *inside = !*inside;
    }
    if (!out.empty() && !glue) out.push_back(' ');
    out += token;
  }
  return out;
}

// Letters and digits only, ASCII lower-cased: enough to see whether two
// versions of a sentence (segmented lead, raw body) start the same way.
std::string LeadKey(std::string_view text, size_t max_bytes) {
  static const std::vector<std::string_view> kPunctuation = {"“", "”", "‘", "’", "–", "—", "…"};
  std::string key;
  for (size_t i = 0; i < text.size() && key.size() < max_bytes;) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (std::isalnum(c)) key.push_back(static_cast<char>(std::tolower(c)));
      ++i;
      continue;
    }
    bool skipped = false;
    for (std::string_view p : kPunctuation) {
      if (text.substr(i, p.size()) == p) {
        i += p.size();
        skipped = true;
        break;
      }
    }
    if (!skipped) key.push_back(text[i++]);
  }
  return key;
}

// "23/10/2013 11:39" -> "2013-10-23".
std::optional<std::string> DayFromVietnameseTime(std::string_view time) {
  int day = 0, month = 0, year = 0;
  std::string s(Trim(time));
  if (std::sscanf(s.c_str(), "%d/%d/%d", &day, &month, &year) != 3) return std::nullopt;
  if (day < 1 || day > 31 || month < 1 || month > 12 || year < 1000 || year > 9999) return std::nullopt;
  char iso[16];
  std::snprintf(iso, sizeof(iso), "%04d-%02d-%02d", year, month, day);
  return std::string(iso);
}

Result<StoryItem> ReadVietnameseArticle(const fs::path& info_path, const std::string& cluster) {
  auto info = ReadText(info_path);
  if (!info) return Unexpected(info.error());
  std::map<std::string, std::string, std::less<>> fields;
  for (const std::string& line : SplitLines(*info)) {
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    fields[std::string(Trim(std::string_view(line).substr(0, colon)))] =
        std::string(Trim(std::string_view(line).substr(colon + 1)));
  }
  const std::string name = info_path.filename().string();
  const std::string article = name.substr(0, name.size() - std::string_view(".info.txt").size());
  auto body = ReadText(info_path.parent_path() / (article + ".body.txt"));
  if (!body) return Unexpected(body.error());

  StoryItem item;
  item.id = cluster + "/" + article;
  item.gold = cluster;
  item.lang = "vi";
  item.title = Detokenise(fields["TITLE"]);
  item.published = DayFromVietnameseTime(fields["TIME"]);
  // The bodies were cut after the lead: SUMMARY holds the article's first
  // paragraph and 603 of 628 bodies do not start with it. A user ingests the
  // whole article, so the lead goes back in front unless the body has it.
  const std::string lead = Detokenise(fields["SUMMARY"]);
  const std::string_view text = Trim(*body);
  const std::string lead_key = LeadKey(lead, 60);
  if (lead_key.empty() || LeadKey(text, lead_key.size()) == lead_key) {
    item.text = std::string(text);
  } else {
    item.text = lead + "\n\n" + std::string(text);
  }
  return item;
}

bool IsClusterFolder(const fs::path& p) { return IsFolder(p) && p.filename().string().starts_with("cluster_"); }

Result<StoryDataset> ReadVietnameseMds(const fs::path& clusters) {
  StoryDataset data;
  data.name = "vietnamese-mds";
  for (const fs::path& folder : ListFolder(clusters)) {
    if (!IsClusterFolder(folder)) continue;
    const std::string cluster = folder.filename().string();
    for (const fs::path& file : ListFolder(folder)) {
      const std::string name = file.filename().string();
      // cluster_N.info.txt describes the cluster, not an article.
      if (!name.ends_with(".info.txt") || name.starts_with("cluster_")) continue;
      auto item = ReadVietnameseArticle(file, cluster);
      if (!item) return Unexpected(item.error());
      if (!IsBlank(item->text)) data.items.push_back(std::move(*item));
    }
  }
  if (data.items.empty()) return Fail(clusters.string() + ": no articles in clusters/cluster_N/ID.info.txt");
  return data;
}

// ---- mmds -------------------------------------------------------------------

Result<StoryDataset> ReadMmds(const fs::path& file) {
  auto content = ReadText(file);
  if (!content) return Unexpected(content.error());
  nlohmann::json root = nlohmann::json::parse(*content, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded() || !root.is_object()) return Fail(file.string() + ": not an mmds JSON file (invalid JSON)");
  const auto articles = root.find("articles");
  const auto clusters = root.find("clusters");
  if (articles == root.end() || clusters == root.end() || !articles->is_array() || !clusters->is_array() ||
      articles->size() != clusters->size()) {
    return Fail(file.string() +
                ": not an mmds file: expected {\"articles\": [...], \"clusters\": [...]} of equal size");
  }
  StoryDataset data;
  data.name = "mmds";
  for (size_t i = 0; i < articles->size(); ++i) {
    const nlohmann::json& a = (*articles)[i];
    if (!a.is_object()) return Fail(file.string() + ": article " + std::to_string(i) + " is not an object");
    StoryItem item;
    item.id = "mmds/" + (a.contains("ID") ? LabelText(a["ID"]) : std::to_string(i));
    item.gold = LabelText((*clusters)[i]);
    if (a.contains("title") && a["title"].is_string()) item.title = std::string(Trim(a["title"].get<std::string>()));
    // "when" is when the event happened, as an annotator read it ("Yesterday",
    // "2016-2020"), not when the article appeared: no published date.
    if (a.contains("sentences") && a["sentences"].is_array()) {
      for (const nlohmann::json& s : a["sentences"]) {
        if (!s.is_object() || !s.contains("content") || !s["content"].is_string()) continue;
        std::string_view sentence = Trim(s["content"].get_ref<const std::string&>());
        if (sentence.empty()) continue;
        if (!item.text.empty()) item.text += "\n";
        item.text += sentence;
      }
    }
    if (!item.text.empty()) data.items.push_back(std::move(item));
  }
  return data;
}

// ---- timeline17 -------------------------------------------------------------

bool IsIsoDay(std::string_view s) {
  if (s.size() < 10) return false;
  for (size_t i = 0; i < 10; ++i) {
    const bool digit = std::isdigit(static_cast<unsigned char>(s[i]));
    if ((i == 4 || i == 7) ? s[i] != '-' : !digit) return false;
  }
  return true;
}

Result<StoryDataset> ReadTimeline17(const fs::path& folder) {
  StoryDataset data;
  data.name = "timeline17";
  for (const fs::path& set : ListFolder(folder)) {
    const fs::path articles = set / "articles.jsonl";
    if (!IsFile(articles)) continue;
    // A set is <topic>_<source>; the story is the topic.
    const std::string set_name = set.filename().string();
    const std::string topic = set_name.substr(0, set_name.find('_'));
    auto content = ReadText(articles);
    if (!content) return Unexpected(content.error());
    int lineno = 0;
    for (const std::string& line : SplitLines(*content)) {
      ++lineno;
      if (IsBlank(line)) continue;
      nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
      if (j.is_discarded() || !j.is_object() || !j.contains("id") || !j.contains("text") || !j["text"].is_string()) {
        return Fail(articles.string() + ":" + std::to_string(lineno) + ": not an {id, time, text} object");
      }
      StoryItem item;
      item.id = set_name + "/" + LabelText(j["id"]);
      item.gold = topic;
      item.lang = "en";
      // Texts are tokenised ("Jackson 's", "-LRB-") and often open with the
      // headline; they stay as published by news-tls.
      item.text = j["text"].get<std::string>();
      if (j.contains("time") && j["time"].is_string() && IsIsoDay(j["time"].get_ref<const std::string&>())) {
        item.published = j["time"].get<std::string>().substr(0, 10);
      }
      if (!IsBlank(item.text)) data.items.push_back(std::move(item));
    }
  }
  if (data.items.empty()) return Fail(folder.string() + ": no <topic>_<source>/articles.jsonl with articles");
  return data;
}

// ---- ntrex ------------------------------------------------------------------

// The versions of an NTREX folder: newstest2019-src.eng.txt, the English
// original, and every newstest2019-ref.<code>.txt beside it, English first,
// then by file name.
struct NtrexVersion {
  fs::path file;
  std::string code;  // as the file names it: "eng", "deu", "zho-CN"
  std::string lang;  // ISO 639-1
};

std::vector<NtrexVersion> NtrexVersions(const fs::path& folder) {
  std::vector<NtrexVersion> versions;
  const std::string src = "newstest2019-src.", ref = "newstest2019-ref.", ext = ".txt";
  for (const fs::path& p : ListFolder(folder)) {
    const std::string name = p.filename().string();
    const bool is_src = name.starts_with(src), is_ref = name.starts_with(ref);
    if (!(is_src || is_ref) || !name.ends_with(ext) || !IsFile(p)) continue;
    std::string code = name.substr(src.size(), name.size() - src.size() - ext.size());
    if (code.empty()) continue;
    versions.push_back({p, code, IsoLanguage(code)});
  }
  std::stable_partition(versions.begin(), versions.end(), [](const NtrexVersion& v) { return v.lang == "en"; });
  return versions;
}

Result<StoryDataset> ReadNtrex(const fs::path& folder) {
  // DOCUMENT_IDS.tsv: line i names the article of line i of every file
  // ("bbc.381790"); an article's lines are consecutive.
  auto ids_text = ReadText(folder / "DOCUMENT_IDS.tsv");
  if (!ids_text) return Unexpected(ids_text.error());
  std::vector<std::string> line_article;
  for (const std::string& line : SplitLines(*ids_text)) {
    line_article.emplace_back(Trim(std::string_view(line).substr(0, line.find('\t'))));
  }
  StoryDataset data;
  data.name = "ntrex";
  data.original_lang = "en";
  data.headline_langs = {"en", "vi", "id", "ar", "ms"};
  const std::vector<NtrexVersion> versions = NtrexVersions(folder);
  if (versions.empty() || versions.front().lang != "en")
    return Fail(folder.string() + ": no newstest2019-src.eng.txt beside DOCUMENT_IDS.tsv");
  for (const NtrexVersion& v : versions) {
    auto text = ReadText(v.file);
    if (!text) return Unexpected(text.error());
    std::vector<std::string> lines = SplitLines(*text);
    if (lines.size() != line_article.size()) {
      return Fail(v.file.string() + ": " + std::to_string(lines.size()) + " lines, but DOCUMENT_IDS.tsv has " +
                  std::to_string(line_article.size()));
    }
    std::vector<std::string> order;  // articles as they first appear
    std::map<std::string, std::string> article_text;
    for (size_t i = 0; i < lines.size(); ++i) {
      auto [it, added] = article_text.try_emplace(line_article[i]);
      if (added) order.push_back(line_article[i]);
      if (!it->second.empty()) it->second += "\n";
      it->second += Trim(lines[i]);
    }
    for (const std::string& article : order) {
      StoryItem item;
      item.id = "ntrex/" + v.code + "/" + article;
      item.gold = article;
      item.lang = v.lang;
      item.text = std::move(article_text[article]);
      if (!IsBlank(item.text)) data.items.push_back(std::move(item));
    }
  }
  return data;
}

// ---- sniffing ---------------------------------------------------------------

bool HoldsClusterFolders(const fs::path& folder) {
  for (const fs::path& p : ListFolder(folder)) {
    if (IsClusterFolder(p)) return true;
  }
  return false;
}

bool HoldsTimelineSets(const fs::path& folder) {
  for (const fs::path& p : ListFolder(folder)) {
    if (IsFile(p / "articles.jsonl")) return true;
  }
  return false;
}

Result<StoryDataset> ReadSniffed(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return Fail("no such file or folder: " + path.string());
  if (IsFile(path)) return ReadMmds(path);
  if (IsFolder(path / "clusters")) return ReadVietnameseMds(path / "clusters");
  if (IsFile(path / "dev.json")) return ReadMmds(path / "dev.json");
  if (IsFile(path / "DOCUMENT_IDS.tsv")) return ReadNtrex(path);
  if (HoldsClusterFolders(path)) return ReadVietnameseMds(path);
  if (HoldsTimelineSets(path)) return ReadTimeline17(path);
  return Fail(path.string() +
              ": not a story dataset: expected a vietnamese-mds folder (clusters/cluster_N/), an mmds dev.json, "
              "a timeline17 folder (<topic>_<source>/articles.jsonl) or an ntrex folder (DOCUMENT_IDS.tsv)");
}

}  // namespace

Result<StoryDataset> ReadStoryDataset(const std::string& path) {
  Result<StoryDataset> data = [&]() -> Result<StoryDataset> {
    // nlohmann::json throws on surprises the checks above did not foresee; no
    // exception leaves storyloom's API.
    try {
      return ReadSniffed(fs::path(path));
    } catch (const std::exception& e) {
      return Fail(path + ": " + e.what());
    }
  }();
  if (data) SortItems(&data->items);
  return data;
}

}  // namespace storyloom
