// The rows of the cleaner's table files (resources/clean/*.tsv): a row a
// line; blank lines and lines starting with '#' skipped; a trailing CR
// dropped. Calls row(line, line_no) for each (line_no 1-based) and stops at
// the first error it returns.
#ifndef STORYLOOM_CLEAN_TABLE_ROWS_H_
#define STORYLOOM_CLEAN_TABLE_ROWS_H_

#include <string_view>

#include "storyloom/status.h"

namespace storyloom {

template <typename Row>
Status ForEachTableRow(std::string_view tsv, Row&& row) {
  size_t pos = 0;
  int line_no = 0;
  while (pos < tsv.size()) {
    size_t nl = tsv.find('\n', pos);
    if (nl == std::string_view::npos) nl = tsv.size();
    std::string_view line = tsv.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    Status s = row(line, line_no);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace storyloom

#endif  // STORYLOOM_CLEAN_TABLE_ROWS_H_
