// The tick clock of traced passes: its nanoseconds agree with the steady clock, and a traced
// pass's step durations and rule times, kept in ticks, come out in honest nanoseconds.
#include <gtest/gtest.h>

#include <chrono>

#include "engine/ir/arena.h"
#include "engine/rewrite/graph_rewrite.h"
#include "engine/rewrite/tick_clock.h"

namespace rw {
namespace {

using SteadyClock = std::chrono::steady_clock;
constexpr int64_t kSpinNs = 3'000'000;

int64_t ns_since(SteadyClock::time_point t) { return std::chrono::duration_cast<std::chrono::nanoseconds>(SteadyClock::now() - t).count(); }

// Busy for kSpinNs (sleeping would let the tick and steady clocks be read far apart).
void spin() {
  const auto start = SteadyClock::now();
  while (ns_since(start) < kSpinNs) {
  }
}

TEST(TickClock, TicksConvertToTheSteadyClocksNanoseconds) {
  const double factor = ns_per_tick();
  ASSERT_GT(factor, 0.0);
  EXPECT_EQ(ns_per_tick(), factor);  // measured once
  const auto start = SteadyClock::now();
  const uint64_t t0 = read_ticks();
  spin();
  const uint64_t t1 = read_ticks();
  const int64_t elapsed = ns_since(start);
  // The ticks were read inside the steady interval and at least kSpinNs apart (less the few
  // ns between the first two reads); the factor is good to well under 1%.
  const int64_t ns = ticks_to_ns(t1 - t0, factor);
  EXPECT_GE(ns, kSpinNs * 99 / 100);
  EXPECT_LE(ns, elapsed * 101 / 100);
}

struct StepTimes : Tracer {
  std::vector<int64_t> step_ns;
  std::vector<RuleStat> stats;
  bool active() const override { return true; }
  void on_rewrite(const RewriteEvent& e) override { step_ns.push_back(e.duration_ns); }
  void end_pass(UOpPtr, bool, std::string_view, std::span<const RuleStat> s) override { stats.assign(s.begin(), s.end()); }
};

TEST(TickClock, AStepLastsFromThePreviousStepToItsOwnRewrite) {
  Arena a;
  UOpPtr v = a.var("v", 0, 9);
  const UPat x = UPat::var("x");
  // x+0 spins before it answers; x*1 answers at once.
  PatternMatcher pm{
      rule("x+0 -> x", x + 0, [](const Match& m) { spin(); return m["x"]; }),
      rule("x*1 -> x", x * 1, [](const Match& m) { return m["x"]; }),
  };
  StepTimes rec;
  TracerScope scope(rec);
  ns_per_tick();  // measured before the clock starts
  const auto start = SteadyClock::now();
  EXPECT_EQ(graph_rewrite(v->add(int64_t(0))->mul(int64_t(1)), pm, "fold"), v);
  const int64_t elapsed = ns_since(start);
  ASSERT_EQ(rec.step_ns.size(), 2u);
  EXPECT_GE(rec.step_ns[0], kSpinNs * 99 / 100);  // x+0, spinning
  EXPECT_LT(rec.step_ns[1], kSpinNs / 2);         // x*1, after it
  EXPECT_GT(rec.step_ns[1], 0);
  EXPECT_LE(rec.step_ns[0] + rec.step_ns[1], elapsed * 101 / 100);
  ASSERT_EQ(rec.stats.size(), 2u);
  EXPECT_EQ(rec.stats[0].rule->text, "x+0 -> x");
  EXPECT_GE(rec.stats[0].ns, kSpinNs * 99 / 100);
  EXPECT_LE(rec.stats[0].ns, rec.step_ns[0] * 101 / 100);
  EXPECT_LE(rec.stats[0].ns, elapsed);
}

}  // namespace
}  // namespace rw
