// The web page's static files, served from one folder and never from outside
// it: a request path is refused when it has a parent or hidden segment, a
// backslash or a control byte, and what it names must canonicalise (links
// resolved) to a regular file inside the folder.
#ifndef STORYLOOM_SERVE_STATIC_FILES_H_
#define STORYLOOM_SERVE_STATIC_FILES_H_

#include <optional>
#include <string>

namespace storyloom {

struct StaticFile {
  std::string content_type;
  std::string bytes;
};

class StaticFiles {
 public:
  // `root` must exist; it is canonicalised once.
  explicit StaticFiles(const std::string& root);

  // The file for a decoded URL path ("/" is /index.html); nullopt when the
  // path is refused or names no file.
  std::optional<StaticFile> Find(const std::string& url_path) const;

  const std::string& root() const { return root_; }

 private:
  std::string root_;
};

// The folder of the web page: `flag`, else $STORYLOOM_WEB, else
// ../share/storyloom/web beside the binary (an installed binary), else web/ in
// the source tree the binary was built from. Empty when none exists.
std::string FindWebRoot(const std::string& flag);

// A MIME type by file extension (application/octet-stream when unknown).
std::string ContentTypeFor(const std::string& path);

}  // namespace storyloom

#endif  // STORYLOOM_SERVE_STATIC_FILES_H_
