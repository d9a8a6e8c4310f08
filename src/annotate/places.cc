#include "annotate/places.h"

#include <unicode/locid.h>
#include <unicode/strenum.h>
#include <unicode/timezone.h>
#include <unicode/tznames.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <set>

namespace storyloom {
namespace {

std::string Utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

// "New York" -> "new_york": the city part of a key.
std::string CitySlug(const std::string& name) {
  std::string out;
  for (const auto& t : AnchorTokens(name)) {
    if (!out.empty()) out.push_back('_');
    out += t.fold;
  }
  return out;
}

std::vector<std::string> Split(const std::string& line, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t p = line.find(sep, start);
    parts.push_back(line.substr(start, p == std::string::npos ? std::string::npos : p - start));
    if (p == std::string::npos) break;
    start = p + 1;
  }
  return parts;
}

}  // namespace

uint16_t PlaceTable::LangId(const std::string& lang) {
  auto [it, inserted] = lang_ids_.try_emplace(lang, static_cast<uint16_t>(lang_ids_.size()));
  return it->second;
}

void PlaceTable::Add(const std::string& lang, std::string_view name, const std::string& key, const std::string& country,
                     bool every_lang) {
  std::vector<AnchorToken> tokens = AnchorTokens(name);
  if (tokens.empty()) return;
  std::string phrase;
  for (const auto& t : tokens) {
    if (t.script == TokenScript::kDigits) return;
    if (!phrase.empty()) phrase.push_back(' ');
    phrase += t.fold;
  }
  if (phrase.size() < 2) return;
  uint16_t id = LangId(lang);
  auto [it, inserted] = names_.try_emplace(phrase);
  Entry& e = it->second;
  if (inserted) {
    e.key = key;
    e.country = country;
  } else if (e.key != key) {
    // A country outranks a city of the same name; otherwise the first wins.
    if (!e.country.empty() && country.empty()) {
      e.key = key;
      e.country.clear();
    } else if (!every_lang) {
      return;
    }
    if (every_lang) {
      e.key = key;
      e.country = country;
    }
  }
  if (every_lang) e.every_lang = true;
  if (std::find(e.langs.begin(), e.langs.end(), id) == e.langs.end()) e.langs.push_back(id);
}

void PlaceTable::Freeze() {
  std::vector<std::pair<std::string, uint32_t>> phrases;
  phrases.reserve(names_.size());
  entries_.reserve(names_.size());
  for (auto& [phrase, entry] : names_) {
    size_t words = std::count(phrase.begin(), phrase.end(), ' ') + 1;
    // Names of more than 64 words (none in CLDR or the extra tables) are
    // not looked for.
    if (words <= 64) starts_[phrase.substr(0, phrase.find(' '))] |= uint64_t{1} << (words - 1);
    phrases.emplace_back(phrase, static_cast<uint32_t>(entries_.size()));
    entries_.push_back(std::move(entry));
  }
  names_.clear();
  std::vector<std::pair<std::string, uint32_t>> starts;
  starts.reserve(starts_.size());
  for (auto& [first, mask] : starts_) {
    starts.emplace_back(first, static_cast<uint32_t>(lengths_.size()));
    lengths_.push_back(mask);
  }
  starts_.clear();
  index_ = FlatStringIndex::Build(std::move(phrases));
  start_lengths_ = FlatStringIndex::Build(std::move(starts));
}

PlaceTable PlaceTable::Build(const std::vector<std::string>& extra_paths) {
  PlaceTable table;
  // One locale a language (and script), English first so its names win ties.
  std::vector<icu::Locale> langs{icu::Locale("en")};
  std::set<std::string> seen{"en"};
  int32_t count = 0;
  const icu::Locale* available = icu::Locale::getAvailableLocales(count);
  for (int32_t i = 0; i < count; ++i) {
    std::string name = available[i].getLanguage();
    if (*available[i].getScript()) name += std::string("_") + available[i].getScript();
    if (seen.insert(name).second) langs.emplace_back(name.c_str());
  }

  std::vector<std::string> regions;
  for (const char* const* r = icu::Locale::getISOCountries(); *r; ++r) regions.emplace_back(*r);

  for (const icu::Locale& loc : langs) {
    std::string lang = loc.getLanguage();
    for (const std::string& region : regions) {
      icu::UnicodeString display;
      icu::Locale("und", region.c_str()).getDisplayCountry(loc, display);
      std::string name = Utf8(display);
      if (name.empty() || name == region) continue;
      std::string key = "geo:" + region;
      size_t paren = name.find('(');
      if (paren != std::string::npos) {
        size_t close = name.find(')', paren);
        table.Add(lang, name.substr(0, paren), key, "", false);
        if (close != std::string::npos) table.Add(lang, name.substr(paren + 1, close - paren - 1), key, "", false);
      } else {
        table.Add(lang, name, key, "", false);
      }
    }
  }

  // Cities: the exemplar city of each canonical zone, named in each language.
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::StringEnumeration> zones(
      icu::TimeZone::createTimeZoneIDEnumeration(UCAL_ZONE_TYPE_CANONICAL_LOCATION, nullptr, nullptr, status));
  struct Zone {
    icu::UnicodeString id;
    std::string key, country;
  };
  std::vector<Zone> zone_list;
  if (U_SUCCESS(status) && zones) {
    std::unique_ptr<icu::TimeZoneNames> english(icu::TimeZoneNames::createInstance(icu::Locale("en"), status));
    while (const icu::UnicodeString* id = zones->snext(status)) {
      if (U_FAILURE(status)) break;
      std::string sid = Utf8(*id);
      if (sid.starts_with("Antarctica/") || sid.starts_with("Etc/")) continue;
      char region[8] = {0};
      UErrorCode st = U_ZERO_ERROR;
      icu::TimeZone::getRegion(*id, region, sizeof(region), st);
      if (U_FAILURE(st) || std::string(region).size() != 2 || std::string(region) == "00") continue;
      icu::UnicodeString city;
      if (english) english->getExemplarLocationName(*id, city);
      std::string slug = CitySlug(Utf8(city));
      if (slug.empty()) continue;
      zone_list.push_back({*id, "geo:" + std::string(region) + ":" + slug, "geo:" + std::string(region)});
    }
  }
  for (const icu::Locale& loc : langs) {
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<icu::TimeZoneNames> names(icu::TimeZoneNames::createInstance(loc, st));
    if (U_FAILURE(st) || !names) continue;
    std::string lang = loc.getLanguage();
    for (const Zone& z : zone_list) {
      icu::UnicodeString city;
      names->getExemplarLocationName(z.id, city);
      if (city.isBogus() || city.isEmpty()) continue;
      table.Add(lang, Utf8(city), z.key, z.country, false);
    }
  }

  for (const std::string& path : extra_paths) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::vector<std::string> f = Split(line, '\t');
      if (f.size() < 3 || f[2].find(':') == std::string::npos) continue;
      std::string country = f[2].starts_with("geo:") && f[2].size() > 7 && f[2][6] == ':' ? f[2].substr(0, 6) : "";
      table.Add(f[0], f[1], f[2], country, f[0] == "*");
    }
  }
  table.Freeze();
  return table;
}

bool PlaceTable::Accept(const Entry& e, int lang_id, const std::vector<AnchorToken>& tokens, size_t i, size_t n,
                        size_t folded_len) const {
  const AnchorToken& first = tokens[i];
  bool cased = first.script == TokenScript::kLatin || first.script == TokenScript::kOtherCased;
  if (cased && !first.upper_initial) return false;
  // Every word of a cased multi-word name is capitalised, but for short
  // function words inside it ("Bosnia and Herzegovina", "Papua Nugini").
  if (cased)
    for (size_t k = i + 1; k < i + n; ++k)
      if (!tokens[k].upper_initial && tokens[k].fold.size() > 3) return false;
  bool own = e.every_lang || (lang_id >= 0 && std::find(e.langs.begin(), e.langs.end(), lang_id) != e.langs.end());
  if (own) return true;
  return cased && folded_len >= 4;
}

void PlaceTable::Find(const std::vector<AnchorToken>& tokens, const std::string& lang,
                      const std::function<bool(const std::string&, const std::string&)>& is_common,
                      std::vector<Anchor>* out, std::vector<bool>* used) const {
  int lang_id = -1;
  if (auto it = lang_ids_.find(lang); it != lang_ids_.end()) lang_id = it->second;
  std::string phrase;  // reused: most phrases fit its first allocation
  std::vector<std::string> variants;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const AnchorToken& t = tokens[i];
    if (t.script == TokenScript::kDigits || (*used)[i]) continue;
    // Cased names start with a capital: most tokens need no look-up at all.
    if ((t.script == TokenScript::kLatin || t.script == TokenScript::kOtherCased) && !t.upper_initial) continue;
    variants.clear();
    if (t.script == TokenScript::kArabic) variants = ArabicVariants(t.fold);
    bool matched = false;
    for (size_t v = 0; v < std::max<size_t>(1, variants.size()); ++v) {
      const std::string& first = variants.empty() ? t.fold : variants[v];
      const uint32_t* start = start_lengths_.Find(first);
      if (start == nullptr) continue;  // no name starts with this word
      uint64_t lengths = lengths_[*start];
      size_t longest = std::min<size_t>(64, tokens.size() - i);
      // Longest first, trying only the lengths of names that start so.
      for (size_t n = longest; n >= 1 && !matched; --n) {
        if ((lengths >> (n - 1) & 1) == 0) continue;
        bool ok = true;
        phrase.assign(first);
        for (size_t k = i + 1; k < i + n; ++k) {
          if (tokens[k].script == TokenScript::kDigits || (*used)[k]) {
            ok = false;
            break;
          }
          phrase.push_back(' ');
          phrase += tokens[k].fold;
        }
        if (!ok) continue;
        const uint32_t* found = index_.Find(phrase);
        if (found == nullptr) continue;
        const Entry& e = entries_[*found];
        if (!Accept(e, lang_id, tokens, i, n, phrase.size())) continue;
        bool own = e.every_lang || (lang_id >= 0 && std::find(e.langs.begin(), e.langs.end(), lang_id) != e.langs.end());
        if (!own && n == 1 && (tokens[i].sentence_initial || (is_common && is_common(lang, phrase)))) continue;
        Span span{tokens[i].span.start, tokens[i + n - 1].span.end};
        out->push_back({e.key, span, 1.0f});
        if (!e.country.empty()) out->push_back({e.country, span, 0.5f});
        for (size_t k = i; k < i + n; ++k) (*used)[k] = true;
        i += n - 1;
        matched = true;
      }
      if (matched) break;
    }
    if (!matched && t.script == TokenScript::kOtherUncased && lang_id >= 0) FindInRun(t, lang_id, out);
  }
}

// Japanese and Chinese write names inside runs of letters (`在美国和日本`
// is one token): the run's own-language names are looked for at every
// character, longest first (two characters or more); the run stays free
// for the lexicon.
void PlaceTable::FindInRun(const AnchorToken& t, int lang_id, std::vector<Anchor>* out) const {
  constexpr size_t kMaxChars = 12;
  const std::string& run = t.fold;
  std::vector<size_t> cp;
  for (size_t i = 0; i < run.size(); ++i)
    if ((static_cast<unsigned char>(run[i]) & 0xC0) != 0x80) cp.push_back(i);
  cp.push_back(run.size());
  const size_t chars = cp.size() - 1;
  for (size_t a = 0; a + 1 < chars;) {
    size_t found = 0;
    for (size_t len = std::min(kMaxChars, chars - a); len >= 2 && !found; --len) {
      const uint32_t* e = index_.Find(std::string_view(run).substr(cp[a], cp[a + len] - cp[a]));
      if (e == nullptr) continue;
      const Entry& entry = entries_[*e];
      bool own = entry.every_lang ||
                 std::find(entry.langs.begin(), entry.langs.end(), static_cast<uint16_t>(lang_id)) != entry.langs.end();
      if (!own) continue;
      out->push_back({entry.key, t.span, 1.0f});
      if (!entry.country.empty()) out->push_back({entry.country, t.span, 0.5f});
      found = len;
    }
    a += found ? found : 1;
  }
}

}  // namespace storyloom
