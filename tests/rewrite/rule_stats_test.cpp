// Per-rule counts of a traced pass: tries, hits and time, reported to the tracer at the end
// of the pass, failed or not; untraced passes count nothing.
#include <gtest/gtest.h>

#include "engine/ir/arena.h"
#include "engine/rewrite/graph_rewrite.h"
#include "engine/rewrite/pattern_matcher.h"

namespace rw {
namespace {

const UPat x = UPat::var("x"), y = UPat::var("y");

PatternMatcher add0_mul1() {
  return PatternMatcher{
      rule("x+0 -> x", x + 0, [](const Match& m) { return m["x"]; }),
      rule("x*1 -> x", x * 1, [](const Match& m) { return m["x"]; }),
  };
}

// Keeps what the engine reports about passes and their rules.
struct StatsRecorder : Tracer {
  struct Pass {
    std::vector<RuleStat> stats;
    bool ended = false, ok = false;
    std::string error;
  };
  std::vector<Pass> passes;
  bool active() const override { return true; }
  void begin_pass(std::string_view, std::string_view, UOpPtr) override { passes.emplace_back(); }
  void on_rule_stats(std::span<const RuleStat> s) override { passes.back().stats.assign(s.begin(), s.end()); }
  void end_pass(UOpPtr, bool ok, std::string_view error) override {
    passes.back().ended = true;
    passes.back().ok = ok;
    passes.back().error = std::string(error);
  }
  const RuleStat* find(size_t pass, std::string_view text) const {
    for (const RuleStat& s : passes.at(pass).stats)
      if (s.rule->text == text) return &s;
    return nullptr;
  }
};

TEST(RuleStats, ATracedPassCountsTriesAndHitsPerRule) {
  Arena a;
  UOpPtr v = a.var("v", 0, 9), w = a.var("w", 0, 9);
  // (v*1 + w*2) + 0: x*1 is tried on both MULs and fires on v*1; x+0 is tried on the outer
  // ADD only (the inner one, v + w*2 once rebuilt, has no constant source, which the matcher
  // rejects before testing the pattern) and fires there.
  UOpPtr e = v->mul(int64_t(1))->add(w->mul(int64_t(2)))->add(int64_t(0));
  StatsRecorder rec;
  TracerScope scope(rec);
  UOpPtr out = graph_rewrite(e, add0_mul1(), "fold");
  EXPECT_EQ(out, v->add(w->mul(int64_t(2))));
  ASSERT_EQ(rec.passes.size(), 1u);
  ASSERT_EQ(rec.passes[0].stats.size(), 2u);
  const RuleStat* add0 = rec.find(0, "x+0 -> x");
  const RuleStat* mul1 = rec.find(0, "x*1 -> x");
  ASSERT_TRUE(add0 && mul1);
  EXPECT_EQ(add0->tries, 1);
  EXPECT_EQ(add0->hits, 1);
  EXPECT_EQ(mul1->tries, 2);
  EXPECT_EQ(mul1->hits, 1);
  EXPECT_GT(add0->ns, 0);
  EXPECT_GT(mul1->ns, 0);
  EXPECT_TRUE(rec.passes[0].ended && rec.passes[0].ok);
}

TEST(RuleStats, ARuleNeverTriedIsLeftOut) {
  Arena a;
  UOpPtr v = a.var("v", 0, 9);
  StatsRecorder rec;
  TracerScope scope(rec);
  graph_rewrite(v->mul(int64_t(1)), add0_mul1(), "fold");  // no ADD anywhere
  ASSERT_EQ(rec.passes.size(), 1u);
  ASSERT_EQ(rec.passes[0].stats.size(), 1u);
  EXPECT_EQ(rec.passes[0].stats[0].rule->text, "x*1 -> x");
  EXPECT_EQ(rec.passes[0].stats[0].tries, 1);
  EXPECT_EQ(rec.passes[0].stats[0].hits, 1);
}

TEST(RuleStats, ACyclingPassReportsItsCountsAndFailsWithTheCycle) {
  Arena a;
  UOpPtr v = a.var("v", 0, 9), w = a.var("w", 0, 9);
  PatternMatcher swap{rule("x+y -> y+x", UPat(Op::ADD, {x, y}).src({x, y}), [](const Match& m) { return m["y"]->add(m["x"]); })};
  StatsRecorder rec;
  TracerScope scope(rec);
  EXPECT_THROW(graph_rewrite(v->add(w), swap, "swapper"), RewriteError);
  ASSERT_EQ(rec.passes.size(), 1u);
  EXPECT_TRUE(rec.passes[0].ended);
  EXPECT_FALSE(rec.passes[0].ok);
  EXPECT_NE(rec.passes[0].error.find("pass 'swapper' does not converge: the rules 'x+y -> y+x'"), std::string::npos) << rec.passes[0].error;
  ASSERT_EQ(rec.passes[0].stats.size(), 1u);
  // v+w -> w+v -> v+w again: two rewrites before the cycle is seen.
  EXPECT_EQ(rec.passes[0].stats[0].hits, 2);
  EXPECT_EQ(rec.passes[0].stats[0].tries, 2);
}

TEST(RuleStats, UntracedPassesReportNothing) {
  Arena a;
  UOpPtr v = a.var("v", 0, 9);
  struct Inactive : StatsRecorder {
    bool active() const override { return false; }
  } rec;
  TracerScope scope(rec);
  EXPECT_EQ(graph_rewrite(v->mul(int64_t(1)), add0_mul1(), "fold"), v);
  ASSERT_EQ(rec.passes.size(), 1u);
  EXPECT_TRUE(rec.passes[0].stats.empty());
}

}  // namespace
}  // namespace rw
