// The Indonesian spelling check: the id_ID dictionary (and en_US, so that
// English words are not counted), one checker borrowed from a pool per text.
#include "text/langid_internal.h"

#include <algorithm>
#include <exception>
#include <filesystem>

namespace storyloom::langid_internal {

std::unique_ptr<IndonesianSpelling> IndonesianSpelling::Open(const std::string& dir) {
  if (!HasDictionary(dir, "id_ID")) return nullptr;
  std::unique_ptr<IndonesianSpelling> s(new IndonesianSpelling(dir));
  auto first = s->NewChecker();
  // A dictionary hunspell could not read knows no word at all.
  if (!first || !first->indonesian.spell(std::string("rumah"))) return nullptr;
  s->idle_.push_back(std::move(first));
  return s;
}

IndonesianSpelling::Count IndonesianSpelling::Check(std::string_view line,
                                                    const std::vector<std::pair<uint32_t, uint8_t>>& spans) const {
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

bool IndonesianSpelling::HasDictionary(const std::string& dir, const char* name) {
  std::error_code ec;
  return std::filesystem::is_regular_file(dir + "/" + name + ".aff", ec) &&
         std::filesystem::is_regular_file(dir + "/" + name + ".dic", ec);
}

IndonesianSpelling::IndonesianSpelling(std::string dir)
    : dir_(std::move(dir)), english_(HasDictionary(dir_, "en_US")) {}

std::unique_ptr<IndonesianSpelling::Checker> IndonesianSpelling::NewChecker() const {
  try {
    return std::make_unique<Checker>(dir_, english_);
  } catch (const std::exception&) {
    return nullptr;
  }
}

}  // namespace storyloom::langid_internal
