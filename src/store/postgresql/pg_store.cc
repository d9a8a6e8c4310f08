#include "store/postgresql/pg_store.h"

namespace storyloom {

Result<std::unique_ptr<Store>> PgStore::Open(const std::string& url, Store::Mode) {
  return Fail("cannot open store " + url + ": this storyloom has no PostgreSQL backend yet", ErrorKind::kUnavailable);
}

}  // namespace storyloom
