// Language codes as storyloom writes them (ISO 639-1 where there is one),
// from the codes and names that files and datasets use: "deu", "arb",
// "zho-CN", "Indonesian". The mapping is ICU's copy of the CLDR alias and
// display-name data, not a table of storyloom's, so a new language needs no
// code: `freedict-nld-eng` is Dutch ("nl") as soon as the file is there.
#ifndef STORYLOOM_TEXT_LANGUAGE_CODES_H_
#define STORYLOOM_TEXT_LANGUAGE_CODES_H_

#include <string>
#include <string_view>

namespace storyloom {

// "deu" -> "de", "arb" -> "ar", "zho-CN" -> "zh", "en" -> "en"; a code ICU
// does not know comes back lower-cased as it is ("zlm").
std::string IsoLanguage(std::string_view code);

// An English language name -> its code: "Indonesian" -> "id",
// "Vietnamese" -> "vi"; "" when no language has that English name.
std::string LanguageFromEnglishName(std::string_view name);

}  // namespace storyloom

#endif  // STORYLOOM_TEXT_LANGUAGE_CODES_H_
