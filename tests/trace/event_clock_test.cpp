// Event times from the tick counter stay within microseconds of the system clock and never
// go backwards.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "engine/trace/event_clock.h"

namespace rw::trace_detail {
namespace {

int64_t system_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// Generous for a loaded machine; an extrapolation is off by about 100 ns.
constexpr int64_t kSlackNs = 50'000;

TEST(EventClock, StaysWithTheSystemClockAndNeverGoesBack) {
  EventClock clock;
  int64_t last = INT64_MIN;
  // Bursts (extrapolated times) and pauses both shorter and longer than the re-reading span.
  for (int round = 0; round < 40; ++round) {
    for (int i = 0; i < 2000; ++i) {
      const int64_t before = system_ns();
      const int64_t t = clock.now_ns();
      const int64_t after = system_ns();
      ASSERT_GE(t, before - kSlackNs) << "round " << round << " read " << i;
      ASSERT_LE(t, after + kSlackNs) << "round " << round << " read " << i;
      ASSERT_GE(t, last) << "round " << round << " read " << i;
      last = t;
    }
    std::this_thread::sleep_for(std::chrono::microseconds(round % 2 ? 50 : 300));
  }
}

TEST(EventClock, MeasuresSpansLikeTheSystemClock) {
  EventClock clock;
  const int64_t s0 = system_ns(), t0 = clock.now_ns();
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  const int64_t t1 = clock.now_ns(), s1 = system_ns();
  EXPECT_LE(t1 - t0, s1 - s0 + 2 * kSlackNs);
  EXPECT_GE(t1 - t0, 20'000'000 - 2 * kSlackNs);
}

}  // namespace
}  // namespace rw::trace_detail
