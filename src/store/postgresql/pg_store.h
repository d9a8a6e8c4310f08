// The PostgreSQL backend: one database shared by many ingest processes on
// many machines and many read-only servers.
#ifndef STORYLOOM_STORE_POSTGRESQL_PG_STORE_H_
#define STORYLOOM_STORE_POSTGRESQL_PG_STORE_H_

#include <memory>
#include <string>

#include "storyloom/store.h"

namespace storyloom {

class PgStore {
 public:
  // Connects to `url` (postgresql://...) and migrates its schema.
  static Result<std::unique_ptr<Store>> Open(const std::string& url, Store::Mode mode);
};

}  // namespace storyloom

#endif  // STORYLOOM_STORE_POSTGRESQL_PG_STORE_H_
