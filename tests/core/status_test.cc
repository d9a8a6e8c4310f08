// Failures carry a kind beside their message, and keep it through context.
#include "storyloom/status.h"

#include <gtest/gtest.h>

namespace storyloom {
namespace {

Result<int> Lookup(bool found) {
  if (!found) return Fail("no story with id 7", ErrorKind::kNotFound);
  return 7;
}

TEST(StatusTest, AFailureKeepsItsKindThroughContext) {
  EXPECT_TRUE(Status::Ok().ok());
  EXPECT_EQ(Status::Ok().kind(), ErrorKind::kNone);
  EXPECT_EQ(Status::Error("disk on fire").kind(), ErrorKind::kInternal);
  Status busy = Status::Unavailable("database is locked").Prefixed("store x.db: ");
  EXPECT_EQ(busy.kind(), ErrorKind::kUnavailable);
  EXPECT_EQ(busy.message(), "store x.db: database is locked");
  auto r = Lookup(false);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().kind(), ErrorKind::kNotFound);
  EXPECT_EQ(*Lookup(true), 7);
  EXPECT_EQ(Status::Error("x", ErrorKind::kNone).kind(), ErrorKind::kInternal);  // a failure is never "none"
}

}  // namespace
}  // namespace storyloom
