#include "html/page_metadata.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <initializer_list>
#include <utility>
#include <vector>

#include "base/utf8.h"

namespace storyloom::html {

namespace {

// Collapses white space (U+00A0 included) and trims: metadata values are
// single lines.
std::string OneLine(std::string_view s) { return CollapseSpaces(s); }

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
  // Site-specific names that still say what they hold ("published",
  // "w-published-date"), after all the known ones.
  if (key.find("publish") != std::string_view::npos && key.find("publisher") == std::string_view::npos) {
    return static_cast<int>(kDateNames.size());
  }
  return -1;
}

// What the JSON-LD blocks of a page say.
struct JsonLdFacts {
  std::optional<std::string> published;
  std::string person;        // the first author that is a Person (or untyped)
  std::string organisation;  // the first author that is an Organization
  std::vector<std::string> person_refs;  // author {"@id"} without a name
  std::vector<std::pair<std::string, std::string>> people;  // @id, name of Person nodes
};

bool HasType(const nlohmann::json& j, std::string_view type) {
  auto it = j.find("@type");
  if (it == j.end()) return false;
  if (it->is_string()) return it->get<std::string>() == type;
  if (it->is_array()) {
    for (const auto& t : *it) {
      if (t.is_string() && t.get<std::string>() == type) return true;
    }
  }
  return false;
}

std::string StringAt(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? OneLine(it->get<std::string>()) : std::string();
}

void ReadJsonLdAuthor(const nlohmann::json& a, JsonLdFacts* facts) {
  if (a.is_string()) {
    if (facts->person.empty()) facts->person = OneLine(a.get<std::string>());
    return;
  }
  if (!a.is_object()) return;
  std::string name = StringAt(a, "name");
  if (name.empty()) {
    if (std::string id = StringAt(a, "@id"); !id.empty()) facts->person_refs.push_back(id);
    return;
  }
  std::string& slot = HasType(a, "Organization") || HasType(a, "NewsMediaOrganization") ? facts->organisation
                                                                                          : facts->person;
  if (slot.empty()) slot = name;
}

// Looks through a JSON-LD value (object, array or @graph) for an article's
// fields.
void ReadJsonLd(const nlohmann::json& j, PageMetadata* meta, JsonLdFacts* facts, int depth) {
  if (depth > 6) return;
  if (j.is_array()) {
    for (const auto& item : j) ReadJsonLd(item, meta, facts, depth + 1);
    return;
  }
  if (!j.is_object()) return;
  if (auto it = j.find("@graph"); it != j.end()) ReadJsonLd(*it, meta, facts, depth + 1);
  if (HasType(j, "Person")) {
    std::string id = StringAt(j, "@id"), name = StringAt(j, "name");
    if (!id.empty() && !name.empty()) facts->people.emplace_back(id, name);
  }
  if (auto it = j.find("datePublished"); it != j.end() && it->is_string() && !facts->published.has_value()) {
    facts->published = IsoDateFrom(it->get<std::string>());
    if (!facts->published) facts->published = DateFromText(it->get<std::string>());
  }
  if (auto it = j.find("author"); it != j.end()) {
    if (it->is_array()) {
      for (const auto& a : *it) ReadJsonLdAuthor(a, facts);
    } else {
      ReadJsonLdAuthor(*it, facts);
    }
  }
  if (auto it = j.find("publisher"); it != j.end() && meta->site.empty() && it->is_object()) {
    if (it->contains("name") && (*it)["name"].is_string()) meta->site = OneLine((*it)["name"].get<std::string>());
  }
  if (auto it = j.find("headline"); it != j.end() && meta->title.empty() && it->is_string()) {
    meta->title = OneLine(it->get<std::string>());
  }
}

// Parses a JSON-LD block. Pages often leave raw line breaks and tabs inside
// strings, which JSON forbids; a second try reads them as spaces.
nlohmann::json ParseJsonLd(std::string json) {
  nlohmann::json j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!j.is_discarded()) return j;
  for (char& c : json) {
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  }
  return nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
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

namespace {

// 1..12 for an English month name or its abbreviation ("Sept", "sep."),
// 0 otherwise.
int MonthNumber(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  std::string w = AsciiLower(word);
  if (w.size() < 3) return 0;
  for (size_t m = 0; m < kMonths.size(); ++m) {
    if (w == kMonths[m] || w == kMonths[m].substr(0, 3) || (m == 8 && w == "sept")) return static_cast<int>(m) + 1;
  }
  return 0;
}

struct DateToken {
  std::string_view text;
  bool number = false;
  char after = ' ';  // the character right after the token
};

std::optional<std::string> FormatDate(int year, int month, int day) {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  char out[11];
  std::snprintf(out, sizeof(out), "%04d-%02d-%02d", year, month, day);
  return std::string(out);
}

int NumberOf(std::string_view digits) {
  int n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

bool IsOrdinalSuffix(std::string_view w) {
  std::string l = AsciiLower(w);
  return l == "st" || l == "nd" || l == "rd" || l == "th";
}

// True when `value` looks like a template placeholder or a code identifier
// rather than a name: "{{ author }}", "page.head.author", "%AUTHOR%".
bool LooksLikePlaceholder(std::string_view value) {
  if (value.find("{{") != std::string_view::npos || value.find("${") != std::string_view::npos ||
      value.find('%') != std::string_view::npos || value.find('<') != std::string_view::npos) {
    return true;
  }
  int dots = 0;
  for (char c : value) {
    if (c == ' ') return false;
    dots += c == '.' || c == '_' ? 1 : 0;
  }
  return dots >= 2;
}

}  // namespace

std::optional<std::string> DateFromText(std::string_view text) {
  if (text.size() > 200) return std::nullopt;
  for (size_t at = 0; at + 10 <= text.size(); ++at) {
    if ((at == 0 || !IsDigit(text[at - 1])) && IsDigit(text[at])) {
      if (auto d = IsoDateFrom(text.substr(at)); d && !IsDigit(text[at + 4])) return d;
    }
  }
  std::vector<DateToken> tokens;
  for (size_t k = 0; k < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[k]);
    if (!std::isalnum(c)) {
      ++k;
      continue;
    }
    bool number = IsDigit(text[k]);
    size_t end = k;
    while (end < text.size() && (number ? IsDigit(text[end]) : std::isalpha(static_cast<unsigned char>(text[end])))) ++end;
    tokens.push_back({text.substr(k, end - k), number, end < text.size() ? text[end] : ' '});
    k = end;
  }
  auto day_at = [&](size_t k) { return k < tokens.size() && tokens[k].number && tokens[k].text.size() <= 2 ? NumberOf(tokens[k].text) : 0; };
  auto year_at = [&](size_t k) { return k < tokens.size() && tokens[k].number && tokens[k].text.size() == 4 ? NumberOf(tokens[k].text) : 0; };
  for (size_t k = 0; k < tokens.size(); ++k) {
    const DateToken& t = tokens[k];
    if (t.number) {
      // day.month.year
      if (t.after == '.' && t.text.size() <= 2 && k + 2 < tokens.size() && tokens[k + 1].number &&
          tokens[k + 1].after == '.' && tokens[k + 1].text.size() <= 2 && year_at(k + 2) > 0) {
        if (auto d = FormatDate(year_at(k + 2), NumberOf(tokens[k + 1].text), NumberOf(t.text))) return d;
      }
      continue;
    }
    int month = MonthNumber(t.text);
    if (month == 0) continue;
    // Month day[suffix][,] year
    size_t next = k + 1;
    if (int day = day_at(next); day > 0) {
      size_t y = next + 1;
      if (y < tokens.size() && !tokens[y].number && IsOrdinalSuffix(tokens[y].text)) ++y;
      if (int year = year_at(y); year > 0) {
        if (auto d = FormatDate(year, month, day)) return d;
      }
    }
    // day[suffix] [of] Month[,] year
    if (int year = year_at(next); year > 0 && k > 0) {
      size_t before = k - 1;
      std::string b = AsciiLower(tokens[before].text);
      if ((b == "of" || IsOrdinalSuffix(b)) && before > 0) --before;
      if (b == "of" && before > 0 && IsOrdinalSuffix(tokens[before].text)) --before;
      if (int day = day_at(before); day > 0) {
        if (auto d = FormatDate(year, month, day)) return d;
      }
    }
  }
  return std::nullopt;
}

std::string CleanByline(std::string_view value) {
  std::string name = OneLine(value);
  // Entities JSON-LD and meta values carry undecoded.
  for (auto [entity, text] : std::initializer_list<std::pair<std::string_view, std::string_view>>{
           {"&amp;", "&"}, {"&#039;", "'"}, {"&#39;", "'"}, {"&apos;", "'"}, {"&quot;", "\""}, {"&nbsp;", " "}}) {
    for (size_t at; (at = name.find(entity)) != std::string::npos;) name.replace(at, entity.size(), text);
  }
  // A lead-in of up to two words ending in "by" ("By", "Written by",
  // "Recipe by:"), or "Author:".
  std::string lower = AsciiLower(name);
  size_t cut = std::string::npos;
  if (lower.rfind("author:", 0) == 0 || lower.rfind("authors:", 0) == 0) {
    cut = lower.find(':') + 1;
  } else {
    size_t words = 0;
    for (size_t k = 0; k < lower.size() && words < 3; ++k) {
      if (lower.compare(k, 2, "by") == 0 && (k == 0 || lower[k - 1] == ' ') &&
          (k + 2 == lower.size() || lower[k + 2] == ' ' || lower[k + 2] == ':')) {
        cut = k + 2;
        break;
      }
      if (lower[k] == ' ') ++words;
    }
  }
  if (cut != std::string::npos) {
    while (cut < name.size() && (name[cut] == ':' || name[cut] == ' ')) ++cut;
    name = name.substr(cut);
  }
  // Separators left at either end ("Ana Pereira -", "• Ana Pereira").
  auto separator = [](char c) {
    return c == ' ' || c == '-' || c == '|' || c == ',' || c == ':' || c == ';' || c == '/' || c == '*';
  };
  while (!name.empty() && separator(name.back())) name.pop_back();
  for (std::string_view mark : {"\xE2\x80\xA2", "\xC2\xB7", "\xE2\x80\x94", "\xE2\x80\x93"}) {
    if (name.size() >= mark.size() && name.compare(name.size() - mark.size(), mark.size(), mark) == 0) {
      name = OneLine(name.substr(0, name.size() - mark.size()));
      while (!name.empty() && separator(name.back())) name.pop_back();
    }
  }
  if (name.empty() || name.size() > 100) return "";
  if (name.find("://") != std::string::npos || name.find("www.") != std::string::npos ||
      name.find('@') != std::string::npos || LooksLikePlaceholder(name)) {
    return "";
  }
  int letters = 0, digits = 0;
  for (char c : name) {
    unsigned char u = static_cast<unsigned char>(c);
    letters += u >= 0x80 || std::isalpha(u) ? 1 : 0;
    digits += IsDigit(c) ? 1 : 0;
  }
  if (letters < 3 || digits * 2 > letters) return "";
  if (DateFromText(name)) return "";
  return name;
}

namespace {

// How far from the headline a byline or the date the page shows may sit, in
// visible characters before and after it: past that comes the article body,
// related-article lists and comments, whose dates and names are not the
// article's.
constexpr int kBylineCharsBefore = 400;
constexpr int kBylineCharsAfter = 1200;

bool InScriptOrStyle(const PageTree& tree, int i) {
  int p = tree.node(i).parent;
  if (p < 0) return false;
  GumboTag tag = tree.node(p).tag;
  return tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_NOSCRIPT || tag == GUMBO_TAG_TEMPLATE;
}

bool IsBylineLabel(std::string_view text) {
  std::string l = AsciiLower(OneLine(text));
  while (!l.empty() && (l.back() == ':' || l.back() == ' ')) l.pop_back();
  for (std::string_view label : {"by", "written by", "posted by", "author", "authors", "written by:", "words by"}) {
    if (l == label) return true;
  }
  return false;
}

// An element that marks its text as the author: class or id with "author"
// or "byline", itemprop=author, rel=author.
bool MarksAuthor(const PageTree& tree, int i) {
  const PageNode& n = tree.node(i);
  if (n.is_text || n.tag == GUMBO_TAG_IMG || n.tag == GUMBO_TAG_SCRIPT || n.tag == GUMBO_TAG_STYLE) return false;
  if (n.hints.find("author") != std::string::npos || n.hints.find("byline") != std::string::npos) return true;
  if (n.tag == GUMBO_TAG_A) {
    std::string href = AsciiLower(tree.Attribute(i, "href"));
    if (href.find("/author/") != std::string::npos || href.find("/authors/") != std::string::npos) return true;
  }
  return AsciiLower(tree.Attribute(i, "itemprop")) == "author" || AsciiLower(tree.Attribute(i, "rel")) == "author";
}

size_t WordCount(std::string_view s) { return TitleWords(s).size(); }

// The name an author element or byline text states, or "".
std::string BylineName(std::string_view text) {
  std::string name = CleanByline(text);
  if (name.empty() || IsBylineLabel(name) || WordCount(name) > 6) return "";
  // A reading time or a count is not a name.
  if (std::any_of(name.begin(), name.end(), IsDigit)) return "";
  std::string l = AsciiLower(name);
  if (l.size() > 5 && (l.ends_with(" from") || l.ends_with(" by"))) return "";
  for (std::string_view label : {"about the author", "more from", "view all", "posts by", "follow", "share"}) {
    if (l.find(label) != std::string::npos) return "";
  }
  return name;
}

// The name node `k` gives as the author: a text "By Ana Pereira", a text
// right after a label "Written by" (`after_label`), or the text of an
// element marked as the author; "" otherwise.
std::string BylineAt(const PageTree& tree, int k, bool after_label) {
  const PageNode& n = tree.node(k);
  if (n.is_text) {
    if (after_label) {
      if (std::string name = BylineName(tree.Text(k)); !name.empty()) return name;
    }
    std::string line = OneLine(tree.Text(k));
    std::string lower = AsciiLower(line);
    for (std::string_view lead : {"by ", "by: ", "written by ", "posted by "}) {
      if (!lower.starts_with(lead)) continue;
      // "By clicking ..." starts a sentence, not a byline: names here are
      // capitalised.
      std::string name = BylineName(line);
      unsigned char first = name.empty() ? 0 : static_cast<unsigned char>(name[0]);
      return first >= 'a' && first <= 'z' ? "" : name;
    }
    return "";
  }
  if (!MarksAuthor(tree, k) || n.chars > 120) return "";
  // An inner element that also marks the author says it more exactly.
  for (int d = k + 1; d < n.subtree_end; ++d) {
    if (MarksAuthor(tree, d) && tree.node(d).chars > 0) return "";
  }
  return BylineName(SubtreeText(tree, k));
}

// The first byline anywhere in the page's body, for pages that show none
// by the headline.
std::string FirstBylineInPage(const PageTree& tree) {
  bool label = false;
  for (int k = tree.body(); k < tree.size(); ++k) {
    if (tree.node(k).is_text && InScriptOrStyle(tree, k)) continue;
    if (std::string name = BylineAt(tree, k, label); !name.empty()) return name;
    if (tree.node(k).is_text && !OneLine(tree.Text(k)).empty()) label = IsBylineLabel(tree.Text(k));
  }
  return "";
}

struct NearHeadline {
  std::optional<std::string> date;     // a date shown without an update label
  std::optional<std::string> updated;  // a date shown as the last update
  std::string byline;
};

bool SaysUpdated(std::string_view text) {
  std::string l = AsciiLower(text);
  return l.find("updat") != std::string::npos || l.find("modif") != std::string::npos ||
         l.find("revis") != std::string::npos;
}

// True when element `i` or one of its near ancestors marks its date as an
// update: class "updated", itemprop=dateModified and the like.
bool MarkedUpdated(const PageTree& tree, int i) {
  for (int up = 0; i >= 0 && up < 3; ++up, i = tree.node(i).parent) {
    if (tree.node(i).is_text) continue;
    if (SaysUpdated(tree.node(i).hints) || SaysUpdated(tree.Attribute(i, "itemprop"))) return true;
  }
  return false;
}

// The dates and byline the page shows around its headline, element `h`:
// the first found after it, else the closest before it.
NearHeadline ReadNearHeadline(const PageTree& tree, int h) {
  NearHeadline after, before;
  struct Context {
    bool byline_label = false;
    bool updated_label = false;
  };
  auto found_date = [&](NearHeadline* found, std::optional<std::string> d, bool updated) {
    if (!d) return;
    std::optional<std::string>& slot = updated ? found->updated : found->date;
    if (!slot) slot = std::move(d);
  };
  auto look = [&](int k, NearHeadline* found, Context* context) {
    const PageNode& n = tree.node(k);
    if (n.is_text) {
      if (InScriptOrStyle(tree, k)) return;
      std::string_view text = tree.Text(k);
      if (OneLine(text).empty()) return;
      int p = n.parent;
      bool in_time = p >= 0 && tree.node(p).tag == GUMBO_TAG_TIME;
      if (text.size() <= 120 && !in_time) {
        found_date(found, DateFromText(text), context->updated_label || SaysUpdated(text) || MarkedUpdated(tree, k));
      }
      if (found->byline.empty()) found->byline = BylineAt(tree, k, context->byline_label);
      context->byline_label = IsBylineLabel(text);
      context->updated_label = text.size() <= 40 && SaysUpdated(text) && !DateFromText(text);
      return;
    }
    if (n.tag == GUMBO_TAG_TIME) {
      std::string shown = SubtreeText(tree, k);
      std::optional<std::string> d = IsoDateFrom(tree.Attribute(k, "datetime"));
      if (!d) d = DateFromText(shown);
      found_date(found, std::move(d), context->updated_label || SaysUpdated(shown) || MarkedUpdated(tree, k));
    }
    if (found->byline.empty()) found->byline = BylineAt(tree, k, false);
  };
  Context context;
  int chars = 0;
  for (int k = tree.node(h).subtree_end; k < tree.size() && chars < kBylineCharsAfter; ++k) {
    look(k, &after, &context);
    if (tree.node(k).is_text && !InScriptOrStyle(tree, k)) chars += tree.node(k).chars;
    if (after.date && after.updated && !after.byline.empty()) break;
  }
  // Before the headline the closest counts, so walk forward over the
  // stretch and keep the last found.
  int start = h;
  for (chars = 0; start > 0 && chars < kBylineCharsBefore; --start) {
    if (tree.node(start - 1).is_text && !InScriptOrStyle(tree, start - 1)) chars += tree.node(start - 1).chars;
  }
  context = {};
  for (int k = start; k < h; ++k) {
    if (tree.node(k).subtree_end > h) continue;  // an ancestor of the headline
    NearHeadline here;
    look(k, &here, &context);
    if (here.date) before.date = here.date;
    if (here.updated) before.updated = here.updated;
    if (!here.byline.empty()) before.byline = here.byline;
  }
  NearHeadline out;
  out.date = after.date ? after.date : before.date;
  out.updated = after.updated ? after.updated : before.updated;
  out.byline = !after.byline.empty() ? after.byline : before.byline;
  return out;
}

bool SameName(std::string_view a, std::string_view b) {
  return !a.empty() && !b.empty() && SharedWords(a, b) >= 0.99 && SharedWords(b, a) >= 0.99;
}

}  // namespace

PageMetadata ReadPageMetadata(const PageTree& tree) {
  PageMetadata meta;
  JsonLdFacts ld;
  std::string og_title, twitter_title, title_tag, h1, og_url, canonical, site, author;
  std::vector<std::pair<int, std::string>> h1s;
  std::optional<std::string> meta_date, time_date;
  int meta_date_rank = 1 << 20;
  int headline = -1;
  for (int i = 0; i < tree.size(); ++i) {
    const PageNode& n = tree.node(i);
    if (n.is_text) continue;
    switch (n.tag) {
      case GUMBO_TAG_HTML:
        if (meta.lang.empty()) meta.lang = AsciiLower(OneLine(tree.Attribute(i, "lang")));
        break;
      case GUMBO_TAG_TITLE:
        if (title_tag.empty()) title_tag = SubtreeText(tree, i);
        break;
      case GUMBO_TAG_H1:
        if (h1s.size() < 8) h1s.emplace_back(i, SubtreeText(tree, i));
        break;
      case GUMBO_TAG_LINK:
        if (canonical.empty() && AsciiLower(tree.Attribute(i, "rel")) == "canonical") {
          canonical = OneLine(tree.Attribute(i, "href"));
        }
        break;
      case GUMBO_TAG_TIME:
        if (!time_date) time_date = IsoDateFrom(tree.Attribute(i, "datetime"));
        break;
      case GUMBO_TAG_META: {
        std::string key = AsciiLower(tree.Attribute(i, "property"));
        if (key.empty()) key = AsciiLower(tree.Attribute(i, "name"));
        if (key.empty()) key = AsciiLower(tree.Attribute(i, "itemprop"));
        std::string_view content = tree.Attribute(i, "content");
        if (key.empty() || content.empty()) break;
        if (key == "og:title") og_title = OneLine(content);
        else if (key == "twitter:title") twitter_title = OneLine(content);
        else if (key == "og:site_name") site = OneLine(content);
        else if (key == "application-name" && site.empty()) site = OneLine(content);
        else if (key == "og:url") og_url = OneLine(content);
        else if ((key == "author" || key == "article:author" || key == "byl" || key == "sailthru.author" ||
                  key == "parsely-author" || key == "dc.creator" || key == "dcterms.creator") &&
                 author.empty()) {
          author = CleanByline(content);
        }
        int rank = DateRank(key);
        if (rank >= 0 && rank < meta_date_rank) {
          std::optional<std::string> d = IsoDateFrom(content);
          if (!d) d = DateFromText(content);
          if (d) {
            meta_date = d;
            meta_date_rank = rank;
          }
        }
        break;
      }
      case GUMBO_TAG_SCRIPT: {
        if (AsciiLower(tree.Attribute(i, "type")) != "application/ld+json") break;
        std::string json;
        for (int k = i + 1; k < n.subtree_end; ++k) json.append(tree.Text(k));
        nlohmann::json j = ParseJsonLd(std::move(json));
        if (!j.is_discarded()) ReadJsonLd(j, &meta, &ld, 0);
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
  for (const auto& [index, heading] : h1s) {
    if (heading.empty() || (!site.empty() && SharedWords(heading, site) >= 0.99)) continue;
    if (stated.empty() || SharedWords(heading, stated) >= 0.5) {
      h1 = heading;
      headline = index;
      break;
    }
  }
  meta.title = !h1.empty() ? h1 : !stated.empty() ? WithoutSiteName(stated, site) : WithoutSiteName(title_tag, site);
  if (!site.empty()) meta.site = site;
  NearHeadline near;
  if (headline >= 0) near = ReadNearHeadline(tree, headline);

  // The date the page shows beside its headline is the one readers take for
  // the article's; then the publication date the meta tags state; an update
  // date shown by the headline when the page states nothing else; JSON-LD;
  // and last the first <time> anywhere.
  meta.published = near.date       ? near.date
                   : meta_date     ? meta_date
                   : near.updated  ? near.updated
                   : ld.published  ? ld.published
                                   : time_date;

  // A person named as author beats an organisation: JSON-LD Person, the
  // author meta tags, the byline by the headline, and only then the
  // publisher or site standing in as author.
  std::string ld_person = CleanByline(ld.person);
  for (const std::string& ref : ld.person_refs) {
    if (!ld_person.empty()) break;
    for (const auto& [id, name] : ld.people) {
      if (id == ref) {
        ld_person = CleanByline(name);
        break;
      }
    }
  }
  auto organisation = [&](const std::string& name) {
    return SameName(name, meta.site) || SameName(name, site) || SameName(name, ld.organisation);
  };
  std::string fallback;
  for (const std::string* candidate : {&ld_person, &author, &near.byline}) {
    if (candidate->empty()) continue;
    if (!organisation(*candidate)) {
      meta.byline = *candidate;
      break;
    }
    if (fallback.empty()) fallback = *candidate;
  }
  if (meta.byline.empty()) meta.byline = !fallback.empty() ? fallback : CleanByline(ld.organisation);
  if (meta.byline.empty()) meta.byline = FirstBylineInPage(tree);
  meta.url = !canonical.empty() ? canonical : og_url;
  return meta;
}

}  // namespace storyloom::html
