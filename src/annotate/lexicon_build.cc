// Reading one language's dictionary files (formats in lexicon.h) into its
// table of pivots, and the cognates of its English words.
#include "annotate/lexicon.h"

#include <libstemmer.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "annotate/lexicon_internal.h"
#include "annotate/names.h"
#include "base/utf8.h"

namespace storyloom {

using namespace lexicon_internal;  // NOLINT: the lexicon's own limits and helpers

namespace {

bool IsEnglishStopword(const std::string& w) {
  static const std::unordered_set<std::string> kStop = {
      "the",    "a",       "an",      "of",     "and",     "or",     "in",     "on",   "at",    "to",      "for",
      "from",   "by",      "with",    "as",     "is",      "are",    "was",    "were", "be",    "been",    "being",
      "it",     "its",     "this",    "that",   "these",   "those",  "he",     "she",  "they",  "we",      "you",
      "i",      "his",     "her",     "their",  "our",     "not",    "no",     "but",  "if",    "so",      "than",
      "then",   "which",   "who",     "whom",   "what",    "there",  "here",   "also", "very",  "into",    "about",
      "over",   "under",   "up",      "out",    "do",      "does",   "did",    "have", "has",   "had",     "will",
      "would",  "can",     "could",   "may",    "might",   "shall",  "should", "must", "one",   "some",    "any",
      "all",    "each",    "other",   "such",   "only",    "own",    "same",   "too",  "just",  "more",    "most",
      "many",   "much",    "after",   "before", "while",   "when",   "where",  "why",  "how",   "between", "because",
      "until",  "against", "through", "during", "without", "within", "upon",   "yet",  "still", "even",    "both",
      "either", "neither", "him",     "them",   "me",      "us",     "my",     "your", "make",  "get",     "thing",
      "way",    "again",   "already", "said",   "say",     "says"};
  return kStop.contains(w);
}

// The English words of one definition line: "2. Administration" -> "administration";
// glosses separated by , ; are separate candidates; parentheses dropped.
std::vector<std::string> EnglishCandidates(std::string line) {
  std::string clean;
  int depth = 0;
  bool after_tag = false;  // "government <n>Gov., administration": what follows a tag is an abbreviation
  for (char c : line) {
    if (c == '(' || c == '[' || c == '<' || c == '{') {
      ++depth;
    } else if ((c == ')' || c == ']' || c == '>' || c == '}') && depth > 0) {
      --depth;
      if (c == '>' && depth == 0) after_tag = true;
    } else if (depth == 0) {
      if (c == ',' || c == ';') after_tag = false;
      else if (after_tag) continue;
      clean.push_back(c);
    }
  }
  std::vector<std::string> out;
  std::string part;
  std::stringstream ss(clean);
  while (std::getline(ss, part, ',')) {
    // Trim, drop numbering, "to " and articles.
    std::string piece = part.substr(0, part.find(';'));
    size_t b = piece.find_first_not_of(" \t0123456789.");
    if (b == std::string::npos) continue;
    piece = AsciiLower(piece.substr(b));
    while (!piece.empty() && (piece.back() == ' ' || piece.back() == '.')) piece.pop_back();
    for (std::string_view p : {"to ", "a ", "an ", "the "})
      if (piece.starts_with(p)) piece.erase(0, p.size());
    if (piece.empty() || std::count(piece.begin(), piece.end(), ' ') > 1) continue;
    bool ascii =
        std::all_of(piece.begin(), piece.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == ' ' || c == '-'; });
    if (ascii) out.push_back(piece);
  }
  return out;
}

std::string StripTags(const std::string& html) {
  std::string out;
  bool in_tag = false;
  for (char c : html) {
    if (c == '<')
      in_tag = true;
    else if (c == '>')
      in_tag = false;
    else if (!in_tag)
      out.push_back(c);
  }
  return out;
}

uint64_t DecodeB64(const std::string& s) {
  static const std::string kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  uint64_t v = 0;
  for (char c : s) {
    size_t p = kAlphabet.find(c);
    if (p == std::string::npos) return 0;
    v = v * 64 + p;
  }
  return v;
}

std::string ReadGzip(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) return {};
  std::string out;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof(buf))) > 0) out.append(buf, static_cast<size_t>(n));
  gzclose(f);
  return out;
}

std::string FoldPhrase(const std::string& s) {
  std::string out;
  for (const auto& t : AnchorTokens(s)) {
    if (t.script == TokenScript::kDigits) return {};
    if (!out.empty()) out.push_back(' ');
    out += t.fold;
  }
  return out;
}

// Whether a dictd headword line ("Regierung /reːɡˈiːrʊŋ/ <fem, n, sg>",
// "赤墨 /.../, あかずみ /.../") names head, folded: its comma-separated
// heads, without pronunciations and bracketed notes.
bool HeadwordLineNames(const std::string& line, const std::string& head) {
  // Mostly the line starts with the word as the index spells it.
  if (line.size() >= head.size() && (line.size() == head.size() || line[head.size()] == ' ' ||
                                     line[head.size()] == ',')) {
    bool same = true;
    for (size_t i = 0; i < head.size() && same; ++i) {
      char a = line[i], b = head[i];
      same = a == b || (a >= 'A' && a <= 'Z' && a + 32 == b);
    }
    if (same) return true;
  }
  std::string bare;
  int depth = 0;
  bool ipa = false;
  for (char c : line) {
    if (c == '/') ipa = !ipa;
    else if (c == '(' || c == '[' || c == '<' || c == '{') ++depth;
    else if ((c == ')' || c == ']' || c == '>' || c == '}') && depth > 0) --depth;
    else if (depth == 0 && !ipa) bare.push_back(c);
  }
  std::string want = FoldPhrase(head);
  if (want.empty()) return true;
  std::stringstream heads(bare);
  std::string h;
  while (std::getline(heads, h, ','))
    if (FoldPhrase(h) == want) return true;
  return false;
}

}  // namespace

// Builds one language's table from its files. For a foreign language it
// keeps that language's words and gathers the English words they translate
// to (its cognates); for English ("en") it keeps only the English side of
// every pair, whatever the file's language.
class Lexicon::Builder {
 public:
  explicit Builder(std::string lang) : lang_(std::move(lang)), table_(std::make_unique<Table>()) {
    stemmer_ = sb_stemmer_new("english", "UTF_8");
  }
  ~Builder() {
    if (stemmer_) sb_stemmer_delete(stemmer_);
  }
  Builder(const Builder&) = delete;
  Builder& operator=(const Builder&) = delete;

  void Read(const std::string& file);
  std::unique_ptr<Table> Finish();

 private:
  void AddPair(const std::string& lang, const std::string& foreign, const std::string& english);
  void LoadDictd(const std::string& index_path);
  void LoadWiktionaryTsv(const std::string& path, const std::string& lang);
  std::string Stem(const std::string& english);
  void BuildCognates();

  std::string lang_;
  std::unique_ptr<Table> table_;
  std::unordered_map<std::string, std::string> english_;  // single English words -> stem (cognates)
  std::unordered_map<std::string, std::string> stem_cache_;
  sb_stemmer* stemmer_ = nullptr;
};

std::string Lexicon::Builder::Stem(const std::string& english) {
  auto it = stem_cache_.find(english);
  if (it != stem_cache_.end()) return it->second;
  std::string result = english;
  if (stemmer_ && english.find(' ') == std::string::npos) {
    const sb_symbol* r = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(english.data()),
                                         static_cast<int>(english.size()));
    if (r) result.assign(reinterpret_cast<const char*>(r), static_cast<size_t>(sb_stemmer_length(stemmer_)));
  } else {
    std::replace(result.begin(), result.end(), ' ', '_');
  }
  stem_cache_.emplace(english, result);
  return result;
}

void Lexicon::Builder::AddPair(const std::string& lang, const std::string& foreign, const std::string& english) {
  std::string folded = FoldPhrase(foreign);
  if (folded.empty()) return;
  if (IsEnglishStopword(english)) return;
  size_t words = std::count(folded.begin(), folded.end(), ' ') + 1;
  if (words > kMaxPhrase) return;
  std::string stem = Stem(english);
  if (lang_ == "en") {
    // English text meets the pivots through the English word itself.
    if (english.find(' ') != std::string::npos) return;
    auto& en = table_->words[english];
    if (en.empty()) en.push_back(stem);
    std::string key = ThreadStemmer("en").Key(english);
    if (!key.empty()) {
      auto& by_stem = table_->words[key];
      if (by_stem.empty()) by_stem.push_back(stem);
    }
    return;
  }
  if (lang != lang_) return;
  Table& table = *table_;
  auto& pivots = table.words[folded];
  if (pivots.size() < kMaxPivots && std::find(pivots.begin(), pivots.end(), stem) == pivots.end())
    pivots.push_back(stem);
  if (words > 1) table.phrase_starts.insert(folded.substr(0, folded.find(' ')));
  // The headword's stem, for inflected forms in text (see LookupStemmer).
  if (words == 1) {
    std::string key = ThreadStemmer(lang).Key(folded);
    if (!key.empty()) {
      auto& by_stem = table.words[key];
      if (by_stem.empty()) by_stem.push_back(stem);
    }
  }
  if (english.find(' ') == std::string::npos) english_.try_emplace(english, stem);
}

void Lexicon::Builder::LoadDictd(const std::string& index_path) {
  std::string base = index_path.substr(0, index_path.size() - std::string(".index").size());
  std::string name = std::filesystem::path(base).filename().string();  // freedict-ara-eng
  size_t d1 = name.find('-'), d2 = name.rfind('-');
  if (d1 == std::string::npos || d1 == d2) return;
  std::string from = LangOf3(name.substr(d1 + 1, d2 - d1 - 1)), to = LangOf3(name.substr(d2 + 1));
  if (from != "en" && to != "en") return;
  std::string dict = ReadGzip(base + ".dict.dz");
  if (dict.empty()) return;
  std::ifstream in(index_path);
  std::string line;
  while (std::getline(in, line)) {
    size_t t1 = line.find('\t'), t2 = line.rfind('\t');
    if (t1 == std::string::npos || t1 == t2 || line.starts_with("00database")) continue;
    std::string head = line.substr(0, t1);
    // Phrases longer than kMaxPhrase words are never kept: skip them unread
    // (a quarter of German FreeDict's index).
    if (static_cast<size_t>(std::count(head.begin(), head.end(), ' ')) >= kMaxPhrase) continue;
    uint64_t off = DecodeB64(line.substr(t1 + 1, t2 - t1 - 1)), len = DecodeB64(line.substr(t2 + 1));
    if (off + len > dict.size()) continue;
    std::istringstream body(std::string(dict.data() + off, len));
    std::string def;
    std::getline(body, def);  // the headword line
    // An index entry may point at another word's entry (German `am` at
    // `Amplitudenmodulation (AM)`): X-eng keeps entries whose headword line
    // names the index word.
    if (to == "en" && !HeadwordLineNames(def, head)) continue;
    std::vector<std::string> lines;
    // X-eng: the first three lines that hold English words, among the first
    // eight (Japanese entries open with part-of-speech lines).
    for (int read = 0; lines.size() < 3 && read < 8 && std::getline(body, def);) {
      if (def.empty()) continue;
      ++read;
      if (to == "en" && EnglishCandidates(def).empty()) continue;
      lines.push_back(def);
      if (to != "en") break;  // eng-X: only the first line is translations
    }
    if (to == "en") {
      // Single words first: English text meets a phrase pivot only word by word.
      std::vector<std::string> english;
      for (const auto& l : lines)
        for (auto& e : EnglishCandidates(l)) english.push_back(std::move(e));
      std::stable_partition(english.begin(), english.end(),
                            [](const std::string& e) { return e.find(' ') == std::string::npos; });
      for (const auto& e : english) AddPair(from, head, e);
    } else {
      std::string english = AsciiLower(head);
      if (std::count(english.begin(), english.end(), ' ') > 1) continue;
      for (const auto& l : lines) {
        // Bracketed notes ("(tıb.) uyutmak") are no translations.
        std::string bare;
        int depth = 0;
        for (char c : l) {
          if (c == '(' || c == '[' || c == '{' || c == '<') ++depth;
          else if ((c == ')' || c == ']' || c == '}' || c == '>') && depth > 0) --depth;
          else if (depth == 0) bare.push_back(c == ';' ? ',' : c);
        }
        std::stringstream parts(bare);
        std::string part;
        while (std::getline(parts, part, ',')) {
          size_t b = part.find_first_not_of(" 0123456789.");
          if (b == std::string::npos) continue;
          part = part.substr(b);
          while (!part.empty() && part.back() == ' ') part.pop_back();
          AddPair(to, part, english);
        }
      }
    }
  }
}

void Lexicon::Builder::LoadWiktionaryTsv(const std::string& path, const std::string& lang) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    std::string heads = line.substr(0, tab), html = line.substr(tab + 1);
    size_t li = html.find("<li>");
    if (li == std::string::npos) continue;
    size_t end = html.find("</li>", li);
    std::string gloss = StripTags(html.substr(li + 4, end == std::string::npos ? std::string::npos : end - li - 4));
    std::vector<std::string> english = EnglishCandidates(gloss);
    if (english.size() > 2) english.resize(2);
    std::stringstream hs(heads);
    std::string head;
    while (std::getline(hs, head, '|'))
      for (const auto& e : english) AddPair(lang, head, e);
  }
}

void Lexicon::Builder::Read(const std::string& file) {
  std::string name = std::filesystem::path(file).filename().string();
  if (name.ends_with(".index")) LoadDictd(file);
  else LoadWiktionaryTsv(file, FileLanguage(file));
}

std::unique_ptr<Lexicon::Table> Lexicon::Builder::Finish() {
  BuildCognates();
  table_->Freeze();
  return std::move(table_);
}

void Lexicon::Builder::BuildCognates() {
  std::unordered_map<std::string, std::string> by_skeleton;
  for (const auto& [word, stem] : english_) {
    if (word.size() < kCognateLetters || word.find_first_not_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos)
      continue;
    std::string sk = NameSkeleton(word);
    if (sk.size() < kCognateConsonants) continue;
    auto [it, added] = by_skeleton.try_emplace(sk, "lex:" + stem);
    if (!added && it->second != "lex:" + stem) it->second.clear();  // two words: neither
  }
  english_.clear();
  std::vector<std::pair<std::string, uint32_t>> entries;
  for (auto& [sk, pivot] : by_skeleton) {
    if (pivot.empty()) continue;
    entries.emplace_back(sk, static_cast<uint32_t>(table_->cognate_pivots.size()));
    table_->cognate_pivots.push_back(std::move(pivot));
  }
  table_->cognates = FlatStringIndex::Build(std::move(entries));
}

std::unique_ptr<Lexicon::Table> Lexicon::BuildFromFiles(const std::string& lang,
                                                        const std::vector<std::string>& files) {
  Builder builder(lang);
  for (const std::string& f : files) builder.Read(f);
  return builder.Finish();
}

}  // namespace storyloom
