// Small dictd dictionaries (FreeDict's layout) for the lexicon tests, and
// what a lexicon makes of a text.
#ifndef STORYLOOM_TESTS_ANNOTATE_LEXICON_TEST_FILES_H_
#define STORYLOOM_TESTS_ANNOTATE_LEXICON_TEST_FILES_H_

#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "annotate/anchors.h"
#include "annotate/lexicon.h"

namespace storyloom::testing {

// dictd's base-64 numbers (offsets and lengths in the index).
inline std::string DictdB64(uint64_t v) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  do {
    out.insert(out.begin(), kAlphabet[v % 64]);
    v /= 64;
  } while (v > 0);
  return out;
}

// A dictd dictionary in dir: name.index and name.dict.dz (plain gzip, which
// dictzip files are), entries headword -> definition lines.
inline void WriteDictd(const std::filesystem::path& dir, const std::string& name,
                       const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string dict, index;
  for (const auto& [head, body] : entries) {
    std::string entry = head + "\n" + body + "\n";
    index += head + "\t" + DictdB64(dict.size()) + "\t" + DictdB64(entry.size()) + "\n";
    dict += entry;
  }
  std::ofstream(dir / (name + ".index")) << index;
  gzFile f = gzopen((dir / (name + ".dict.dz")).c_str(), "wb");
  gzwrite(f, dict.data(), static_cast<unsigned>(dict.size()));
  gzclose(f);
}

// The `lex:` keys a lexicon finds in a text.
inline std::set<std::string> PivotsOf(const Lexicon& lex, const std::string& text, const std::string& lang) {
  std::vector<AnchorToken> tokens = AnchorTokens(text);
  std::vector<Anchor> out;
  lex.Find(tokens, lang, 1.0f, &out, std::vector<bool>(tokens.size(), false));
  std::set<std::string> keys;
  for (const Anchor& a : out) keys.insert(a.key);
  return keys;
}

}  // namespace storyloom::testing

#endif  // STORYLOOM_TESTS_ANNOTATE_LEXICON_TEST_FILES_H_
