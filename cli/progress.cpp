#include "cli/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>

namespace kg::cli {

Progress::Progress(size_t total, std::string what, std::string unit)
    : total_(total),
      what_(std::move(what)),
      unit_(std::move(unit)),
      on_(::isatty(2) && total > 1) {}

double Progress::seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void Progress::step(size_t amount) {
  ++done_;
  amount_ += amount;
  if (!on_) return;
  auto now = std::chrono::steady_clock::now();
  // At most ten redraws a second, and always the last one.
  if (done_ < total_ && now - drawn_ < std::chrono::milliseconds(100)) return;
  drawn_ = now;
  const double elapsed = std::max(seconds(), 1e-6);
  const int filled = static_cast<int>(30.0 * done_ / total_);
  std::cerr << "\r[" << std::string(filled, '#') << std::string(30 - filled, ' ') << "] " << done_
            << "/" << total_ << " " << what_ << ", " << static_cast<long>(amount_ / elapsed) << " "
            << unit_ << "/s";
  if (done_ < total_)
    std::cerr << ", " << format_duration(elapsed / done_ * (total_ - done_)) << " left   ";
  else
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
