// A progress bar on stderr, drawn only when stderr is a terminal.
#pragma once

#include <chrono>
#include <cstdint>

namespace casus::cli {

class Progress {
 public:
  explicit Progress(bool enabled);
  ~Progress();
  // Redraws at most every 100 ms. `total` may be 0 when unknown.
  void Update(uint64_t done_bytes, uint64_t total_bytes, uint64_t docs, uint64_t events);
  void Finish();

 private:
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace casus::cli
