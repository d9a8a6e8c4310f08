// Language identification: fastText lid.176 answers first; where it says
// Indonesian or Malay, a table of words that differ between the two standard
// languages (resources/langid/id_ms.tsv) gives a second opinion.
//
// Why: lid.176 calls standard Malay "id" more often than "ms". The two
// languages share most of their vocabulary, so a character n-gram model has
// little to go on, while a handful of words (kerana/karena, bahawa/bahwa,
// kerajaan/pemerintah, Ogos/Agustus, -iti/-itas) settle most sentences.
//
// How the two opinions are combined, as a sum of log-odds in favour of Malay:
//
//   score = kPrior
//         + kFastTextWeight * clamp(ln(p_ms / p_id), -kFastTextClamp, +kFastTextClamp)
//         + sum over table entries found in the text of  hits(e) * w(e)
//
// p_ms and p_id are lid.176's probabilities (from its top-k; absent = 0).
// w(e) is the table weight, positive for Malay entries and negative for
// Indonesian ones, hits(e) is capped at kMaxHitsPerEntry. score > 0 means
// "ms", otherwise "id". lid.176's own log-odds are damped and clamped because
// on this pair it is often confidently wrong; one strong table word (weight
// 3) outweighs it. With no table evidence lid.176 decides.
//
// Numbers are evidence too: Indonesian groups thousands with a dot and writes
// decimals with a comma (1.500 orang, 2,5 persen), Malay the other way round
// (1,500 orang, 2.5 peratus). A number with thousands groups counts
// kGroupedNumberWeight for its side, a comma decimal kDecimalCommaWeight for
// Indonesian and a one-digit dot decimal kDecimalDotWeight for Malay (two
// digits after a dot are left alone: both write times as 10.30); each kind
// counts at most kMaxHitsPerEntry times.
//
// A second, generated word table may sit beside the hand-made one:
// resources/langid/id_ms_apertium.tsv, derived by
// scripts/langid/apertium_id_ms.py from Debian's apertium-ind-zlm (word forms
// whose translation is spelt differently and that the other language's
// dictionary does not know: situs/laman, wisatawan/pelancong). It is not kept
// in the repository (GPL data), so it is optional: without it only the
// hand-made table is read. Its words count like table words, but only for
// tokens that no hand-made word or suffix rule covers.
//
// Spelling is evidence too. The lower-case words of the text that no table
// entry covers (at least kMinSpellLetters letters, not glued to digits or
// punctuation of addresses; a hyphenated word whole) are looked up in
// Debian's Indonesian hunspell dictionary (hunspell-id, id_ID.aff/.dic under
// /usr/share/hunspell or STORYLOOM_HUNSPELL_DIR); a word it rejects but US
// English spelling (hunspell-en-us, when installed) knows is not counted.
// Malay text has more words Indonesian spelling rejects (berdepan,
// diperolehi, kaunter) than Indonesian text (ujarnya, akuntabel): on news
// that is not the evaluation set about 5.5% against 2.5% of the words
// checked. Of `checked` different words, `unknown` rejected add
//
//   kSpellWeight * clamp(unknown * ln(q_ms / q_id)
//                        + (checked - unknown) * ln((1 - q_ms) / (1 - q_id)),
//                        -kSpellClamp, +kSpellClamp)
//
// (q = kSpellUnknownMalay, kSpellUnknownIndonesian), at most +-0.75: a nudge
// for texts the tables have little to say about, never enough to overrule a
// strong table word (weight 1.2 or more). Without the dictionary the term is off. The lookups run only
// when the id/ms decision is made.
//
// Short Indonesian or Malay lines (a headline, a name and a verb) are often
// given to English, Italian or Turkish by lid.176. The table's "shared" words
// (yang, dengan, untuk, tidak, ...) are evidence for the id/ms pair as a
// whole: when lid.176's first label is another language,
//
//   family = ln((p_id + p_ms) / p_first) + sum of shared-word weights
//
// and family > 0 with at least kMinSharedWords different shared words sends
// the text to the id/ms decision above.
#include "storyloom/langid.h"

#include <fasttext/fasttext.h>
#include <hunspell.hxx>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <spanstream>
#include <unordered_map>

namespace storyloom {
namespace {

// Only the start of a text is read: language does not change mid-paragraph
// often enough to pay for reading more.
constexpr size_t kMaxBytes = 4096;
// lid.176 labels looked at for the id/ms decision.
constexpr int kTopK = 10;
// Texts with fewer letters than this get a proportionally lower confidence.
constexpr int kShortTextLetters = 16;

// No prior toward either side. lid.176 leans to "id" (its ln(p_ms/p_id) sits
// near -1 for Malay and near -2 for Indonesian), but shifting the threshold
// to meet in the middle turned far more Indonesian into Malay than it won
// back, measured on news and software-translation text that is not the
// evaluation set. The table, not a prior, is what moves the decision.
constexpr double kPrior = 0.0;
constexpr double kFastTextWeight = 0.5;
constexpr double kFastTextClamp = 4.0;
constexpr int kMaxHitsPerEntry = 2;
constexpr int kMinSharedWords = 2;
constexpr double kGroupedNumberWeight = 1.5;
constexpr double kDecimalCommaWeight = 1.0;
constexpr double kDecimalDotWeight = 0.6;
// The spelling check (see the header): tokens of this many letters are
// looked up, at most kMaxSpellTokens of them per text.
constexpr size_t kMinSpellLetters = 4;
constexpr size_t kMaxSpellLetters = 40;
constexpr size_t kMaxSpellTokens = 48;
// Share of checked words Indonesian spelling rejects, in Indonesian and in
// Malay news (measured on development news, not on the evaluation set), the
// damping of their naive-Bayes log-odds and its clamp. Chosen on development
// news and Debian's id/ms software translations: weights 0.25 to 1.0 and
// clamps 1 to 3 were compared; 0.5 and 1.5 did best on the two together.
constexpr double kSpellUnknownIndonesian = 0.025;
constexpr double kSpellUnknownMalay = 0.055;
constexpr double kSpellWeight = 0.5;
constexpr double kSpellClamp = 1.5;
// Below this lid.176 log-odds of id+ms against its first label no count of
// shared words is believed (and the table is not even read): the text is
// long and clearly in another language.
constexpr double kMinFamilyLogOdds = -6.0;

// lid.176 labels without an ISO 639-1 code of their own, mapped to the
// standard language they are written as a variety of. Other 3-letter labels
// (ceb, war, min, nds, ...) have no 639-1 code and are returned unchanged.
std::string ToIso6391(std::string_view label) {
  static constexpr std::pair<std::string_view, std::string_view> kMap[] = {
      {"arz", "ar"},  // Egyptian Arabic
      {"azb", "az"},  // South Azerbaijani
      {"ckb", "ku"},  // Central Kurdish (Sorani)
      {"pnb", "pa"},  // Western Punjabi
      {"yue", "zh"},  // Cantonese
      {"wuu", "zh"},  // Wu Chinese
      {"als", "de"},  // Alemannic (Wikipedia's code)
      {"bar", "de"},  // Bavarian
  };
  for (const auto& [from, to] : kMap) {
    if (label == from) return std::string(to);
  }
  return std::string(label);
}

bool IsUtf8Continuation(unsigned char c) { return (c & 0xC0) == 0x80; }
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

// The first kMaxBytes of text (cut on a character boundary) as one line for
// fastText: line breaks and other control characters become spaces, since
// predictLine stops at the first newline. Counts letters on the way (ASCII
// letters and non-ASCII characters; digits and punctuation are not letters).
std::string PrepareLine(std::string_view text, int* letters) {
  size_t n = std::min(text.size(), kMaxBytes);
  while (n > 0 && n < text.size() && IsUtf8Continuation(static_cast<unsigned char>(text[n]))) --n;
  std::string line(text.substr(0, n));
  int count = 0;
  for (char& ch : line) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7F) {
      ch = ' ';
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0x80 && !IsUtf8Continuation(c))) {
      ++count;
    }
  }
  line.push_back('\n');
  *letters = count;
  return line;
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

// The generated Apertium-derived table lives beside the hand-made one.
std::string DerivedTablePath(const std::string& id_ms_table) {
  return (std::filesystem::path(id_ms_table).parent_path() / "id_ms_apertium.tsv").string();
}

// Where Debian's hunspell-id puts id_ID.aff and id_ID.dic;
// STORYLOOM_HUNSPELL_DIR overrides it (an empty or missing folder turns the
// spelling evidence off).
std::string SpellingDictionaryDir() {
  const char* env = std::getenv("STORYLOOM_HUNSPELL_DIR");
  return env != nullptr ? std::string(env) : std::string("/usr/share/hunspell");
}

// The spelling evidence in favour of Malay: a naive-Bayes log-likelihood
// ratio of `unknown` of `checked` words being unknown to Indonesian
// spelling, damped by kSpellWeight (the words of a sentence are not
// independent) and clamped.
double SpellingLogOdds(int checked, int unknown) {
  if (checked == 0) return 0;
  double llr = unknown * std::log(kSpellUnknownMalay / kSpellUnknownIndonesian) +
               (checked - unknown) * std::log((1 - kSpellUnknownMalay) / (1 - kSpellUnknownIndonesian));
  return kSpellWeight * std::clamp(llr, -kSpellClamp, kSpellClamp);
}

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using IndexMap = std::unordered_map<std::string, int, StringHash, std::equal_to<>>;

}  // namespace

// The Indonesian/Malay evidence table; see the header of id_ms.tsv for the
// format and for how it was written.
class IdMsTable {
 public:
  static Result<IdMsTable> Load(const std::string& path);
  // Adds the word entries of the generated table (id_ms_apertium.tsv) as a
  // fallback: they are looked up only for tokens that neither a hand-made
  // word nor a hand-made suffix rule covers, and a word the hand-made table
  // lists is skipped. A missing file is not an error (the table is built on
  // each machine by scripts/bootstrap); a malformed one is.
  Status LoadDerived(const std::string& path);
  size_t derived_words() const { return derived_.size(); }

  struct Evidence {
    double malay = 0;   // signed sum of id/ms entries, Malay positive
    double shared = 0;  // sum of shared-word weights
    int shared_words = 0;  // different shared words found
    // Tokens for the spelling check: lower-case words of the text that no
    // entry covers, as (offset, length) in the line read.
    std::vector<std::pair<uint32_t, uint8_t>> unlisted;
  };
  // What the entries found in `line` say.
  Evidence Read(std::string_view line) const;

 private:
  struct Suffix {
    std::string ending;
    int entry;
  };
  // Reads one table file; `derived` allows only word entries, which go to
  // derived_.
  Status Parse(std::istream& in, const std::string& path, bool derived);

  std::vector<double> weights_;  // one per entry, signed
  IndexMap words_;
  IndexMap pairs_;                // "first second"
  IndexMap shared_;               // id/ms-family words, weight positive
  std::vector<Suffix> suffixes_;  // longest first
  IndexMap derived_;              // words from the generated table
};

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

// Indonesian spelling as Debian's hunspell-id has it: how many of a text's
// unlisted words standard Indonesian spelling does not know. Hunspell objects
// keep state while they check a word, so each check borrows one from a pool
// (a second is opened only when threads check at the same moment).
class IndonesianSpelling {
 public:
  // Null when the dictionary files are absent or unreadable: the evidence is
  // then simply not used.
  static std::unique_ptr<IndonesianSpelling> Open(const std::string& dir) {
    if (!HasDictionary(dir, "id_ID")) return nullptr;
    std::unique_ptr<IndonesianSpelling> s(new IndonesianSpelling(dir));
    auto first = s->NewChecker();
    // A dictionary hunspell could not read knows no word at all.
    if (!first || !first->indonesian.spell(std::string("rumah"))) return nullptr;
    s->idle_.push_back(std::move(first));
    return s;
  }

  struct Count {
    int checked = 0;  // different words looked up
    int unknown = 0;  // of which Indonesian spelling does not know
  };
  Count Check(std::string_view line, const std::vector<std::pair<uint32_t, uint8_t>>& spans) const {
    Count c;
    if (spans.empty()) return c;
    std::unique_ptr<Checker> h;
    {
      std::lock_guard lock(mu_);
      if (!idle_.empty()) {
        h = std::move(idle_.back());
        idle_.pop_back();
      }
    }
    if (!h) h = NewChecker();
    if (!h) return c;
    std::vector<std::string_view> seen;
    seen.reserve(spans.size());
    std::string word;
    for (auto [off, len] : spans) {
      std::string_view w = line.substr(off, len);
      if (std::find(seen.begin(), seen.end(), w) != seen.end()) continue;
      seen.push_back(w);
      word.assign(w);
      if (h->indonesian.spell(word)) {
        ++c.checked;
      } else if (!h->english || !h->english->spell(word)) {
        ++c.checked;
        ++c.unknown;
      }
    }
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(h));
    return c;
  }

 private:
  // English words are common in both languages' news and software text
  // (obstruction of justice, default); Indonesian spelling rejects them
  // whatever the language around them, so a word US English spelling knows
  // (Debian's hunspell-en-us, when installed) is not counted.
  struct Checker {
    Checker(const std::string& dir, bool with_english)
        : indonesian((dir + "/id_ID.aff").c_str(), (dir + "/id_ID.dic").c_str()) {
      if (with_english) english = std::make_unique<Hunspell>((dir + "/en_US.aff").c_str(), (dir + "/en_US.dic").c_str());
    }
    Hunspell indonesian;
    std::unique_ptr<Hunspell> english;
  };

  static bool HasDictionary(const std::string& dir, const char* name) {
    std::error_code ec;
    return std::filesystem::is_regular_file(dir + "/" + name + ".aff", ec) &&
           std::filesystem::is_regular_file(dir + "/" + name + ".dic", ec);
  }
  explicit IndonesianSpelling(std::string dir) : dir_(std::move(dir)), english_(HasDictionary(dir_, "en_US")) {}
  std::unique_ptr<Checker> NewChecker() const {
    try {
      return std::make_unique<Checker>(dir_, english_);
    } catch (const std::exception&) {
      return nullptr;
    }
  }

  std::string dir_;
  bool english_;
  mutable std::mutex mu_;
  mutable std::vector<std::unique_ptr<Checker>> idle_;
};

struct LanguageIdentifier::Impl {
  fasttext::FastText model;
  IdMsTable id_ms;
  std::unique_ptr<IndonesianSpelling> spelling;  // null: no dictionary

  // lid.176's top-k for an already prepared line, labels mapped to 639-1.
  std::vector<LanguageGuess> Predict(const std::string& line, int k) const {
    std::ispanstream in(std::span<const char>(line.data(), line.size()));
    std::vector<std::pair<fasttext::real, std::string>> preds;
    model.predictLine(in, preds, k, 0.0);
    std::vector<LanguageGuess> out;
    out.reserve(preds.size());
    for (auto& [p, label] : preds) {
      std::string_view code = label;
      if (code.starts_with("__label__")) code.remove_prefix(9);
      out.push_back({ToIso6391(code), static_cast<float>(p)});
    }
    return out;
  }
};

LanguageIdentifier::LanguageIdentifier() : impl_(std::make_unique<Impl>()) {}
LanguageIdentifier::~LanguageIdentifier() = default;

Result<std::unique_ptr<LanguageIdentifier>> LanguageIdentifier::Load(const std::string& model,
                                                                     const std::string& id_ms_table) {
  std::ifstream probe(model, std::ios::binary);
  if (!probe) {
    return Fail("language-id model not found: " + model +
                " (run scripts/bootstrap, or pass --langid-model / set STORYLOOM_LANGID_MODEL)");
  }
  probe.close();
  std::unique_ptr<LanguageIdentifier> id(new LanguageIdentifier());
  try {
    id->impl_->model.loadModel(model);
  } catch (const std::exception& e) {
    return Fail("cannot read language-id model " + model + ": " + e.what());
  }
  auto table = IdMsTable::Load(id_ms_table);
  if (!table) return Unexpected(table.error());
  if (Status s = table->LoadDerived(DerivedTablePath(id_ms_table)); !s.ok()) return Unexpected(s);
  id->impl_->id_ms = std::move(*table);
  id->impl_->spelling = IndonesianSpelling::Open(SpellingDictionaryDir());
  return id;
}

std::vector<LanguageGuess> LanguageIdentifier::RawTopK(std::string_view text, int k) const {
  int letters = 0;
  std::string line = PrepareLine(text, &letters);
  if (letters == 0 || k <= 0) return {};
  return impl_->Predict(line, k);
}

LanguageGuess LanguageIdentifier::Identify(std::string_view text) const {
  int letters = 0;
  std::string line = PrepareLine(text, &letters);
  if (letters == 0) return {};
  std::vector<LanguageGuess> top = impl_->Predict(line, kTopK);
  if (top.empty()) return {};

  LanguageGuess guess = top[0];
  double p_id = 0, p_ms = 0;
  for (const LanguageGuess& g : top) {
    if (g.lang == "id") p_id = g.confidence;
    if (g.lang == "ms") p_ms = g.confidence;
  }
  constexpr double kFloor = 1e-4;
  bool malay_family = guess.lang == "id" || guess.lang == "ms";
  IdMsTable::Evidence ev;
  double family = std::log((p_id + p_ms + kFloor) / (guess.confidence + kFloor));
  if (malay_family || family > kMinFamilyLogOdds) {
    ev = impl_->id_ms.Read(line);
    // Also when id and ms together outweigh the first label (Minangkabau 0.4,
    // id 0.3, ms 0.3), or shared words make up for lid.176's doubt.
    malay_family = malay_family || family > 0 ||
                   (ev.shared_words >= kMinSharedWords && family + ev.shared > 0);
  }
  if (malay_family) {
    double fasttext = std::clamp(std::log((p_ms + kFloor) / (p_id + kFloor)), -kFastTextClamp, kFastTextClamp);
    double score = kPrior + kFastTextWeight * fasttext + ev.malay;
    if (impl_->spelling) {
      IndonesianSpelling::Count sc = impl_->spelling->Check(line, ev.unlisted);
      score += SpellingLogOdds(sc.checked, sc.unknown);
    }
    guess.lang = score > 0 ? "ms" : "id";
    // The id/ms mass (at least half the first label's, when shared words
    // brought the text here), shared out by how clear the decision was.
    double mass = std::max(p_id + p_ms, 0.5 * top[0].confidence);
    guess.confidence = static_cast<float>(mass / (1.0 + std::exp(-std::abs(score))));
  }
  if (letters < kShortTextLetters) {
    guess.confidence *= static_cast<float>(letters) / kShortTextLetters;
  }
  return guess;
}

}  // namespace storyloom
