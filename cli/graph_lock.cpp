#include "cli/graph_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>
#include <thread>

#include "cli/commands.h"

namespace kg::cli {

namespace {

// Lock files this process holds: a second GraphLock on one of them is a no-op (flock on a
// second descriptor of the same file would wait for ourselves).
std::set<std::string>& held_locks() {
  static std::set<std::string> held;
  return held;
}

std::string lock_path_of(const std::string& graph_path) {
  std::error_code ec;
  std::filesystem::path real = std::filesystem::weakly_canonical(graph_path, ec);
  return (ec ? std::filesystem::path(graph_path) : real).string() + ".lock";
}

// The pid the holder wrote into the lock file, or "" when unreadable.
std::string holder_of(int fd) {
  char buffer[32] = {};
  ssize_t n = ::pread(fd, buffer, sizeof buffer - 1, 0);
  std::string pid(buffer, n > 0 ? static_cast<size_t>(n) : 0);
  while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
  return pid;
}

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", seconds);
  return text;
}

}  // namespace

GraphLock::GraphLock(const std::string& graph_path, double timeout_seconds)
    : lock_path_(lock_path_of(graph_path)) {
  if (held_locks().count(lock_path_)) return;
  fd_ = ::open(lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
  if (fd_ < 0)
    throw UserError(graph_path + ": cannot open its lock file " + lock_path_ + ": " +
                    std::strerror(errno));
  auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_seconds);
  while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) {
      int error = errno;
      ::close(fd_);
      throw UserError(graph_path + ": cannot lock " + lock_path_ + ": " + std::strerror(error));
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      std::string pid = holder_of(fd_);
      ::close(fd_);
      throw UserError(graph_path + ": graph is being written by " +
                      (pid.empty() ? std::string("another process") : "pid " + pid) + " (waited " +
                      seconds_text(timeout_seconds) + " s; --lock-timeout sets how long)");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // Say who holds it, for the message a waiting writer gives.
  std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd_, 0) == 0) {
    ssize_t written = ::pwrite(fd_, pid.data(), pid.size(), 0);
    (void)written;  // best effort: the lock holds without the note
  }
  held_locks().insert(lock_path_);
}

GraphLock::~GraphLock() {
  if (fd_ < 0) return;
  held_locks().erase(lock_path_);
  ::close(fd_);  // releases the flock
}

FileStamp stamp_of(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return {};
  return {true, st.st_dev, st.st_ino, static_cast<int64_t>(st.st_size),
          static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

}  // namespace kg::cli
