// `storyloom eval extract DIR`: article-body F1 on the article-extraction
// benchmark (word 4-gram shingles, per-page precision/recall averaged), and
// the same figures for Debian's python3-readability beside it.
#ifndef STORYLOOM_EVAL_EXTRACT_EVAL_H_
#define STORYLOOM_EVAL_EXTRACT_EVAL_H_

#include <ostream>
#include <string>

#include "storyloom/status.h"

namespace storyloom {

struct ExtractEvalOptions {
  bool json = false;
  bool peer = false;   // also run python3-readability on the same pages
  int limit = 0;       // 0: every page
  bool verbose = false;  // one line per page
};

Status RunExtractEval(const std::string& dir, const ExtractEvalOptions& options, std::ostream& out);

}  // namespace storyloom

#endif  // STORYLOOM_EVAL_EXTRACT_EVAL_H_
