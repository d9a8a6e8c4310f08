// JSON views as CSV rows (storyloom/csv.h).
#include "storyloom/csv.h"

#include <algorithm>

namespace storyloom {

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string CsvCell(const nlohmann::json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return CsvField(v.get<std::string>());
  if (v.is_array() && std::all_of(v.begin(), v.end(), [](const auto& x) { return x.is_string() || x.is_number(); })) {
    std::string joined;
    bool first = true;
    for (const auto& x : v) {
      if (!first) joined += ';';
      first = false;
      joined += x.is_string() ? x.get<std::string>() : x.dump();
    }
    return CsvField(joined);
  }
  return CsvField(v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void CsvWriter::Header(const nlohmann::json& first) {
  for (const std::string& key : leading_) {
    if (first.contains(key)) columns_.push_back(key);
  }
  for (const auto& [key, value] : first.items()) {
    if (std::find(columns_.begin(), columns_.end(), key) == columns_.end()) columns_.push_back(key);
  }
  std::string line;
  for (const std::string& c : columns_) line += (line.empty() ? "" : ",") + CsvField(c);
  out_ << line << "\r\n";
}

void CsvWriter::WriteHeaderOf(const nlohmann::json& example) {
  if (columns_.empty()) Header(example);
}

Status CsvWriter::Write(const nlohmann::json& row) {
  if (!row.is_object()) return Status::Error("a CSV row must be a JSON object", ErrorKind::kInvalidArgument);
  if (columns_.empty()) Header(row);
  for (const auto& [key, value] : row.items()) {
    if (std::find(columns_.begin(), columns_.end(), key) == columns_.end()) {
      return Status::Error("a row has a field the first one lacks: " + key, ErrorKind::kInvalidArgument);
    }
  }
  std::string line;
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (i) line += ',';
    if (auto it = row.find(columns_[i]); it != row.end()) line += CsvCell(*it);
  }
  out_ << line << "\r\n";
  return Status::Ok();
}

}  // namespace storyloom
