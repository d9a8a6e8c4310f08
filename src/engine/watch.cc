#include "storyloom/watch.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <map>

namespace storyloom {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

// Names of files still being written by their makers, by the usual
// conventions; they are taken once renamed.
bool Ignored(const std::string& name) {
  if (name.empty() || name[0] == '.') return true;
  for (const char* tail : {".part", ".partial", ".tmp", ".crdownload", ".download", ".open", ".swp", "~"}) {
    if (name.ends_with(tail)) return true;
  }
  return false;
}

struct Pending {
  Clock::time_point last_change;
  uintmax_t size = 0;
  fs::file_time_type mtime;
  // Opened for writing (created or modified) and not closed since: a
  // writer that pauses (a slow download, a crawler between two pages) has
  // not finished, however long the pause.
  bool writing = false;
  // After a failed ingest, not before this.
  Clock::time_point retry_at{};
};

class Watcher {
 public:
  Watcher(int fd, const IssueSink& on_issue, std::vector<std::string> ignore)
      : fd_(fd), on_issue_(on_issue), ignore_(std::move(ignore)) {}

  // Watches `dir` and the folders under it, and takes their files as
  // changed now.
  void AddTree(const fs::path& dir) {
    AddDir(dir);
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      std::string name = it->path().filename().string();
      std::error_code e;
      if (it->is_directory(e)) {
        if (Ignored(name)) {
          it.disable_recursion_pending();
        } else {
          AddDir(it->path());
        }
      } else if (!Ignored(name) && it->is_regular_file(e)) {
        Touch(it->path(), /*writing=*/false);
      }
    }
  }

  // Reads what inotify has; false when the watched folder itself is gone.
  bool ReadEvents() {
    alignas(inotify_event) char buf[64 * 1024];
    for (;;) {
      ssize_t n = ::read(fd_, buf, sizeof buf);
      if (n <= 0) return true;
      for (char* p = buf; p < buf + n;) {
        auto* ev = reinterpret_cast<inotify_event*>(p);
        p += sizeof(inotify_event) + ev->len;
        if (ev->mask & IN_Q_OVERFLOW) {
          // Events were lost: look at everything again (ingest skips, by
          // content, what is stored already).
          for (const auto& [wd, dir] : dirs_) roots_.push_back(dir);
          continue;
        }
        auto dir = dirs_.find(ev->wd);
        if (dir == dirs_.end()) continue;
        if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF)) {
          if (dir->second == top_) return false;
          continue;
        }
        if (ev->mask & IN_IGNORED) {
          dirs_.erase(dir);
          continue;
        }
        std::string name = ev->len ? ev->name : "";
        if (Ignored(name)) continue;
        fs::path full = dir->second / name;
        if (ev->mask & IN_ISDIR) {
          if (ev->mask & (IN_CREATE | IN_MOVED_TO)) roots_.push_back(full);
        } else if (ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) {
          Touch(full, /*writing=*/false);
        } else if (ev->mask & IN_MODIFY) {
          Touch(full, /*writing=*/true);
        } else if (ev->mask & IN_CREATE) {
          // A writer creates its file empty; a link (ln, ln -s) to a whole
          // file is made with its content and never closed after writing.
          std::error_code ec;
          Touch(full, /*writing=*/fs::file_size(full, ec) == 0 && !ec);
        }
      }
    }
  }

  void ScanNewFolders() {
    std::vector<fs::path> roots;
    roots.swap(roots_);
    for (const fs::path& r : roots) AddTree(r);
  }

  // Files unchanged for `settle`, in name order; forgets them. A file that
  // changed since it was last seen waits again; one that is gone is dropped.
  std::vector<std::string> Settled(Clock::duration settle, Clock::time_point* last_settled) {
    std::vector<std::string> out;
    auto now = Clock::now();
    for (auto it = pending_.begin(); it != pending_.end();) {
      if (it->second.writing || now - it->second.last_change < settle || now < it->second.retry_at) {
        ++it;
        continue;
      }
      std::error_code ec;
      uintmax_t size = fs::file_size(it->first, ec);
      if (ec) {
        it = pending_.erase(it);  // gone (or not a file any more)
        continue;
      }
      fs::file_time_type mtime = fs::last_write_time(it->first, ec);
      if (size != it->second.size || mtime != it->second.mtime) {
        it->second.last_change = now;
        it->second.size = size;
        it->second.mtime = mtime;
        ++it;
        continue;
      }
      *last_settled = std::max(*last_settled, it->second.last_change + settle);
      out.push_back(it->first.string());
      it = pending_.erase(it);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  void set_top(const fs::path& top) { top_ = top; }

  // Files whose ingest failed wait `delay` and are tried again (unless
  // they change, or are closed, in between: then as usual).
  void Retry(const std::vector<std::string>& files, Clock::duration delay) {
    auto now = Clock::now();
    for (const std::string& f : files) {
      std::error_code ec;
      Pending p;
      p.last_change = now;
      p.size = fs::file_size(f, ec);
      if (ec) continue;
      p.mtime = fs::last_write_time(f, ec);
      p.retry_at = now + delay;
      pending_.emplace(f, p);
    }
  }

 private:
  void AddDir(const fs::path& dir) {
    int wd = inotify_add_watch(fd_, dir.c_str(),
                               IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MODIFY | IN_DELETE_SELF | IN_MOVE_SELF |
                                   IN_ONLYDIR);
    if (wd < 0) {
      if (on_issue_) on_issue_({dir.string(), 0, std::string("cannot watch: ") + std::strerror(errno), false});
      return;
    }
    dirs_[wd] = dir;
  }

  void Touch(const fs::path& file, bool writing) {
    // The store's own files (a store kept inside the watched folder) are
    // never input.
    std::string whole = fs::absolute(file).lexically_normal().string();
    for (const std::string& prefix : ignore_) {
      if (whole.starts_with(prefix)) return;
    }
    std::error_code ec;
    Pending p;
    p.last_change = Clock::now();
    p.size = fs::file_size(file, ec);
    if (ec) return;
    p.mtime = fs::last_write_time(file, ec);
    p.writing = writing;
    pending_[file] = p;
  }

  int fd_;
  const IssueSink& on_issue_;
  std::vector<std::string> ignore_;
  fs::path top_;
  std::map<int, fs::path> dirs_;
  std::map<fs::path, Pending> pending_;
  std::vector<fs::path> roots_;
};

struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

Status WatchFolder(Engine& engine, const std::string& dir, const WatchOptions& options,
                   const std::function<bool()>& stop, const IssueSink& on_issue,
                   const std::function<void(const WatchRound&)>& on_round) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::InvalidArgument(dir + ": not a folder (--watch takes the folder files are dropped into)");
  Fd fd{inotify_init1(IN_NONBLOCK | IN_CLOEXEC)};
  if (fd.fd < 0) return Status::Error(std::string("cannot watch ") + dir + ": " + std::strerror(errno));
  std::vector<std::string> ignore;
  for (const std::string& p : options.ignore_prefixes) {
    if (!p.empty()) ignore.push_back(fs::absolute(p).lexically_normal().string());
  }
  Watcher w(fd.fd, on_issue, std::move(ignore));
  fs::path top = fs::path(dir).lexically_normal();
  w.set_top(top);
  // Watch first, then look: a file arriving in between is seen at least
  // once, and ingest stores each content once.
  w.AddTree(top);
  auto settle = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options.settle_seconds));
  int poll_ms = std::max(10, static_cast<int>(options.poll_seconds * 1000));
  Clock::duration backoff = Clock::duration::zero();
  while (!stop()) {
    pollfd p{fd.fd, POLLIN, 0};
    ::poll(&p, 1, poll_ms);
    if (!w.ReadEvents()) return Status::Error(dir + ": the watched folder was removed or moved");
    w.ScanNewFolders();
    Clock::time_point settled_at{};
    std::vector<std::string> files = w.Settled(settle, &settled_at);
    if (files.empty()) continue;
    auto report = engine.Ingest(files, options.ingest, on_issue);
    if (!report) {
      // The store is busy (another writer past the wait) or failing: the
      // files are stored whole or not at all, so they are tried again,
      // later and later, and the watch goes on.
      backoff = std::min(std::max(2 * backoff, Clock::duration(std::chrono::seconds(1))),
                         Clock::duration(std::chrono::seconds(60)));
      if (on_issue) {
        on_issue({files.size() == 1 ? files[0] : dir, 0,
                  report.error().message() + "; " + std::to_string(files.size()) + " file(s) tried again in " +
                      std::to_string(std::chrono::duration_cast<std::chrono::seconds>(backoff).count()) + " s",
                  false});
      }
      w.Retry(files, backoff);
      continue;
    }
    backoff = Clock::duration::zero();
    if (on_round) {
      WatchRound round;
      round.files = std::move(files);
      round.report = *report;
      round.seconds_since_settled = std::chrono::duration<double>(Clock::now() - settled_at).count();
      on_round(round);
    }
  }
  return Status();
}

}  // namespace storyloom
