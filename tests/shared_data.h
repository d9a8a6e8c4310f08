// Where the public labelled data lives for tests: beside the checkout, never
// copied into it (see ../shared/data/README.md). Tests that need it skip,
// saying so, when it is absent.
#ifndef STORYLOOM_TESTS_SHARED_DATA_H_
#define STORYLOOM_TESTS_SHARED_DATA_H_

#include <filesystem>
#include <string>

namespace storyloom::testing {

// ../shared: seeds/ and data/.
inline std::string SharedDir() {
  return (std::filesystem::path(STORYLOOM_SOURCE_DIR) / ".." / "shared").lexically_normal().string();
}

inline std::filesystem::path SharedData() { return std::filesystem::path(SharedDir()) / "data"; }

}  // namespace storyloom::testing

#define SKIP_WITHOUT(path)                   \
  if (!std::filesystem::exists(path))        \
  GTEST_SKIP() << "no " << (path) << " (../shared/data absent: public data not installed)"

#endif  // STORYLOOM_TESTS_SHARED_DATA_H_
