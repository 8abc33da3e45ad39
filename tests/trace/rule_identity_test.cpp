// How the SqliteTracer tells rules apart: the id it gave a rule is kept in the rule
// (RuleInfo::tracer_id, with the tracer's number, and cleared by a copy or an assignment).
// Without it, by address: a rule's serial (numbered by rw::rule()) says whether the rule at a
// known address is still the one first seen there; rules without a serial are compared by
// line and text. Either way, a rule's row is found by its content.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <set>
#include <thread>

#include "engine/ir/arena.h"
#include "engine/rewrite/graph_rewrite.h"
#include "engine/trace/sqlite_tracer.h"
#include "engine/trace/trace_reader.h"
#include "tests/trace/trace_test_util.h"

namespace rw {
namespace {

const UPat x = UPat::var("x");

TEST(RuleIdentity, EveryBuiltRuleHasItsOwnSerial) {
  std::vector<RulePtr> rules;
  for (int i = 0; i < 3; ++i) rules.push_back(rule("x+0 -> x", x + 0, [](const Match& m) { return m["x"]; }));  // one line, one text
  EXPECT_NE(rules[0]->info.serial, 0u);
  EXPECT_NE(rules[0]->info.serial, rules[1]->info.serial);
  EXPECT_NE(rules[1]->info.serial, rules[2]->info.serial);
  EXPECT_NE(rules[0]->info.serial, rules[2]->info.serial);
}

// One pass of one step per rule state, all reported from the same address `slot`.
std::vector<RuleRow> rules_recorded_at_one_address(const std::string& name, const std::vector<RuleInfo>& states, std::vector<StepRow>& steps) {
  std::string path = (testing::temp_dir(name) / "t.rwd").string();
  Arena a;
  UOpPtr v = a.var("v", 0, 9);
  {
    SqliteTracer t(path);
    t.begin_run({"simplify", "", "", {}, "test"});
    t.begin_pass("fold", "rewrite", v->add(int64_t(0)));
    RuleInfo slot;
    for (const RuleInfo& state : states) {
      slot = state;
      t.on_rewrite({&slot, v->add(int64_t(0)), {}, v, 1});
    }
    t.end_pass(v, true);
    t.end_run(true);
    t.close();
  }
  TraceReader r(path);
  steps = r.steps(r.passes(1).at(0).id);
  return r.rules(1);
}

TEST(RuleIdentity, ADifferentRuleAtAReusedAddressIsANewRuleThoughTextAndLineMatch) {
  // A rule factory builds rules on one line with one text but different patterns: only the
  // serial tells the second from the first.
  const RuleInfo first{"x+0 -> x", "ADD(x, 0:CONST)", "fold", "engine/rewrite/fold.cpp", 12, 101};
  const RuleInfo second{"x+0 -> x", "ADD(0:CONST, x)", "fold", "engine/rewrite/fold.cpp", 12, 102};
  std::vector<StepRow> steps;
  auto rules = rules_recorded_at_one_address("reused-serial", {first, second, first}, steps);
  ASSERT_EQ(rules.size(), 2u);
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_NE(steps[0].rule_id, steps[1].rule_id);
  EXPECT_EQ(steps[0].rule_id, steps[2].rule_id);  // the first rule's content again: its row
  for (const RuleRow& rr : rules) EXPECT_EQ(rr.pattern, rr.id == steps[0].rule_id ? "ADD(x, 0:CONST)" : "ADD(0:CONST, x)");
}

TEST(RuleIdentity, RulesWithoutSerialAreToldApartByLineAndText) {
  const RuleInfo add0{"x+0 -> x", "ADD(x, 0:CONST)", "fold", "engine/rewrite/fold.cpp", 12};
  const RuleInfo mul1{"x*1 -> x", "MUL(x, 1:CONST)", "fold", "engine/rewrite/fold.cpp", 12};
  const RuleInfo add0_moved{"x+0 -> x", "ADD(x, 0:CONST)", "fold", "engine/rewrite/fold.cpp", 13};
  std::vector<StepRow> steps;
  auto rules = rules_recorded_at_one_address("reused-text", {add0, mul1, add0_moved, add0}, steps);
  ASSERT_EQ(rules.size(), 3u);
  ASSERT_EQ(steps.size(), 4u);
  EXPECT_EQ(steps[1].rule_text, "x*1 -> x");
  EXPECT_NE(steps[0].rule_id, steps[2].rule_id);  // another line: another rule
  EXPECT_EQ(steps[0].rule_id, steps[3].rule_id);
}

TEST(RuleIdentity, AMatcherRebuiltForEveryPassKeepsOneRuleRow) {
  std::string path = (testing::temp_dir("rebuilt") / "t.rwd").string();
  Arena a;
  UOpPtr v = a.var("v", 0, 9);
  {
    SqliteTracer t(path);
    TracerScope scope(t);
    t.begin_run({"simplify", "", "", {}, "test"});
    for (int i = 0; i < 3; ++i) {
      // New rule objects each time (new serials, perhaps a reused address): the same rule.
      auto pm = std::make_unique<PatternMatcher>(PatternMatcher{rule("x+0 -> x", x + 0, [](const Match& m) { return m["x"]; })});
      EXPECT_EQ(graph_rewrite(v->add(int64_t(0)), *pm, "fold"), v);
    }
    t.end_run(true);
    t.close();
  }
  TraceReader r(path);
  auto rules = r.rules(1);
  ASSERT_EQ(rules.size(), 1u);
  EXPECT_EQ(rules[0].text, "x+0 -> x");
  EXPECT_EQ(rules[0].fire_count, 3);
  auto passes = r.passes(1);
  ASSERT_EQ(passes.size(), 3u);
  for (const PassRow& p : passes) {
    auto stats = r.rule_stats(p.id);
    ASSERT_EQ(stats.size(), 1u);
    EXPECT_EQ(stats[0].rule_id, rules[0].id);
    EXPECT_EQ(stats[0].tries, 1);
  }
}

// Two tracers recording the same rule objects in turn: each keeps its own ids. The second
// tracer sees another rule first, so the same rule has another id in each trace, and an id
// taken from the other tracer's entry in the rule would name the wrong rule.
TEST(RuleIdentity, TwoTracersTakingTurnsOnTheSameRulesKeepTheirOwnIds) {
  const RuleInfo add0{"x+0 -> x", "ADD(x, 0:CONST)", "fold", "engine/rewrite/fold.cpp", 12, 201};
  const RuleInfo mul1{"x*1 -> x", "MUL(x, 1:CONST)", "fold", "engine/rewrite/fold.cpp", 13, 202};
  std::string path_a = (testing::temp_dir("turns-a") / "t.rwd").string(), path_b = (testing::temp_dir("turns-b") / "t.rwd").string();
  Arena a;
  UOpPtr v = a.var("v", 0, 9);
  {
    SqliteTracer ta(path_a), tb(path_b);
    ta.begin_run({"simplify", "", "", {}, "test"});
    tb.begin_run({"simplify", "", "", {}, "test"});
    tb.begin_pass("first", "rewrite", v);
    tb.on_rewrite({&mul1, v->mul(int64_t(1)), {}, v, 1});
    tb.end_pass(v, true);
    for (int round = 0; round < 3; ++round) {
      for (SqliteTracer* t : {&ta, &tb}) {
        t->begin_pass("fold", "rewrite", v);
        t->on_rewrite({&add0, v->add(int64_t(0)), {}, v, 1});
        RuleStat counts[] = {{&add0, 2, 1, 10}};
        t->end_pass(v, true, {}, counts);
      }
    }
    ta.end_run(true);
    tb.end_run(true);
    ta.close();
    tb.close();
  }
  for (const std::string& path : {path_a, path_b}) {
    TraceReader r(path);
    int64_t add0_id = 0;
    for (const RuleRow& rr : r.rules(1))
      if (rr.text == "x+0 -> x") add0_id = rr.id;
    ASSERT_NE(add0_id, 0) << path;
    int folds = 0;
    for (const PassRow& p : r.passes(1)) {
      if (p.name != "fold") continue;
      ++folds;
      auto steps = r.steps(p.id);
      ASSERT_EQ(steps.size(), 1u);
      EXPECT_EQ(steps[0].rule_text, "x+0 -> x") << path;
      auto stats = r.rule_stats(p.id);
      ASSERT_EQ(stats.size(), 1u);
      EXPECT_EQ(stats[0].rule_id, add0_id) << path;
    }
    EXPECT_EQ(folds, 3) << path;
  }
}

// Tracers on two threads reporting the same matcher's rules at once (each thread its own
// trace): the ids each tracer leaves in the shared rules never leak into the other's trace.
// Each thread first uses rules of its own (one on thread a, two on thread b), so the shared
// rules get different ids in the two traces.
TEST(RuleIdentity, TracersOnTwoThreadsShareRulesWithoutMixingIds) {
  static const PatternMatcher shared{rule("x+0 -> x", x + 0, [](const Match& m) { return m["x"]; }),
                                     rule("x*1 -> x", x * 1, [](const Match& m) { return m["x"]; })};
  const PatternMatcher own_a{rule("x+0 -> x (thread a)", x + 0, [](const Match& m) { return m["x"]; })};
  const PatternMatcher own_b{rule("x+0 -> nothing (thread b)", x + 0, [](const Match&) -> Rewrite { return nullptr; }),
                             rule("x+0 -> x (thread b)", x + 0, [](const Match& m) { return m["x"]; })};
  const std::string paths[2] = {(testing::temp_dir("threads-a") / "t.rwd").string(), (testing::temp_dir("threads-b") / "t.rwd").string()};
  auto work = [&](int k) {
    Arena a;
    UOpPtr v = a.var("v", 0, 9);
    SqliteTracer t(paths[k]);
    TracerScope scope(t);
    t.begin_run({"simplify", "", "", {}, "test"});
    EXPECT_EQ(graph_rewrite(v->add(int64_t(0)), k == 0 ? own_a : own_b, "own"), v);
    for (int i = 0; i < 2000; ++i) EXPECT_EQ(graph_rewrite(v->add(int64_t(0))->mul(int64_t(1)), shared, "shared"), v);
    t.end_run(true);
    t.close();
  };
  std::thread ta(work, 0), tb(work, 1);
  ta.join();
  tb.join();
  for (const std::string& path : paths) {
    TraceReader r(path);
    std::map<int64_t, std::string> text_of;
    for (const RuleRow& rr : r.rules(1)) text_of[rr.id] = rr.text;
    ASSERT_EQ(text_of.size(), path == paths[0] ? 3u : 4u) << path;
    int shared_passes = 0;
    for (const PassRow& p : r.passes(1)) {
      if (p.name != "shared") continue;
      ++shared_passes;
      std::set<std::string> tried;
      for (const RuleStatRow& s : r.rule_stats(p.id)) tried.insert(text_of.at(s.rule_id));
      ASSERT_EQ(tried, (std::set<std::string>{"x+0 -> x", "x*1 -> x"})) << path << ", pass " << p.id;
    }
    EXPECT_EQ(shared_passes, 2000) << path;
  }
}

// A copy of a rule is another rule object: it starts without the original's tracer id, and
// assigning a rule over another clears the id the target held.
TEST(RuleIdentity, ACopiedOrAssignedRuleCarriesNoTracerId) {
  RuleInfo r{"x+0 -> x", "ADD(x, 0:CONST)", "fold", "engine/rewrite/fold.cpp", 12, 301};
  r.tracer_id.store(0x500000007ull);
  RuleInfo copy = r;
  EXPECT_EQ(copy.tracer_id.load(), 0u);
  EXPECT_EQ(r.tracer_id.load(), 0x500000007ull);
  RuleInfo target{"x*1 -> x", "MUL(x, 1:CONST)", "fold", "engine/rewrite/fold.cpp", 13, 302};
  target.tracer_id.store(0x500000008ull);
  target = r;
  EXPECT_EQ(target.tracer_id.load(), 0u);
  EXPECT_EQ(target.text, "x+0 -> x");
}

}  // namespace
}  // namespace rw
