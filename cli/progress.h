// Progress of long work on stderr: done/total, rate and time left, redrawn on one line. Shown
// only when stderr is a terminal, so pipes, logs and CI stay quiet.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>

namespace kg::cli {

class Progress {
 public:
  // `total` items of `what` ("documents"); the rate counts `unit` ("words") per second.
  Progress(size_t total, std::string what, std::string unit);
  // One more item done, which held `amount` units.
  void step(size_t amount);
  // Part of an item is done (0..1): a long document read a window at a time. Any thread.
  void partial(double fraction);
  size_t amount() const { return amount_; }
  double seconds() const;

 private:
  void draw(std::chrono::steady_clock::time_point now);

  std::mutex mutex_;
  size_t total_, done_ = 0, amount_ = 0;
  double fraction_ = 0;  // of the item being read, when it reports it
  std::string what_, unit_;
  bool on_, shown_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point drawn_{};
};

// "1 h 02 min", "3 min 05 s", "42 s".
std::string format_duration(double seconds);

}  // namespace kg::cli
