#include "eval/extract_eval.h"

namespace storyloom {

Status RunExtractEval(const std::string&, const ExtractEvalOptions&, std::ostream&) {
  return Status::Error("eval extract is not built yet");
}

}  // namespace storyloom
