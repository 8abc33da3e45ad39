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

// A tick read taken before a lock is converted once the lock is held (ns_at): a read from
// before the clock's latest anchor must neither go back in time nor jump ahead.
TEST(EventClock, ConvertsReadsTakenBeforeTheLatestAnchor) {
  EventClock clock;
  int64_t last = INT64_MIN;
  for (int round = 0; round < 20; ++round) {
    const uint64_t early = read_ticks();
    const int64_t before = system_ns();
    // Long enough for the clock to re-anchor before the early read is converted.
    std::this_thread::sleep_for(std::chrono::microseconds(2 * EventClock::kReanchorNs / 1000));
    const int64_t late = clock.now_ns();
    ASSERT_GE(late, last);
    const int64_t t = clock.ns_at(early);
    const int64_t after = system_ns();
    ASSERT_GE(t, late) << "round " << round;  // never before a time already given out
    ASSERT_GE(t, before - kSlackNs) << "round " << round;
    ASSERT_LE(t, after + kSlackNs) << "round " << round;
    last = t;
  }
}

}  // namespace
}  // namespace rw::trace_detail
