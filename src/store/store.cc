// The store interface's own code: opening a location with its backend,
// and what the full-text index holds for a document.
#include "storyloom/store.h"

#include "store/sqlite/sqlite_store.h"
#include "store/postgresql/pg_store.h"

namespace storyloom {

Result<std::unique_ptr<Store>> Store::Open(const std::string& location, Mode mode) {
  if (location.starts_with("postgresql://") || location.starts_with("postgres://")) {
    return PgStore::Open(location, mode);
  }
  return SqliteStore::Open(location, mode);
}

SearchTerms SearchTermsOf(const std::vector<Token>& tokens) {
  SearchTerms t;
  for (const Token& tok : tokens) {
    if (tok.is_word || tok.norm.empty()) continue;
    if (!t.norms.empty()) {
      t.norms += ' ';
      t.stems += ' ';
    }
    t.norms += tok.norm;
    t.stems += tok.stem.empty() ? tok.norm : tok.stem;
  }
  return t;
}

}  // namespace storyloom
