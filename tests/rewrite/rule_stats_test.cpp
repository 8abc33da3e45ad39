// Per-rule counts of a traced pass: tries, hits and time, reported to the tracer at the end
// of the pass, failed or not; untraced passes count nothing.
#include <gtest/gtest.h>

#include "engine/ir/arena.h"
#include "engine/rewrite/graph_rewrite.h"
#include "engine/rewrite/pattern_matcher.h"
#include "engine/rewrite/rule_stats.h"
#include "engine/rewrite/tick_clock.h"

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
  void end_pass(UOpPtr, bool ok, std::string_view error, std::span<const RuleStat> s) override {
    passes.back().stats.assign(s.begin(), s.end());
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

TEST(RuleStats, ARuleWhoseSourcesMustAllBeConstantsIsNotTriedOnOthers) {
  // "every source a constant" (src_each): a node with any other source is rejected before
  // its pattern is tested, so it does not count as a try; one with only constants does.
  Arena a;
  UOpPtr v = a.var("v", 0, 9);
  PatternMatcher fold{rule("c0+c1 -> c", UPat::op(Op::ADD).src_each(UPat::op(Op::CONST)),
                           [](const Match& m) { return m.root->const_like(m.root->src[0]->const_int() + m.root->src[1]->const_int()); })};
  StatsRecorder rec;
  TracerScope scope(rec);
  // (v + 5) + (2 + 3): the outer and the left ADD have a non-constant source, the right none.
  UOpPtr out = graph_rewrite(v->add(int64_t(5))->add(a.index_const(2)->add(int64_t(3))), fold, "fold");
  EXPECT_EQ(out, v->add(int64_t(5))->add(int64_t(5)));
  ASSERT_EQ(rec.passes.size(), 1u);
  ASSERT_EQ(rec.passes[0].stats.size(), 1u);
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

// 130 rules, more than two words of touched bits: rule k rewrites OP(x, k) to x, where OP
// cycles through ADD, MUL and MOD (so a node tries every third rule).
PatternMatcher many_rules() {
  std::vector<RulePtr> rules;
  const Op ops[] = {Op::ADD, Op::MUL, Op::MOD};
  for (int k = 0; k < 130; ++k)
    rules.push_back(rule("r" + std::to_string(k), UPat(ops[k % 3], {x, UPat::const_(int64_t(k))}), [](const Match& m) { return m["x"]; }));
  return PatternMatcher(std::move(rules));
}

// What rule_stats must report: every counter with a try, in rule order.
std::vector<RuleStat> full_scan(const PatternMatcher& pm, const PatternMatcher::PassCounters& counts, double ns_per_tick) {
  std::vector<RuleStat> out;
  for (size_t k = 0; k < pm.rules().size(); ++k) {
    const PatternMatcher::RuleCounter& c = counts.counters[k];
    if (c.tries) out.push_back({&pm.rules()[k]->info, c.tries, c.hits, ticks_to_ns(c.ticks, ns_per_tick)});
  }
  return out;
}

std::vector<RuleStat> reported(const PatternMatcher& pm, const PatternMatcher::PassCounters& counts, double ns_per_tick) {
  std::span<const RuleStat> s = rule_stats(pm, counts, ns_per_tick);
  return {s.begin(), s.end()};
}

void expect_same(const std::vector<RuleStat>& got, const std::vector<RuleStat>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].rule, want[i].rule) << "stat " << i << ": " << got[i].rule->text << " instead of " << want[i].rule->text;
    EXPECT_EQ(got[i].tries, want[i].tries) << want[i].rule->text;
    EXPECT_EQ(got[i].hits, want[i].hits) << want[i].rule->text;
    EXPECT_EQ(got[i].ns, want[i].ns) << want[i].rule->text;
  }
}

TEST(RuleStats, TouchedCountersReportWhatAFullScanWould) {
  Arena a;
  UOpPtr v = a.var("v", 0, 999);
  PatternMatcher pm = many_rules();
  PatternMatcher::PassCounters counts;
  counts.reset(pm.rules().size());
  // Out of rule order: the MUL rules 1, 4, ..., 100 (the last fires), then the ADD rules 0,
  // 3, 6 (6 fires), then all MOD rules 2, 5, ..., 128 (none fires: no 500 among them).
  EXPECT_EQ(pm.rewrite_counted(v->mul(int64_t(100)), nullptr, counts).rule, pm.rules()[100].get());
  EXPECT_EQ(pm.rewrite_counted(v->add(int64_t(6)), nullptr, counts).rule, pm.rules()[6].get());
  EXPECT_EQ(pm.rewrite_counted(v->mod(int64_t(500)), nullptr, counts).rule, nullptr);
  EXPECT_EQ(pm.rewrite_counted(v->mul(int64_t(4)), nullptr, counts).rule, pm.rules()[4].get());
  std::vector<RuleStat> want = full_scan(pm, counts, 0.25);
  ASSERT_EQ(want.size(), 34u + 3u + 43u);
  EXPECT_EQ(want.front().rule->text, "r0");
  EXPECT_EQ(want.back().rule->text, "r128");
  EXPECT_EQ(want[1].rule->text, "r1");
  EXPECT_EQ(want[1].tries, 2);  // by both MUL nodes
  EXPECT_EQ(want[4].rule->text, "r4");
  EXPECT_EQ(want[4].hits, 1);
  expect_same(reported(pm, counts, 0.25), want);

  // The next pass starts from zero and reports only its own tries.
  counts.reset(pm.rules().size());
  for (size_t k = 0; k < pm.rules().size(); ++k) ASSERT_EQ(counts.counters[k].tries, 0) << k;
  pm.rewrite_counted(v->add(int64_t(3)), nullptr, counts);
  std::vector<RuleStat> second = reported(pm, counts, 0.25);
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[0].rule->text, "r0");
  EXPECT_EQ(second[1].rule->text, "r3");
  EXPECT_EQ(second[1].hits, 1);
  expect_same(second, full_scan(pm, counts, 0.25));
}

TEST(RuleStats, StatsFollowTheMatchersRuleOrderNotTheOrderOfFirstTries) {
  Arena a;
  UOpPtr v = a.var("v", 0, 9);
  PatternMatcher mul1_add0{
      rule("x*1 -> x", x * 1, [](const Match& m) { return m["x"]; }),
      rule("x+0 -> x", x + 0, [](const Match& m) { return m["x"]; }),
  };
  StatsRecorder rec;
  TracerScope scope(rec);
  // (v+0)*1: the inner ADD is rewritten first, so x+0 is tried before x*1.
  EXPECT_EQ(graph_rewrite(v->add(int64_t(0))->mul(int64_t(1)), mul1_add0, "fold"), v);
  ASSERT_EQ(rec.passes.size(), 1u);
  ASSERT_EQ(rec.passes[0].stats.size(), 2u);
  EXPECT_EQ(rec.passes[0].stats[0].rule->text, "x*1 -> x");
  EXPECT_EQ(rec.passes[0].stats[1].rule->text, "x+0 -> x");
}

TEST(RuleStats, EachPassOfAThreadCountsOnlyItsOwnTries) {
  Arena a;
  UOpPtr v = a.var("v", 0, 999);
  PatternMatcher many = many_rules();
  StatsRecorder rec;
  TracerScope scope(rec);
  EXPECT_EQ(graph_rewrite(v->mod(int64_t(128)), many, "many"), v);    // MOD rules 2..128: 43 tries
  EXPECT_EQ(graph_rewrite(v->mul(int64_t(1)), add0_mul1(), "two"), v);  // a smaller matcher
  EXPECT_EQ(graph_rewrite(v->add(int64_t(3)), many, "many again"), v);  // ADD rules 0 and 3
  ASSERT_EQ(rec.passes.size(), 3u);
  ASSERT_EQ(rec.passes[0].stats.size(), 43u);
  EXPECT_EQ(rec.passes[0].stats.back().rule->text, "r128");
  EXPECT_EQ(rec.passes[0].stats.back().hits, 1);
  ASSERT_EQ(rec.passes[1].stats.size(), 1u);
  EXPECT_EQ(rec.passes[1].stats[0].rule->text, "x*1 -> x");
  EXPECT_EQ(rec.passes[1].stats[0].tries, 1);
  ASSERT_EQ(rec.passes[2].stats.size(), 2u);
  EXPECT_EQ(rec.passes[2].stats[0].rule->text, "r0");
  EXPECT_EQ(rec.passes[2].stats[0].tries, 1);
  EXPECT_EQ(rec.passes[2].stats[1].rule->text, "r3");
  EXPECT_EQ(rec.passes[2].stats[1].tries, 1);
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
