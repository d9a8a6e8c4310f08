// The source tree a build came from, for the tools that run beside it:
// resources, the web page and the evaluation peers are found there before
// the installed copies. Only resources.cc is compiled with the path, so a
// checkout in another folder shares every other object's compile command.
#ifndef STORYLOOM_CORE_SOURCE_TREE_H_
#define STORYLOOM_CORE_SOURCE_TREE_H_

#include <string>

namespace storyloom {

// The source tree's resources/ folder, or "" when the build has none.
std::string SourceTreeResources();

}  // namespace storyloom

#endif  // STORYLOOM_CORE_SOURCE_TREE_H_
