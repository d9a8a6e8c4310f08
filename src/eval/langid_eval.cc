#include "eval/langid_eval.h"

namespace storyloom {

Status RunLangidEval(const std::string&, const LanguageIdentifier&, const LangidEvalOptions&,
                     std::ostream&) {
  return Status::Error("eval langid is not built yet");
}

}  // namespace storyloom
