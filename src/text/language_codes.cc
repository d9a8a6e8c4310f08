#include "text/language_codes.h"

#include <unicode/locid.h>
#include <unicode/uloc.h>
#include <unicode/unistr.h>

#include <cctype>
#include <mutex>
#include <unordered_map>

namespace storyloom {

std::string IsoLanguage(std::string_view code) {
  std::string lower(code);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.empty()) return lower;
  UErrorCode st = U_ZERO_ERROR;
  icu::Locale locale = icu::Locale::forLanguageTag(lower, st);
  if (U_FAILURE(st)) return lower;
  locale.canonicalize(st);
  if (U_FAILURE(st) || locale.getLanguage()[0] == '\0') return lower.substr(0, lower.find_first_of("-_"));
  return locale.getLanguage();
}

std::string LanguageFromEnglishName(std::string_view name) {
  static const std::unordered_map<std::string, std::string>* by_name = [] {
    auto* m = new std::unordered_map<std::string, std::string>();
    const icu::Locale english("en");
    for (const char* const* code = uloc_getISOLanguages(); *code; ++code) {
      icu::UnicodeString display;
      icu::Locale(*code).getDisplayLanguage(english, display);
      std::string utf8;
      display.toUTF8String(utf8);
      for (char& c : utf8) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      m->emplace(utf8, *code);
    }
    return m;
  }();
  std::string key(name);
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto it = by_name->find(key);
  return it == by_name->end() ? "" : it->second;
}

}  // namespace storyloom
