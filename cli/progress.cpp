#include "cli/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>

namespace kg::cli {

Progress::Progress(size_t total, std::string what, std::string unit)
    : total_(total), what_(std::move(what)), unit_(std::move(unit)), on_(::isatty(2)) {}

double Progress::seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void Progress::step(size_t amount) {
  std::lock_guard lock(mutex_);
  ++done_;
  amount_ += amount;
  fraction_ = 0;
  // One short document needs no bar; a long one has shown it through partial().
  if (!on_ || (total_ <= 1 && !shown_)) return;
  auto now = std::chrono::steady_clock::now();
  // At most ten redraws a second, and always the last one.
  if (done_ < total_ && now - drawn_ < std::chrono::milliseconds(100)) return;
  draw(now);
}

void Progress::partial(double fraction) {
  std::lock_guard lock(mutex_);
  fraction_ = std::clamp(fraction, 0.0, 1.0);
  auto now = std::chrono::steady_clock::now();
  if (!on_ || done_ >= total_ || now - drawn_ < std::chrono::milliseconds(100)) return;
  draw(now);
}

void Progress::draw(std::chrono::steady_clock::time_point now) {
  drawn_ = now;
  shown_ = true;
  const double elapsed = std::max(seconds(), 1e-6);
  const double done = std::min<double>(total_, done_ + fraction_);
  const int filled = total_ == 0 ? 30 : static_cast<int>(30.0 * done / total_);
  std::cerr << "\r[" << std::string(filled, '#') << std::string(30 - filled, ' ') << "] " << done_
            << "/" << total_ << " " << what_;
  if (done_ < total_ && fraction_ > 0)
    std::cerr << " (" << static_cast<int>(100 * fraction_) << "% of the next)";
  if (amount_ > 0)
    std::cerr << ", " << static_cast<long>(amount_ / elapsed) << " " << unit_ << "/s";
  if (done_ < total_ && done > 0)
    std::cerr << ", " << format_duration(elapsed / done * (total_ - done)) << " left   ";
  else if (done_ >= total_)
    std::cerr << " in " << format_duration(elapsed) << "          \n";
  std::cerr << std::flush;
}

std::string format_duration(double seconds) {
  long s = static_cast<long>(seconds + 0.5);
  char text[32];
  if (s >= 3600)
    std::snprintf(text, sizeof text, "%ld h %02ld min", s / 3600, s / 60 % 60);
  else if (s >= 60)
    std::snprintf(text, sizeof text, "%ld min %02ld s", s / 60, s % 60);
  else
    std::snprintf(text, sizeof text, "%ld s", s);
  return text;
}

}  // namespace kg::cli
