// Resources: models and tables loaded once, immutable, passed by const
// reference to the stages that read them. No globals, no lazy singletons.
#ifndef STORYLOOM_RESOURCES_H_
#define STORYLOOM_RESOURCES_H_

#include <memory>
#include <string>

#include "storyloom/langid.h"
#include "storyloom/status.h"

namespace storyloom {

class ChromeTable;
class DatelineTable;

struct ResourcePaths {
  std::string dir;           // the resources folder
  std::string langid_model;  // lid.176.ftz
};

// Where resources are, in order: explicit arguments (CLI flags), the environment
// (STORYLOOM_RESOURCES, STORYLOOM_LANGID_MODEL), ../share/storyloom beside the
// binary when it exists (installed), then the source tree the binary was built from.
ResourcePaths FindResources(const std::string& dir_flag, const std::string& model_flag);

class Resources {
 public:
  // Fails with a message that names the missing file and how to get it.
  static Result<std::unique_ptr<Resources>> Load(const ResourcePaths& paths);
  ~Resources();

  const LanguageIdentifier& langid() const { return *langid_; }
  const ChromeTable& chrome() const { return *chrome_; }
  const DatelineTable& datelines() const { return *datelines_; }
  const ResourcePaths& paths() const { return paths_; }

 private:
  Resources() = default;
  ResourcePaths paths_;
  std::unique_ptr<LanguageIdentifier> langid_;
  std::unique_ptr<ChromeTable> chrome_;
  std::unique_ptr<DatelineTable> datelines_;
};

}  // namespace storyloom

#endif  // STORYLOOM_RESOURCES_H_
