// Places: territory and city names in every CLDR locale, mapped to one key.
//
// Countries come from ICU's display names (every available language, every
// ISO region code) and give `geo:CC`. Cities come from ICU's time-zone
// exemplar cities (every canonical zone outside Antarctica and Etc) and give
// `geo:CC:<english name, ascii, '_' for spaces>` plus a weaker `geo:CC`.
// resources/anchors/places_extra.tsv adds press forms CLDR lacks, and
// resources/anchors/aliases.tsv (same shape, any key: `ar إيكواس acr:ECOWAS`)
// adds names of organisations and people; both are read as extra tables.
//
// Names are stored as their folded token sequences (see anchors_text.h) and
// matched longest first. A name is accepted in a text when it belongs to the
// text's own language (or to the extra table for every language `*`); a name
// from another language is accepted only in a cased script, capitalised, and
// four folded letters or longer (`Russia` in an Indonesian text), neither
// opening a sentence nor a common word of the text's language when it is one
// word, so short
// names and uncased scripts never match across languages by accident.
// In a run of an uncased script (Japanese, Chinese: no spaces between
// words), the language's own names are also found inside the run.
#ifndef STORYLOOM_ANNOTATE_PLACES_H_
#define STORYLOOM_ANNOTATE_PLACES_H_

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "annotate/anchors_index.h"
#include "annotate/anchors_text.h"
#include "storyloom/annotation.h"

namespace storyloom {

class PlaceTable {
 public:
  // Builds the ICU tables, then reads each extra table that exists
  // (lines `lang<TAB>name<TAB>key`, lang `*` for every language,
  // `#` comments; a `geo:CC:city` key also gives a weak `geo:CC`).
  static PlaceTable Build(const std::vector<std::string>& extra_paths);

  // Appends the places among tokens (of a text in lang) to out; marks the
  // tokens used in used (same size as tokens).
  // is_common (may be empty) tells the language's common words: a name
  // from another language is not taken where it is one (Indonesian `Kata`).
  void Find(const std::vector<AnchorToken>& tokens, const std::string& lang,
            const std::function<bool(const std::string&, const std::string&)>& is_common, std::vector<Anchor>* out,
            std::vector<bool>* used) const;

  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::string key;              // geo:CC or geo:CC:city
    std::string country;          // for cities: geo:CC, else empty
    std::vector<uint16_t> langs;  // language ids that name it so; empty = every language
    bool every_lang = false;
  };
  void Add(const std::string& lang, std::string_view name, const std::string& key, const std::string& country,
           bool every_lang);
  // Moves the names gathered by Add into the flat indexes used by Find.
  void Freeze();
  uint16_t LangId(const std::string& lang);
  bool Accept(const Entry& e, int lang_id, const std::vector<AnchorToken>& tokens, size_t i, size_t n,
              size_t folded_len) const;
  void FindInRun(const AnchorToken& t, int lang_id, std::vector<Anchor>* out) const;

  // While building only: folded phrase -> entry, and first folded token ->
  // the token counts of the names it starts (bit n-1 for n tokens).
  std::unordered_map<std::string, Entry> names_;
  std::unordered_map<std::string, uint64_t> starts_;
  // Frozen: one look-up per capitalised token tells which phrase lengths
  // can match at all (most tokens start no name: one miss, then done).
  std::vector<Entry> entries_;
  FlatStringIndex index_;         // folded phrase -> index into entries_
  FlatStringIndex start_lengths_;  // first folded token -> index into lengths_
  std::vector<uint64_t> lengths_;
  std::unordered_map<std::string, uint16_t> lang_ids_;
};

}  // namespace storyloom

#endif  // STORYLOOM_ANNOTATE_PLACES_H_
