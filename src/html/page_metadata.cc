#include "html/page_metadata.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <vector>

namespace storyloom::html {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Collapses white space and trims: metadata values are single lines.
std::string OneLine(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// Text of an element's subtree, for <title>, <h1> and the like.
std::string SubtreeText(const PageTree& tree, int i) {
  std::string out;
  for (int k = i; k < tree.node(i).subtree_end; ++k) {
    if (tree.node(k).is_text) {
      out.append(tree.Text(k));
      out.push_back(' ');
    }
  }
  return OneLine(out);
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Meta names that carry the publication date, best first.
constexpr std::array<std::string_view, 17> kDateNames = {
    "article:published_time", "og:article:published_time", "datepublished", "article.published",
    "published_time",         "publishdate",               "publish-date",  "publish_date",
    "pubdate",                "dc.date.issued",            "dcterms.issued", "parsely-pub-date",
    "sailthru.date",          "dc.date",                   "dcterms.date",   "date",
    "dcterms.created",
};

int DateRank(std::string_view key) {
  for (size_t r = 0; r < kDateNames.size(); ++r) {
    if (key == kDateNames[r]) return static_cast<int>(r);
  }
  return -1;
}

// Looks through a JSON-LD value (object, array or @graph) for an article's
// fields.
void ReadJsonLd(const nlohmann::json& j, PageMetadata* meta, std::optional<std::string>* published, int depth) {
  if (depth > 6) return;
  if (j.is_array()) {
    for (const auto& item : j) ReadJsonLd(item, meta, published, depth + 1);
    return;
  }
  if (!j.is_object()) return;
  if (auto it = j.find("@graph"); it != j.end()) ReadJsonLd(*it, meta, published, depth + 1);
  if (auto it = j.find("datePublished"); it != j.end() && it->is_string() && !published->has_value()) {
    *published = IsoDateFrom(it->get<std::string>());
  }
  if (auto it = j.find("author"); it != j.end() && meta->byline.empty()) {
    const nlohmann::json& a = it->is_array() && !it->empty() ? (*it)[0] : *it;
    if (a.is_object() && a.contains("name") && a["name"].is_string()) {
      meta->byline = OneLine(a["name"].get<std::string>());
    } else if (a.is_string()) {
      meta->byline = OneLine(a.get<std::string>());
    }
  }
  if (auto it = j.find("publisher"); it != j.end() && meta->site.empty() && it->is_object()) {
    if (it->contains("name") && (*it)["name"].is_string()) meta->site = OneLine((*it)["name"].get<std::string>());
  }
  if (auto it = j.find("headline"); it != j.end() && meta->title.empty() && it->is_string()) {
    meta->title = OneLine(it->get<std::string>());
  }
}

// Lower-cased words (runs of ASCII letters and digits, or of any
// non-ASCII bytes) of a title.
std::vector<std::string> TitleWords(std::string_view s) {
  std::vector<std::string> words;
  std::string w;
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x80 || std::isalnum(u)) {
      w.push_back(u < 0x80 ? static_cast<char>(std::tolower(u)) : c);
    } else if (!w.empty()) {
      words.push_back(std::move(w));
      w.clear();
    }
  }
  if (!w.empty()) words.push_back(std::move(w));
  return words;
}

// Words the two titles share, over the words of `a`.
double SharedWords(std::string_view a, std::string_view b) {
  std::vector<std::string> wa = TitleWords(a), wb = TitleWords(b);
  if (wa.empty()) return 0;
  int shared = 0;
  for (const std::string& w : wa) shared += std::find(wb.begin(), wb.end(), w) != wb.end() ? 1 : 0;
  return static_cast<double>(shared) / wa.size();
}

// The title without a trailing " | Site" (or " - Site", " — Site"): the
// last part after a separator when it is the site's name or a few words
// beside a longer headline.
std::string WithoutSiteName(const std::string& title, const std::string& site) {
  size_t best = std::string::npos, sep_len = 0;
  for (std::string_view sep : {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", " \xC2\xB7 "}) {
    size_t at = title.rfind(sep);
    if (at != std::string::npos && (best == std::string::npos || at > best)) {
      best = at;
      sep_len = sep.size();
    }
  }
  if (best == std::string::npos || best == 0) return title;
  std::string_view head(title.data(), best), tail(title.data() + best + sep_len, title.size() - best - sep_len);
  size_t tail_words = TitleWords(tail).size(), head_words = TitleWords(head).size();
  bool is_site = !site.empty() && SharedWords(site, tail) >= 0.99 && SharedWords(tail, site) >= 0.99;
  if (is_site || (tail_words <= 3 && head_words > tail_words)) return std::string(head);
  return title;
}

}  // namespace

std::optional<std::string> IsoDateFrom(std::string_view v) {
  size_t i = 0;
  while (i < v.size() && (v[i] == ' ' || v[i] == '"')) ++i;
  v.remove_prefix(i);
  if (v.size() < 8 || !IsDigit(v[0]) || !IsDigit(v[1]) || !IsDigit(v[2]) || !IsDigit(v[3])) return std::nullopt;
  int year = (v[0] - '0') * 1000 + (v[1] - '0') * 100 + (v[2] - '0') * 10 + (v[3] - '0');
  int month = 0, day = 0;
  if ((v[4] == '-' || v[4] == '/' || v[4] == '.') && v.size() >= 10 && IsDigit(v[5]) && IsDigit(v[6]) &&
      v[7] == v[4] && IsDigit(v[8]) && IsDigit(v[9])) {
    month = (v[5] - '0') * 10 + (v[6] - '0');
    day = (v[8] - '0') * 10 + (v[9] - '0');
  } else if (IsDigit(v[4]) && IsDigit(v[5]) && IsDigit(v[6]) && IsDigit(v[7]) &&
             (v.size() == 8 || !IsDigit(v[8]))) {
    month = (v[4] - '0') * 10 + (v[5] - '0');
    day = (v[6] - '0') * 10 + (v[7] - '0');
  } else {
    return std::nullopt;
  }
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  char out[11];
  std::snprintf(out, sizeof(out), "%04d-%02d-%02d", year, month, day);
  return std::string(out);
}

PageMetadata ReadPageMetadata(const PageTree& tree) {
  PageMetadata meta;
  std::string og_title, twitter_title, title_tag, h1, og_url, canonical, site, author;
  std::vector<std::string> h1s;
  std::optional<std::string> meta_date, json_date, time_date;
  int meta_date_rank = 1 << 20;
  for (int i = 0; i < tree.size(); ++i) {
    const PageNode& n = tree.node(i);
    if (n.is_text) continue;
    switch (n.tag) {
      case GUMBO_TAG_HTML:
        if (meta.lang.empty()) meta.lang = Lower(OneLine(tree.Attribute(i, "lang")));
        break;
      case GUMBO_TAG_TITLE:
        if (title_tag.empty()) title_tag = SubtreeText(tree, i);
        break;
      case GUMBO_TAG_H1:
        if (h1s.size() < 8) h1s.push_back(SubtreeText(tree, i));
        break;
      case GUMBO_TAG_LINK:
        if (canonical.empty() && Lower(tree.Attribute(i, "rel")) == "canonical") {
          canonical = OneLine(tree.Attribute(i, "href"));
        }
        break;
      case GUMBO_TAG_TIME:
        if (!time_date) time_date = IsoDateFrom(tree.Attribute(i, "datetime"));
        break;
      case GUMBO_TAG_META: {
        std::string key = Lower(tree.Attribute(i, "property"));
        if (key.empty()) key = Lower(tree.Attribute(i, "name"));
        if (key.empty()) key = Lower(tree.Attribute(i, "itemprop"));
        std::string_view content = tree.Attribute(i, "content");
        if (key.empty() || content.empty()) break;
        if (key == "og:title") og_title = OneLine(content);
        else if (key == "twitter:title") twitter_title = OneLine(content);
        else if (key == "og:site_name") site = OneLine(content);
        else if (key == "application-name" && site.empty()) site = OneLine(content);
        else if (key == "og:url") og_url = OneLine(content);
        else if ((key == "author" || key == "article:author" || key == "byl" || key == "sailthru.author") &&
                 author.empty() && content.find("://") == std::string_view::npos) {
          author = OneLine(content);
        }
        int rank = DateRank(key);
        if (rank >= 0 && rank < meta_date_rank) {
          if (auto d = IsoDateFrom(content)) {
            meta_date = d;
            meta_date_rank = rank;
          }
        }
        break;
      }
      case GUMBO_TAG_SCRIPT: {
        if (Lower(tree.Attribute(i, "type")) != "application/ld+json") break;
        std::string json;
        for (int k = i + 1; k < n.subtree_end; ++k) json.append(tree.Text(k));
        nlohmann::json j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
        if (!j.is_discarded()) ReadJsonLd(j, &meta, &json_date, 0);
        break;
      }
      default:
        break;
    }
  }
  std::string json_title = meta.title;
  std::string stated = !og_title.empty() ? og_title : !json_title.empty() ? json_title : twitter_title;
  // The headline as the page shows it: the first <h1> that says much of
  // what the metadata title says (sites reword and extend their titles for
  // search and sharing), so a logo in an <h1> is passed over.
  for (const std::string& heading : h1s) {
    if (heading.empty() || (!site.empty() && SharedWords(heading, site) >= 0.99)) continue;
    if (stated.empty() || SharedWords(heading, stated) >= 0.5) {
      h1 = heading;
      break;
    }
  }
  meta.title = !h1.empty() ? h1 : !stated.empty() ? WithoutSiteName(stated, site) : WithoutSiteName(title_tag, site);
  meta.published = meta_date ? meta_date : json_date ? json_date : time_date;
  if (!site.empty()) meta.site = site;
  if (!author.empty()) meta.byline = author;
  meta.url = !canonical.empty() ? canonical : og_url;
  return meta;
}

}  // namespace storyloom::html
