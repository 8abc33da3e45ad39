#include "engine/rewrite/tick_clock.h"

namespace rw {

namespace {
using SteadyClock = std::chrono::steady_clock;

// A steady-clock time and a tick count read together: the tick read is bracketed by two
// steady reads and placed at their midpoint. A wide bracket means the thread was interrupted
// between the reads; such a pair is read again (a few times at most).
struct ClockPair {
  SteadyClock::time_point time;
  uint64_t ticks;
};

ClockPair read_clock_pair() {
  constexpr auto kNarrow = std::chrono::nanoseconds(500);
  ClockPair best{};
  SteadyClock::duration best_width = SteadyClock::duration::max();
  for (int attempt = 0; attempt < 16; ++attempt) {
    const auto before = SteadyClock::now();
    const uint64_t ticks = read_ticks();
    const auto after = SteadyClock::now();
    if (after - before < best_width) {
      best_width = after - before;
      best = {before + (after - before) / 2, ticks};
    }
    if (best_width <= kNarrow) break;
  }
  return best;
}

double measure_ns_per_tick() {
#if defined(__x86_64__) || defined(__i386__)
  // Each end is known to within a few dozen ns (the bracket): over 500 us the factor is off
  // by well under 0.1%, far closer than a short pass's own span could give.
  constexpr auto kSpan = std::chrono::microseconds(500);
  const ClockPair start = read_clock_pair();
  ClockPair end = start;
  while (end.time - start.time < kSpan) end = read_clock_pair();
  const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(end.time - start.time).count();
  const uint64_t ticks = end.ticks - start.ticks;
  return ticks ? double(ns) / double(ticks) : 1.0;
#else
  return 1.0;
#endif
}
}  // namespace

double ns_per_tick() {
  static const double factor = measure_ns_per_tick();
  return factor;
}

}  // namespace rw
