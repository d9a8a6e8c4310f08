// `storyloom eval langid DIR`: accuracy per language on NTREX sentences, with
// raw lid.176 beside storyloom's identifier and the Indonesian/Malay confusion.
#ifndef STORYLOOM_EVAL_LANGID_EVAL_H_
#define STORYLOOM_EVAL_LANGID_EVAL_H_

#include <ostream>
#include <string>

#include "storyloom/langid.h"
#include "storyloom/status.h"

namespace storyloom {

struct LangidEvalOptions {
  bool json = false;
};

Status RunLangidEval(const std::string& dir, const LanguageIdentifier& identifier,
                     const LangidEvalOptions& options, std::ostream& out);

}  // namespace storyloom

#endif  // STORYLOOM_EVAL_LANGID_EVAL_H_
