// Language codes as storyloom writes them (ISO 639-1 where there is one),
// from the codes and names that files and datasets use: "deu", "arb",
// "zho-CN", "Indonesian". The mapping is ICU's copy of the CLDR alias and
// display-name data, not a table of storyloom's, so a new language needs no
// code: `freedict-nld-eng` is Dutch ("nl") as soon as the file is there.
#ifndef STORYLOOM_TEXT_LANGUAGE_CODES_H_
#define STORYLOOM_TEXT_LANGUAGE_CODES_H_

#include <string>
#include <string_view>

#include "storyloom/text.h"

namespace storyloom {

// IsoLanguage and LanguageFromEnglishName are public: storyloom/text.h.

}  // namespace storyloom

#endif  // STORYLOOM_TEXT_LANGUAGE_CODES_H_
