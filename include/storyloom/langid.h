// Language identification: fastText lid.176 with a second opinion where it is
// weak (Indonesian vs Malay), answered with ISO 639-1 codes.
#ifndef STORYLOOM_LANGID_H_
#define STORYLOOM_LANGID_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "storyloom/status.h"

namespace fasttext {
class FastText;
}

namespace storyloom {

struct LanguageGuess {
  std::string lang;  // "vi", "id", "ms", "ar", "en", ... ("" when unknown)
  float confidence = 0;
};

class LanguageIdentifier {
 public:
  // model: lid.176.ftz; id_ms_table: the Indonesian/Malay word table
  // (resources/langid/id_ms.tsv). Fails with a message naming the file.
  static Result<std::unique_ptr<LanguageIdentifier>> Load(const std::string& model,
                                                          const std::string& id_ms_table);
  ~LanguageIdentifier();
  LanguageIdentifier(const LanguageIdentifier&) = delete;
  LanguageIdentifier& operator=(const LanguageIdentifier&) = delete;

  // Thread-safe. Text may be any length; only the first few KB are read.
  LanguageGuess Identify(std::string_view text) const;
  // The raw lid.176 top-k, for evaluation and debugging.
  std::vector<LanguageGuess> RawTopK(std::string_view text, int k) const;

 private:
  LanguageIdentifier();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace storyloom

#endif  // STORYLOOM_LANGID_H_
