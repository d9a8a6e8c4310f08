// The PostgreSQL backend's advisory lock keys. A lock is (class, schema):
// the class says which lock, the schema key (hashtext of the schema the
// store's tables live in) keeps two stores in one database apart.
#ifndef STORYLOOM_STORE_POSTGRESQL_PG_KEYS_H_
#define STORYLOOM_STORE_POSTGRESQL_PG_KEYS_H_

#include <cstdint>

namespace storyloom::pg {

// The store's write lock: one writer at a time ('STLW').
inline constexpr int32_t kWriteLockKey = 0x53544C57;
// Creating or migrating the schema ('STLM').
inline constexpr int32_t kMigrateLockKey = 0x53544C4D;

}  // namespace storyloom::pg

#endif  // STORYLOOM_STORE_POSTGRESQL_PG_KEYS_H_
