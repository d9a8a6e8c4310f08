#include "storyloom/langid.h"

#include <fasttext/fasttext.h>

#include <fstream>
#include <sstream>

namespace storyloom {

struct LanguageIdentifier::Impl {
  fasttext::FastText model;
};

LanguageIdentifier::LanguageIdentifier() : impl_(std::make_unique<Impl>()) {}
LanguageIdentifier::~LanguageIdentifier() = default;

Result<std::unique_ptr<LanguageIdentifier>> LanguageIdentifier::Load(const std::string& model,
                                                                     const std::string&) {
  std::ifstream probe(model, std::ios::binary);
  if (!probe) {
    return Fail("language-id model not found: " + model +
                " (run scripts/bootstrap, or pass --langid-model / set STORYLOOM_LANGID_MODEL)");
  }
  std::unique_ptr<LanguageIdentifier> id(new LanguageIdentifier());
  try {
    id->impl_->model.loadModel(model);
  } catch (const std::exception& e) {
    return Fail("cannot read language-id model " + model + ": " + e.what());
  }
  return id;
}

std::vector<LanguageGuess> LanguageIdentifier::RawTopK(std::string_view text, int k) const {
  std::string line(text.substr(0, 4096));
  for (char& c : line) if (c == '\n' || c == '\r') c = ' ';
  line.push_back('\n');
  std::istringstream in(line);
  std::vector<std::pair<fasttext::real, std::string>> preds;
  impl_->model.predictLine(in, preds, k, 0.0);
  std::vector<LanguageGuess> out;
  for (auto& [p, label] : preds) {
    std::string code = label.rfind("__label__", 0) == 0 ? label.substr(9) : label;
    out.push_back({code, static_cast<float>(p)});
  }
  return out;
}

LanguageGuess LanguageIdentifier::Identify(std::string_view text) const {
  auto top = RawTopK(text, 1);
  if (top.empty()) return {};
  return top[0];
}

}  // namespace storyloom
