// A cheap clock for timing the many short rule tries of a traced pass: the CPU's time-stamp
// counter where there is one (a few ns to read, where steady_clock takes about 20), turned
// into nanoseconds by comparing it with the steady clock over a whole pass (TickSpan).
// Elsewhere the ticks are the steady clock's nanoseconds.
#pragma once
#include <chrono>
#include <cstdint>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#endif

namespace rw {

inline uint64_t read_ticks() {
#if defined(__x86_64__) || defined(__i386__)
  return __rdtsc();
#else
  return uint64_t(std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count());
#endif
}

// Both clocks read at construction; ns_per_tick() reads them again and divides. Over a span
// of microseconds or more the two reads' skew is negligible.
class TickSpan {
 public:
  TickSpan() : start_(std::chrono::steady_clock::now()), start_ticks_(read_ticks()) {}
  double ns_per_tick() const {
    const uint64_t ticks = read_ticks() - start_ticks_;
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start_).count();
    return ticks ? double(ns) / double(ticks) : 1.0;
  }

 private:
  std::chrono::steady_clock::time_point start_;
  uint64_t start_ticks_;
};

}  // namespace rw
