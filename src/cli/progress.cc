#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace casus::cli {

Progress::Progress(bool enabled)
    : enabled_(enabled && isatty(STDERR_FILENO)),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

Progress::~Progress() { Finish(); }

void Progress::Update(uint64_t done, uint64_t total, uint64_t docs, uint64_t events) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(100)) return;
  // Only long runs get a bar: wait half a second before drawing.
  if (!drawn_ && now - start_ < std::chrono::milliseconds(500)) return;
  last_ = now;
  drawn_ = true;
  double secs = std::chrono::duration<double>(now - start_).count();
  if (total > 0) {
    double frac = double(done) / double(total);
    if (frac > 1) frac = 1;
    int filled = int(frac * 30);
    char bar[31];
    for (int i = 0; i < 30; ++i) bar[i] = i < filled ? '#' : '-';
    bar[30] = 0;
    std::fprintf(stderr, "\r[%s] %5.1f%%  %llu docs  %llu events  %.0f docs/s ", bar, frac * 100,
                 (unsigned long long)docs, (unsigned long long)events, docs / (secs > 0 ? secs : 1));
  } else {
    std::fprintf(stderr, "\r%llu docs  %llu events  %.0f docs/s ", (unsigned long long)docs,
                 (unsigned long long)events, docs / (secs > 0 ? secs : 1));
  }
  std::fflush(stderr);
}

void Progress::Finish() {
  if (enabled_ && drawn_) {
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
    drawn_ = false;
  }
}

}  // namespace casus::cli
