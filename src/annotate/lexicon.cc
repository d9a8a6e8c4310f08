#include "annotate/lexicon.h"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <unordered_set>

#include "annotate/lexicon_internal.h"
#include "text/language_codes.h"

namespace storyloom {

namespace lexicon_internal {

std::string LangOf3(const std::string& code) { return IsoLanguage(code); }

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

}  // namespace lexicon_internal

using namespace lexicon_internal;  // NOLINT: the lexicon's own limits and helpers

namespace {

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

}  // namespace storyloom
