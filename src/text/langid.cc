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

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <spanstream>

#include "text/langid_internal.h"

namespace storyloom {

using namespace langid_internal;  // NOLINT: the identifier's own weights and tables

namespace {

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

}  // namespace

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
