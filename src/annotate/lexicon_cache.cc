// A language's lexicon table kept in storyloom's cache folder
// (base/file_cache.h): reading German FreeDict into its table takes about
// five seconds and English's (five files) about one, at the first text in the
// language of every command; the cached table reads in milliseconds.
//
// The key is the bytes of every file the table is built from (and the
// .dict.dz beside each dictd index), the language, ICU's version (words are
// folded and split by it), the program's build-id (so a table is only ever
// read by the very build that made it: a change to how tables are built
// cannot be served an old one) and kTableVersion.
#include <unicode/uversion.h>

#include <cstring>

#include "annotate/lexicon.h"
#include "base/file_cache.h"

namespace storyloom {

namespace {

constexpr std::string_view kTableVersion = "lexicon-table 1";

void PutU32(std::string* out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>(v >> (8 * i)));
}

void PutString(std::string* out, std::string_view s) {
  PutU32(out, static_cast<uint32_t>(s.size()));
  out->append(s);
}

// Reads what PutU32 and PutString wrote; any read past the end fails the whole.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool done() const { return ok_ && in_.empty(); }
  uint32_t U32() {
    if (in_.size() < 4) return Fail();
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(static_cast<unsigned char>(in_[i])) << (8 * i);
    in_.remove_prefix(4);
    return v;
  }
  std::string String() {
    uint32_t n = U32();
    if (!ok_ || in_.size() < n) return Fail(), std::string();
    std::string s(in_.substr(0, n));
    in_.remove_prefix(n);
    return s;
  }
  // A count of items each at least `min_bytes` long: never more than the bytes left allow.
  uint32_t Count(size_t min_bytes) {
    uint32_t n = U32();
    if (ok_ && static_cast<uint64_t>(n) * min_bytes > in_.size()) return Fail();
    return n;
  }

 private:
  uint32_t Fail() {
    ok_ = false;
    in_ = {};
    return 0;
  }
  std::string_view in_;
  bool ok_ = true;
};

}  // namespace

std::string Lexicon::EncodeTable(const Table& table) {
  std::string out;
  PutU32(&out, static_cast<uint32_t>(table.entries.size()));
  for (const auto& [word, pivots] : table.entries) {
    PutString(&out, word);
    PutU32(&out, static_cast<uint32_t>(pivots.size()));
    for (const std::string& p : pivots) PutString(&out, p);
  }
  auto starts = table.phrase_start_index.Items();
  PutU32(&out, static_cast<uint32_t>(starts.size()));
  for (const auto& [start, value] : starts) PutString(&out, start);
  auto cognates = table.cognates.Items();
  PutU32(&out, static_cast<uint32_t>(cognates.size()));
  for (const auto& [skeleton, index] : cognates) {
    PutString(&out, skeleton);
    PutU32(&out, index);
  }
  PutU32(&out, static_cast<uint32_t>(table.cognate_pivots.size()));
  for (const std::string& p : table.cognate_pivots) PutString(&out, p);
  return out;
}

std::unique_ptr<Lexicon::Table> Lexicon::DecodeTable(std::string_view bytes) {
  Reader in(bytes);
  auto table = std::make_unique<Table>();
  uint32_t n = in.Count(8);
  table->entries.resize(n);
  for (auto& [word, pivots] : table->entries) {
    word = in.String();
    pivots.resize(in.Count(4));
    for (std::string& p : pivots) p = in.String();
  }
  std::vector<std::pair<std::string, uint32_t>> starts(in.Count(4));
  for (auto& [start, value] : starts) start = in.String();
  std::vector<std::pair<std::string, uint32_t>> cognates(in.Count(8));
  for (auto& [skeleton, index] : cognates) {
    skeleton = in.String();
    index = in.U32();
  }
  table->cognate_pivots.resize(in.Count(4));
  for (std::string& p : table->cognate_pivots) p = in.String();
  if (!in.done()) return nullptr;
  for (const auto& [skeleton, index] : cognates)
    if (index >= table->cognate_pivots.size()) return nullptr;
  table->IndexEntries();
  table->phrase_start_index = FlatStringIndex::Build(std::move(starts));
  table->cognates = FlatStringIndex::Build(std::move(cognates));
  return table;
}

namespace {

std::string CacheName(const std::string& lang, const std::vector<std::string>& files) {
  CacheKey key;
  key.Add(kTableVersion).Add(ProgramBuildId()).Add(U_ICU_VERSION).Add(lang);
  for (const std::string& f : files) {
    key.AddFile(f);
    if (f.ends_with(".index")) key.AddFile(f.substr(0, f.size() - std::strlen(".index")) + ".dict.dz");
  }
  return "lexicon-" + lang + "-" + key.Hex() + ".bin";
}

}  // namespace

std::unique_ptr<Lexicon::Table> Lexicon::Build(const std::string& lang, const std::vector<std::string>& files) {
  const std::string name = CacheName(lang, files);
  if (auto cached = ReadCached(name)) {
    if (auto table = DecodeTable(*cached)) return table;
  }
  auto table = BuildFromFiles(lang, files);
  // A dictionary replaced while it was read: the table is not cached under
  // either key.
  if (CacheName(lang, files) == name) WriteCached(name, EncodeTable(*table));
  return table;
}

}  // namespace storyloom
