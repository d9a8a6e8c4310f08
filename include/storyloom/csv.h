// JSON views as CSV (RFC 4180), for `storyloom export --format csv`: one
// row per JSON object, one column per key, so a spreadsheet or
// pandas.read_csv loads what the JSON views give.
//
// The columns are the first row's keys: the leading ones the caller names
// (ids) first, then the rest in the view's order. Every row of a view has
// the same keys; a key a later row lacks is an empty cell, and one it adds
// is an error rather than a silently dropped field. A cell is
//   a string as it is; a number or true/false as JSON writes it; null empty;
//   a list of strings or numbers joined with ';' (ids, languages);
//   anything else (an object, a list of objects) as compact JSON.
// Fields holding a comma, a double quote, CR or LF are quoted, quotes
// doubled; lines end in CRLF.
#ifndef STORYLOOM_CSV_H_
#define STORYLOOM_CSV_H_

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "storyloom/status.h"

namespace storyloom {

class CsvWriter {
 public:
  CsvWriter(std::ostream& out, std::vector<std::string> leading) : out_(out), leading_(std::move(leading)) {}

  // Writes the header before the first row.
  Status Write(const nlohmann::json& row);
  // The header alone, when no row came (a view's keys, from an example).
  void WriteHeaderOf(const nlohmann::json& example);

 private:
  void Header(const nlohmann::json& first);
  std::ostream& out_;
  std::vector<std::string> leading_;
  std::vector<std::string> columns_;
};

// One field, quoted as RFC 4180 asks when it must be.
std::string CsvField(const std::string& s);
// One cell of a JSON value, as above.
std::string CsvCell(const nlohmann::json& v);

}  // namespace storyloom

#endif  // STORYLOOM_CSV_H_
