// The Indonesian/Malay evidence table: reading id_ms.tsv (and the generated
// table beside it), and what its words, suffixes, pairs and numbers say of a text.
#include "text/langid_internal.h"

#include <algorithm>
#include <charconv>
#include <fstream>

namespace storyloom::langid_internal {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

enum class NumberStyle { kNone, kDotThousands, kCommaThousands, kCommaDecimal, kDotDecimal };

// The style of a run of digits, dots and commas that starts with a digit and
// ends with one ("1.500.000", "2,5", "10.30").
NumberStyle ClassifyNumber(std::string_view n) {
  // Digit-group lengths and the separators between them.
  std::vector<size_t> groups;
  std::string seps;
  size_t len = 0;
  for (char c : n) {
    if (IsDigit(c)) {
      ++len;
    } else {
      groups.push_back(len);
      seps.push_back(c);
      len = 0;
    }
  }
  groups.push_back(len);
  if (seps.empty()) return NumberStyle::kNone;
  bool one_sep = seps.find_first_not_of(seps[0]) == std::string::npos;
  bool thousands = one_sep && groups[0] >= 1 && groups[0] <= 3 &&
                   std::all_of(groups.begin() + 1, groups.end(), [](size_t g) { return g == 3; });
  if (thousands) return seps[0] == '.' ? NumberStyle::kDotThousands : NumberStyle::kCommaThousands;
  if (seps.size() == 1 && seps[0] == ',' && groups[1] <= 2) return NumberStyle::kCommaDecimal;
  if (seps.size() == 1 && seps[0] == '.' && groups[1] == 1) return NumberStyle::kDotDecimal;
  return NumberStyle::kNone;
}

// Whether line[start, end), ASCII letters and inner hyphens, is a word worth a
// spelling check: written in lower case (capitalised words are mostly names),
// kMinSpellLetters to kMaxSpellLetters long, and not glued to digits,
// non-ASCII letters, apostrophes or the punctuation of addresses and file
// names ("RM5juta", "Ma'ruf", "bisnis.com", "a_b", "/usr").
bool IsSpellCandidate(std::string_view line, size_t start, size_t end) {
  size_t len = end - start;
  if (len < kMinSpellLetters || len > kMaxSpellLetters) return false;
  for (size_t k = start; k < end; ++k) {
    if ((line[k] < 'a' || line[k] > 'z') && line[k] != '-') return false;
  }
  auto glue = [](char c) {
    return IsDigit(c) || c == '_' || c == '@' || c == '/' || c == '\\' || c == '\'' || c == '`' ||
           static_cast<unsigned char>(c) >= 0x80;
  };
  if (start > 0 && (glue(line[start - 1]) || line[start - 1] == '.')) return false;
  if (end < line.size()) {
    char next = line[end];
    if (glue(next)) return false;
    // "berita.com", "info.txt"; a full stop that ends a sentence is fine.
    if ((next == '.' || next == ':') && end + 1 < line.size() &&
        ((line[end + 1] >= 'a' && line[end + 1] <= 'z') || (line[end + 1] >= 'A' && line[end + 1] <= 'Z'))) {
      return false;
    }
  }
  return true;
}

}  // namespace

Result<IdMsTable> IdMsTable::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return Fail("Indonesian/Malay table not found: " + path +
                " (it ships in resources/langid/; pass --resources or set STORYLOOM_RESOURCES)");
  }
  IdMsTable table;
  if (Status s = table.Parse(in, path, /*derived=*/false); !s.ok()) return Unexpected(s);
  std::stable_sort(table.suffixes_.begin(), table.suffixes_.end(),
                   [](const Suffix& a, const Suffix& b) { return a.ending.size() > b.ending.size(); });
  return table;
}

Status IdMsTable::LoadDerived(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::Ok();
  return Parse(in, path, /*derived=*/true);
}

Status IdMsTable::Parse(std::istream& in, const std::string& path, bool derived) {
  std::string line;
  int line_no = 0;
  auto bad = [&](const std::string& why) {
    return Status::Error("Indonesian/Malay table " + path + " line " + std::to_string(line_no) + ": " + why);
  };
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> f;
    std::string_view rest = line;
    while (true) {
      size_t tab = rest.find('\t');
      f.push_back(rest.substr(0, tab));
      if (tab == std::string_view::npos) break;
      rest.remove_prefix(tab + 1);
    }
    if (f.size() < 4) return bad("expected kind, form, lang, weight[, note]");
    std::string_view kind = f[0], form = f[1], lang = f[2], weight_text = f[3];
    double weight = 0;
    auto [end, ec] = std::from_chars(weight_text.data(), weight_text.data() + weight_text.size(), weight);
    if (ec != std::errc() || end != weight_text.data() + weight_text.size() || weight < 0) {
      return bad("weight must be a number >= 0, got '" + std::string(weight_text) + "'");
    }
    if (kind == "shared") {
      if (lang != "-") return bad("a shared word has lang -");
    } else if (lang == "id") {
      weight = -weight;
    } else if (lang == "-") {
      weight = 0;
    } else if (lang != "ms") {
      return bad("lang must be ms, id or -, got '" + std::string(lang) + "'");
    }
    if (form.empty() || std::any_of(form.begin(), form.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
      return bad("form must be non-empty lower case");
    }
    int entry = static_cast<int>(weights_.size());
    bool fresh = true;
    if (derived) {
      if (kind != "word") return bad("the generated table has word entries only, got '" + std::string(kind) + "'");
      // The hand-made entry wins.
      if (words_.contains(form)) continue;
      fresh = derived_.emplace(std::string(form), entry).second;
    } else if (kind == "word") {
      fresh = words_.emplace(std::string(form), entry).second;
    } else if (kind == "pair") {
      if (std::count(form.begin(), form.end(), ' ') != 1) return bad("a pair is two words and one space");
      fresh = pairs_.emplace(std::string(form), entry).second;
    } else if (kind == "shared") {
      fresh = shared_.emplace(std::string(form), entry).second;
    } else if (kind == "suffix") {
      if (form.size() < 3 || form[0] != '-') return bad("a suffix is written -ending");
      suffixes_.push_back({std::string(form.substr(1)), entry});
    } else {
      return bad("kind must be word, pair, suffix or shared, got '" + std::string(kind) + "'");
    }
    if (!fresh) return bad("'" + std::string(form) + "' is listed twice");
    weights_.push_back(weight);
  }
  return Status::Ok();
}

IdMsTable::Evidence IdMsTable::Read(std::string_view line) const {
  // Tokens are runs of ASCII letters, lower-cased.
  std::string lower(line);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  std::vector<uint8_t> hits(weights_.size(), 0);
  Evidence ev;
  int number_hits[5] = {0, 0, 0, 0, 0};
  auto count = [&](int entry, double* sum) {
    if (hits[entry] == 0 && sum == &ev.shared) ++ev.shared_words;
    if (hits[entry] < kMaxHitsPerEntry) {
      ++hits[entry];
      *sum += weights_[entry];
    }
  };
  std::string pair;
  std::string_view prev;
  size_t i = 0;
  while (i < lower.size()) {
    if (IsDigit(lower[i]) && (i == 0 || (!IsDigit(lower[i - 1]) && lower[i - 1] != '.' && lower[i - 1] != ','))) {
      size_t start = i;
      while (i < lower.size() && (IsDigit(lower[i]) || lower[i] == '.' || lower[i] == ',')) ++i;
      size_t end = i;
      while (end > start && !IsDigit(lower[end - 1])) --end;
      NumberStyle style = ClassifyNumber(std::string_view(lower.data() + start, end - start));
      int& n = number_hits[static_cast<int>(style)];
      if (style != NumberStyle::kNone && n < kMaxHitsPerEntry) {
        ++n;
        switch (style) {
          case NumberStyle::kDotThousands: ev.malay -= kGroupedNumberWeight; break;
          case NumberStyle::kCommaThousands: ev.malay += kGroupedNumberWeight; break;
          case NumberStyle::kCommaDecimal: ev.malay -= kDecimalCommaWeight; break;
          case NumberStyle::kDotDecimal: ev.malay += kDecimalDotWeight; break;
          case NumberStyle::kNone: break;
        }
      }
      continue;
    }
    if (lower[i] < 'a' || lower[i] > 'z') {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < lower.size() && lower[i] >= 'a' && lower[i] <= 'z') ++i;
    std::string_view token(lower.data() + start, i - start);
    bool covered = false;
    if (auto it = shared_.find(token); it != shared_.end()) {
      count(it->second, &ev.shared);
      covered = true;
    }
    if (auto it = words_.find(token); it != words_.end()) {
      count(it->second, &ev.malay);
      covered = true;
    } else {
      for (const Suffix& s : suffixes_) {
        if (token.size() >= s.ending.size() + 4 && token.ends_with(s.ending)) {
          count(s.entry, &ev.malay);
          covered = true;
          break;
        }
      }
      if (!covered && !derived_.empty()) {
        if (auto d = derived_.find(token); d != derived_.end()) {
          count(d->second, &ev.malay);
          covered = true;
        }
      }
    }
    // A hyphenated word (masing-masing, bertungkus-lumus) is checked whole,
    // from its first part.
    bool later_part = start >= 2 && line[start - 1] == '-' && IsAsciiLetter(line[start - 2]);
    if (!covered && !later_part && ev.unlisted.size() < kMaxSpellTokens) {
      size_t end = i;
      while (end + 1 < line.size() && line[end] == '-' && IsAsciiLetter(line[end + 1])) {
        end += 2;
        while (end < line.size() && IsAsciiLetter(line[end])) ++end;
      }
      if (IsSpellCandidate(line, start, end)) {
        ev.unlisted.emplace_back(static_cast<uint32_t>(start), static_cast<uint8_t>(end - start));
      }
    }
    if (!prev.empty() && !pairs_.empty()) {
      pair.assign(prev);
      pair.push_back(' ');
      pair.append(token);
      if (auto it = pairs_.find(pair); it != pairs_.end()) count(it->second, &ev.malay);
    }
    prev = token;
  }
  return ev;
}

}  // namespace storyloom::langid_internal
