#include "annotate/lexicon.h"

#include <libstemmer.h>
#include <xxhash.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <fstream>
#include <sstream>

#include "annotate/names.h"
#include "text/language_codes.h"
#include "text/segment.h"

namespace storyloom {
namespace {

constexpr size_t kMaxPivots = 1;  // see lexicon.h
constexpr size_t kMaxPhrase = 3;
// Cognates (see lexicon.h): words of at least this many letters, skeletons
// of at least this many consonants.
constexpr size_t kCognateLetters = 6;
constexpr size_t kCognateConsonants = 4;

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

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return s;
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
    piece = Lower(piece.substr(b));
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

// "ara" -> "ar", "deu" -> "de": CLDR's aliases, through ICU (language_codes.h).
std::string LangOf3(const std::string& code) { return IsoLanguage(code); }

// Inflected forms meet their dictionary headword through the language's
// Snowball stemmer (on folded words, the same on both sides): `Regierungen`
// and `Regierung` -> `regier`. Languages without one (Polish) keep the first
// six letters of longer words, which is what a stem of theirs mostly is.
// Arabic has its own clitic variants (anchors_text.h); Vietnamese words
// do not inflect; uncased scripts (Japanese, Chinese) are matched by
// segments instead (see Lexicon::Find).
class LookupStemmer {
 public:
  explicit LookupStemmer(const std::string& lang) {
    if (lang == "ar" || lang == "vi") return;
    const char* algo = SnowballAlgorithm(lang);
    if (algo) stemmer_ = sb_stemmer_new(algo, "UTF_8");
    else prefix_ = 6;
  }
  ~LookupStemmer() {
    if (stemmer_) sb_stemmer_delete(stemmer_);
  }
  LookupStemmer(const LookupStemmer&) = delete;
  LookupStemmer& operator=(const LookupStemmer&) = delete;
  bool active() const { return stemmer_ != nullptr || prefix_ > 0; }
  // The stem key of a folded word ("" when the word is too short to stem).
  std::string Key(const std::string& folded) {
    if (folded.size() < 3 || folded.find(' ') != std::string::npos) return {};
    std::string stem;
    if (stemmer_) {
      const sb_symbol* r = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(folded.data()),
                                           static_cast<int>(folded.size()));
      if (!r) return {};
      stem.assign(reinterpret_cast<const char*>(r), static_cast<size_t>(sb_stemmer_length(stemmer_)));
    } else if (prefix_ > 0) {
      size_t cps = 0, i = 0;
      for (; i < folded.size(); ++i)
        if ((static_cast<unsigned char>(folded[i]) & 0xC0) != 0x80 && cps++ == prefix_) break;
      if (i >= folded.size()) return {};  // not longer than the prefix
      stem = folded.substr(0, i);
    }
    if (stem.size() < 3) return {};
    return std::string(1, '\x01') + stem;
  }

 private:
  sb_stemmer* stemmer_ = nullptr;
  size_t prefix_ = 0;
};

// One stemmer per language and thread: Find runs on many threads, and a
// Snowball stemmer keeps state.
LookupStemmer& ThreadStemmer(const std::string& lang) {
  thread_local std::unordered_map<std::string, std::unique_ptr<LookupStemmer>> stemmers;
  auto& s = stemmers[lang];
  if (!s) s = std::make_unique<LookupStemmer>(lang);
  return *s;
}

// Code points of a UTF-8 string: byte offsets of their starts, and the end.
std::vector<size_t> CodePointStarts(const std::string& s) {
  std::vector<size_t> starts;
  for (size_t i = 0; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) starts.push_back(i);
  starts.push_back(s.size());
  return starts;
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
      std::string english = Lower(head);
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

namespace {

// The language of a lexicon file, from its name ("" when storyloom reads no
// such file): freedict-ara-eng -> ar (the non-English side decides),
// Indonesian-English_....tsv -> id.
std::string FileLanguage(const std::string& file) {
  std::string name = std::filesystem::path(file).filename().string();
  if (name.ends_with(".index") && name.starts_with("freedict-")) {
    std::string pair = name.substr(9, name.size() - 9 - 6);
    return LangOf3(pair.starts_with("eng-") ? pair.substr(4) : pair.substr(0, pair.find('-')));
  }
  if (name.ends_with(".tsv")) {
    std::string lang = LanguageFromEnglishName(name.substr(0, name.find('-')));
    return lang == "en" ? std::string() : lang;
  }
  return {};
}

// Files and folders to files: a folder's files in name order, missing paths
// skipped, and a file name seen before skipped (a copy elsewhere adds nothing).
std::vector<std::string> LexiconFiles(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      std::vector<std::string> inside;
      for (const auto& e : std::filesystem::directory_iterator(p, ec)) inside.push_back(e.path().string());
      std::sort(inside.begin(), inside.end());
      files.insert(files.end(), inside.begin(), inside.end());
    } else if (std::filesystem::exists(p, ec)) {
      files.push_back(p);
    }
  }
  std::unordered_set<std::string> seen;
  std::vector<std::string> out;
  for (std::string& f : files)
    if (!FileLanguage(f).empty() && seen.insert(std::filesystem::path(f).filename().string()).second)
      out.push_back(std::move(f));
  return out;
}

}  // namespace

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

Lexicon::Lexicon() = default;
Lexicon::Lexicon(Lexicon&&) noexcept = default;
Lexicon& Lexicon::operator=(Lexicon&&) noexcept = default;
Lexicon::~Lexicon() = default;

Lexicon Lexicon::Load(const std::vector<std::string>& paths, const std::vector<std::string>& languages,
                      const std::vector<std::string>* english_paths) {
  auto wanted = [&](const std::string& lang) {
    return languages.empty() || std::find(languages.begin(), languages.end(), lang) != languages.end();
  };
  Lexicon lex;
  auto language = [&](const std::string& lang) -> Language& {
    auto& l = lex.langs_[lang];
    if (!l) l = std::make_unique<Language>();
    return *l;
  };
  for (std::string& f : LexiconFiles(paths)) {
    std::string lang = FileLanguage(f);
    if (wanted(lang)) language(lang).files.push_back(std::move(f));
  }
  // English text may turn up whatever the languages: its table is there
  // whenever it has files, read on the first English look-up like the rest.
  std::vector<std::string> english = LexiconFiles(english_paths ? *english_paths : paths);
  if (!english.empty()) language("en").files = std::move(english);
  return lex;
}

std::unique_ptr<Lexicon::Table> Lexicon::Build(const std::string& lang, const std::vector<std::string>& files) {
  Builder builder(lang);
  for (const std::string& f : files) builder.Read(f);
  return builder.Finish();
}

const Lexicon::Table* Lexicon::Get(const std::string& lang) const {
  auto it = langs_.find(lang);
  if (it == langs_.end()) return nullptr;
  Language& l = *it->second;
  if (const Table* t = l.ready.load(std::memory_order_acquire)) return t;
  std::call_once(l.once, [&] {
    l.table = Build(lang, l.files);
    l.ready.store(l.table.get(), std::memory_order_release);
  });
  return l.ready.load(std::memory_order_acquire);
}

void Lexicon::Preload(const std::vector<std::string>& languages) const {
  for (const auto& [lang, l] : langs_)
    if (languages.empty() || std::find(languages.begin(), languages.end(), lang) != languages.end()) Get(lang);
}

std::vector<std::string> Lexicon::Loaded() const {
  std::vector<std::string> out;
  for (const auto& [lang, l] : langs_)
    if (l->ready.load(std::memory_order_acquire)) out.push_back(lang);
  std::sort(out.begin(), out.end());
  return out;
}

const std::string* Lexicon::Cognate(const std::string& lang, const std::string& ascii) const {
  if (ascii.size() < kCognateLetters) return nullptr;
  const Table* t = Get(lang);
  if (!t || t->cognates.empty()) return nullptr;
  std::string sk = NameSkeleton(ascii);
  if (sk.size() < kCognateConsonants) return nullptr;
  if (const uint32_t* i = t->cognates.Find(sk)) return &t->cognate_pivots[*i];
  return nullptr;
}

void Lexicon::Table::Freeze() {
  std::vector<std::pair<std::string, uint32_t>> starts;
  starts.reserve(phrase_starts.size());
  for (const std::string& start : phrase_starts) starts.emplace_back(start, 0);
  phrase_starts.clear();
  phrase_start_index = FlatStringIndex::Build(std::move(starts));
  entries.assign(std::make_move_iterator(words.begin()), std::make_move_iterator(words.end()));
  words.clear();
  size_t capacity = 16;
  while (capacity < entries.size() * 2) capacity *= 2;
  slots.assign(capacity, 0);
  slot_entry.assign(capacity, 0);
  for (uint32_t e = 0; e < entries.size(); ++e) {
    for (std::string& p : entries[e].second) p = "lex:" + p;
    uint64_t h = XXH3_64bits(entries[e].first.data(), entries[e].first.size()) | 1;
    size_t pos = h & (capacity - 1);
    while (slots[pos] != 0) pos = (pos + 1) & (capacity - 1);
    slots[pos] = h;
    slot_entry[pos] = e;
  }
}

const std::vector<std::string>* Lexicon::Table::Lookup(std::string_view key) const {
  if (slots.empty()) return nullptr;
  uint64_t h = XXH3_64bits(key.data(), key.size()) | 1;
  size_t mask = slots.size() - 1;
  for (size_t pos = h & mask; slots[pos] != 0; pos = (pos + 1) & mask)
    if (slots[pos] == h && entries[slot_entry[pos]].first == key) return &entries[slot_entry[pos]].second;
  return nullptr;
}

const std::vector<std::string>* Lexicon::Pivots(const std::string& lang, const std::string& folded) const {
  const Table* t = Get(lang);
  return t ? t->Lookup(folded) : nullptr;
}

bool Lexicon::Knows(const std::string& lang, const std::string& folded) const {
  const Table* t = Get(lang);
  if (!t) return false;
  if (t->Lookup(folded)) return true;
  std::string key = ThreadStemmer(lang).Key(folded);
  return !key.empty() && t->Lookup(key) != nullptr;
}

size_t Lexicon::size(const std::string& lang) const {
  const Table* t = Get(lang);
  return t ? t->entries.size() : 0;
}

void Lexicon::Find(const std::vector<AnchorToken>& tokens, const std::string& lang, float weight,
                   std::vector<Anchor>* out, const std::vector<bool>& used, const Transliterations* translit) const {
  const Table* found = Get(lang);
  if (!found) return;
  const Table& table = *found;
  LookupStemmer* stemmer = &ThreadStemmer(lang);
  const bool stems = stemmer->active();
  std::string phrase;  // reused across tokens
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (used[i] || tokens[i].script == TokenScript::kDigits) continue;
    // Longest phrase from i whose first word is `first`; returns its length or 0.
    auto match = [&](const std::string& first) -> size_t {
      if (!table.phrase_start_index.empty() && table.phrase_start_index.Find(first)) {
        for (size_t n = std::min(kMaxPhrase, tokens.size() - i); n >= 2; --n) {
          phrase.assign(first);
          bool ok = true;
          for (size_t k = i + 1; k < i + n && ok; ++k) {
            ok = !used[k] && tokens[k].script != TokenScript::kDigits;
            phrase += ' ';
            phrase += tokens[k].fold;
          }
          if (!ok) continue;
          if (const auto* w = table.Lookup(phrase)) {
            for (const std::string& p : *w)
              out->push_back({p, {tokens[i].span.start, tokens[i + n - 1].span.end}, weight});
            return n;
          }
        }
      }
      if (const auto* w = table.Lookup(first)) {
        for (const std::string& p : *w) out->push_back({p, tokens[i].span, weight});
        return 1;
      }
      if (stems && (tokens[i].script == TokenScript::kLatin || tokens[i].script == TokenScript::kOtherCased)) {
        std::string key = stemmer->Key(first);
        if (const auto* w = key.empty() ? nullptr : table.Lookup(key)) {
          for (const std::string& p : *w) out->push_back({p, tokens[i].span, weight});
          return 1;
        }
      }
      return 0;
    };
    size_t n = 0;
    if (tokens[i].script == TokenScript::kOtherUncased) {
      // Japanese and Chinese write words without spaces: a run of letters
      // is one token. Known words of two or more characters are taken
      // greedily, longest first, from left to right.
      constexpr size_t kMaxChars = 8;
      const std::string& run = tokens[i].fold;
      if (const auto* w = table.Lookup(run)) {
        for (const std::string& p : *w) out->push_back({p, tokens[i].span, weight});
        continue;
      }
      std::vector<size_t> cp = CodePointStarts(run);
      size_t chars = cp.size() - 1;
      // Hiragana alone is mostly grammar (する, ている): a segment needs
      // another letter (kanji, katakana).
      auto kana_only = [&](size_t from, size_t to) {
        for (size_t k = from; k < to; ++k) {
          unsigned char b0 = static_cast<unsigned char>(run[cp[k]]);
          unsigned char b1 = cp[k] + 1 < run.size() ? static_cast<unsigned char>(run[cp[k] + 1]) : 0;
          unsigned char b2 = cp[k] + 2 < run.size() ? static_cast<unsigned char>(run[cp[k] + 2]) : 0;
          // U+3041..U+309F: E3 81 81 .. E3 82 9F
          bool hiragana = b0 == 0xE3 && ((b1 == 0x81 && b2 >= 0x81) || (b1 == 0x82 && b2 <= 0x9F));
          if (!hiragana) return false;
        }
        return true;
      };
      for (size_t a = 0; a + 1 < chars;) {
        size_t found = 0;
        for (size_t len = std::min(kMaxChars, chars - a); len >= 2 && !found; --len) {
          if (kana_only(a, a + len)) continue;
          if (const auto* w = table.Lookup(std::string_view(run).substr(cp[a], cp[a + len] - cp[a]))) {
            // The token's span: a segment has no span of its own in folded text.
            for (const std::string& p : *w) out->push_back({p, tokens[i].span, weight});
            found = len;
          }
        }
        a += found ? found : 1;
      }
      continue;
    }
    if (tokens[i].script == TokenScript::kArabic) {
      for (const std::string& v : ArabicVariants(tokens[i].fold))
        if ((n = match(v)) > 0) break;
      if (n == 0)
        for (const std::string& v : ArabicStems(tokens[i].fold))
          if ((n = match(v)) > 0) break;
    } else {
      n = match(tokens[i].fold);
    }
    if (n == 0 && lang != "en" &&
        (tokens[i].script == TokenScript::kLatin || (translit && tokens[i].script == TokenScript::kOtherCased))) {
      const std::string& ascii = tokens[i].script == TokenScript::kLatin ? tokens[i].fold
                                                                          : translit->ToAscii(tokens[i].fold);
      if (const std::string* p = Cognate(lang, ascii)) out->push_back({*p, tokens[i].span, weight});
    }
    if (n > 1) i += n - 1;
  }
}

}  // namespace storyloom
