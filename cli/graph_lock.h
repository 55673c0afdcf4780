// One writer per graph file at a time: the lock a command holds across its read-modify-write,
// and the stamp that tells a session its file was replaced by someone else since it was loaded.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>

namespace kg::cli {

// How long a writer waits for another one by default (--lock-timeout).
inline constexpr double kDefaultLockTimeout = 5.0;

// An exclusive advisory lock (flock) on "<graph>.lock" beside the graph file (through a symlinked
// path, beside its target). Two writers that both loaded the old graph would each save their own
// change over it and one would be lost; with the lock the second waits until the first has saved,
// then reads the new graph. Readers take no lock: a save replaces the file whole by a rename.
// Waits up to `timeout_seconds`, then throws UserError "graph is being written by pid N".
// Re-entrant within a process (kg query holds it and its session saves under it). The lock
// file is left in place: removing it would let a third writer lock a different file.
class GraphLock {
 public:
  GraphLock(const std::string& graph_path, double timeout_seconds);
  ~GraphLock();
  GraphLock(const GraphLock&) = delete;
  GraphLock& operator=(const GraphLock&) = delete;

 private:
  std::string lock_path_;
  int fd_ = -1;  // -1 when this process already held the lock
};

// What a save changes about a file: it is replaced (new inode) or rewritten (size, time).
struct FileStamp {
  bool exists = false;
  dev_t device = 0;
  ino_t inode = 0;
  int64_t size = 0;
  int64_t modified_ns = 0;
  bool operator==(const FileStamp&) const = default;
};
FileStamp stamp_of(const std::string& path);

}  // namespace kg::cli
