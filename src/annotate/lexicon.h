// Bilingual lexicons to an English pivot: `lex:<stem>` keys.
//
// Read formats, chosen by file name:
// - dictd files from FreeDict (`freedict-ara-eng.index` with its
//   `.dict.dz` beside it): X-eng entries give each X headword the English
//   word on its first definition lines; eng-X entries give each X
//   word on the first definition line its English headword.
// - Wiktionary tab files (`Indonesian-English_...tsv`, `Vietnamese-...`,
//   `Arabic-...`): `word|variants<TAB>html`; the first two short glosses
//   of the first sense (`to ` and articles dropped) are the pivots.
// A directory is scanned for such files. Missing paths are skipped silently.
// A file's language is in its name (`ara`, `Indonesian`), read through ICU's
// CLDR data (text/language_codes.h): a new language is a new file.
//
// Look-up beyond the exact folded word: inflected forms through the
// language's Snowball stem (or, without one, the first six letters) of
// both the word and the headwords; Japanese and Chinese runs, which have no
// spaces, by greedy longest known words; and cognates: a word of a cased
// script that no lexicon knows takes the pivot of the one English word of
// its language's lexicons, if exactly one, with its consonant skeleton
// (`gouvernement` -> govern, `президент` -> president), words of 6+ letters
// and skeletons of 4+ consonants only.
//
// Pivots are English words lower-cased and Snowball-stemmed (`withdrawals`
// -> `withdraw`), so both directions and English text meet on one form; a
// stop list of English function words never becomes a pivot. English text
// itself maps each English word of its own lexicons (for the default ones,
// the rows marked `en` in resources/lexicons/lexicons.tsv) to its stem.
//
// A language's files are read when a text in it is first looked up, not at
// start: a command that cannot know its languages beforehand pays only for
// those that turn up. A table once built is kept in storyloom's cache folder
// (lexicon_cache.h), keyed by the bytes of the files it was built from, so
// the next command reads it in milliseconds instead of parsing dictionaries
// for seconds (German FreeDict alone takes about 5 s).
// Foreign words are folded as in anchors_text.h (Arabic without `ال`); a
// word keeps its first pivot only (on NTREX ind/arb, three pivots a word
// made unrelated articles meet half again as often for no gain on true
// translations), and phrases have up to three words.
#ifndef STORYLOOM_ANNOTATE_LEXICON_H_
#define STORYLOOM_ANNOTATE_LEXICON_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "annotate/anchors_index.h"
#include "annotate/anchors_text.h"
#include "annotate/names.h"
#include "storyloom/annotation.h"

namespace storyloom {

class Lexicon {
 public:
  // Indexes the files by language; a language's files are read on its first
  // look-up (the first document in it), on whichever thread asks, once.
  // languages: the text languages that may be looked up (ISO 639-1); a
  // language outside them reads no file. Empty: any. English text meets the
  // pivots through the English words of english_paths alone (null: of all
  // paths), so that an English text's pivots never depend on which other
  // languages came first.
  static Lexicon Load(const std::vector<std::string>& paths, const std::vector<std::string>& languages = {},
                      const std::vector<std::string>* english_paths = nullptr);

  Lexicon();
  Lexicon(Lexicon&&) noexcept;
  Lexicon& operator=(Lexicon&&) noexcept;
  ~Lexicon();

  // Reads the files of these languages now (empty: of every language).
  void Preload(const std::vector<std::string>& languages = {}) const;
  // Languages whose files have been read.
  std::vector<std::string> Loaded() const;

  // Pivot keys ("lex:<stem>") of a folded word or phrase (words joined by
  // spaces) in lang; null when unknown.
  const std::vector<std::string>* Pivots(const std::string& lang, const std::string& folded) const;
  // Known as it is or, in a language with a stemmer, by its stem (German
  // capitalises nouns: `Regierungen` is a word, not a name).
  bool Knows(const std::string& lang, const std::string& folded) const;
  bool empty() const { return langs_.empty(); }
  size_t size(const std::string& lang) const;

  // Appends `lex:` anchors (weight) for the tokens not yet used. A word
  // the lexicon does not know, in a cased script, may still be a cognate of
  // an English word (translit gives other scripts' ASCII form).
  void Find(const std::vector<AnchorToken>& tokens, const std::string& lang, float weight, std::vector<Anchor>* out,
            const std::vector<bool>& used, const Transliterations* translit = nullptr) const;

  // The pivot of an English word with the consonant skeleton of an ASCII
  // word (names.h NameSkeleton), when exactly one English word of lang's
  // lexicons has it: `gouvernement`, `government` -> lex:govern.
  const std::string* Cognate(const std::string& lang, const std::string& ascii) const;

 private:
  // Words are gathered in a hash map while loading, then frozen into a flat
  // open-addressing index (one probe array of 64-bit hashes): a look-up costs
  // about one cache miss, which matters at one look-up per token.
  struct Table {
    std::unordered_map<std::string, std::vector<std::string>> words;        // loading only
    std::vector<std::pair<std::string, std::vector<std::string>>> entries;  // pivots as "lex:<stem>"
    std::vector<uint64_t> slots;                                            // hash | 1, 0 = empty
    std::vector<uint32_t> slot_entry;                                       // index into entries
    std::unordered_set<std::string> phrase_starts;  // loading only
    FlatStringIndex phrase_start_index;              // the same, frozen
    FlatStringIndex cognates;                        // skeleton -> index into cognate_pivots
    std::vector<std::string> cognate_pivots;         // "lex:<stem>"
    void Freeze();
    // The probe array over `entries`, in their order (Freeze, and a table
    // read back from the cache).
    void IndexEntries();
    const std::vector<std::string>* Lookup(std::string_view key) const;
  };
  // One language's files and, once read, its frozen table. The table is
  // built under `once` and published through `ready` (release/acquire):
  // after that a look-up takes no lock.
  struct Language {
    std::vector<std::string> files;
    std::once_flag once;
    std::atomic<const Table*> ready{nullptr};
    std::unique_ptr<Table> table;
  };
  class Builder;
  // The language's table, read on first use; null when it has no files.
  const Table* Get(const std::string& lang) const;
  // From the table cache (lexicon_cache.cc) when it holds one made from
  // these very files, else built from them and cached.
  static std::unique_ptr<Table> Build(const std::string& lang, const std::vector<std::string>& files);
  static std::unique_ptr<Table> BuildFromFiles(const std::string& lang, const std::vector<std::string>& files);
  // The cache's encoding of a frozen table, and back (null: not a table).
  static std::string EncodeTable(const Table& table);
  static std::unique_ptr<Table> DecodeTable(std::string_view bytes);

  // Fixed by Load: look-ups on many threads only read the map.
  std::unordered_map<std::string, std::unique_ptr<Language>> langs_;
};

}  // namespace storyloom

#endif  // STORYLOOM_ANNOTATE_LEXICON_H_
