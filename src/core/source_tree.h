// Where a binary's data is: the share folder it was installed with, and the
// source tree its build came from. An installed binary reads its share
// folder even when that source tree still exists; a binary in a build folder
// has none and reads the source tree (resources, the web page, the
// evaluation peers). Only resources.cc is compiled with the source tree's
// path, so a checkout in another folder shares every other object's compile
// command.
#ifndef STORYLOOM_CORE_SOURCE_TREE_H_
#define STORYLOOM_CORE_SOURCE_TREE_H_

#include <string>

namespace storyloom {

// The source tree's resources/ folder, or "" when the build has none.
std::string SourceTreeResources();

// ../share/storyloom beside the running binary, whether or not it exists.
std::string InstalledShare();

}  // namespace storyloom

#endif  // STORYLOOM_CORE_SOURCE_TREE_H_
