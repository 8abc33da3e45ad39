#include <gtest/gtest.h>

#include "engine/ir/arena.h"
#include "engine/ir/print.h"
#include "engine/rewrite/graph_rewrite.h"
#include "engine/rewrite/pattern_matcher.h"

namespace rw {
namespace {

const UPat x = UPat::var("x"), y = UPat::var("y"), c = UPat::cvar("c");

TEST(UPat, MatchesOpsAndBindsNames) {
  Arena a;
  UOpPtr v = a.var("v", 0, 9);
  UOpPtr e = v->mul(int64_t(3));
  Bindings b;
  ASSERT_TRUE((x * c).match(e, b));
  EXPECT_EQ(b.get("x"), v);
  EXPECT_EQ(b.get("c")->const_int(), 3);
  Bindings b2;
  EXPECT_FALSE((x + c).match(e, b2));
  EXPECT_EQ(b2.size(), 0u);
}

TEST(UPat, CommutativeOpsMatchEitherOrder) {
  Arena a;
  UOpPtr v = a.var("v", 0, 9);
  UOpPtr e = a.index_const(3)->mul(v);  // constant first
  Bindings b;
  ASSERT_TRUE((x * c).match(e, b));
  EXPECT_EQ(b.get("x"), v);
  // IDIV is not commutative
  Bindings b2;
  EXPECT_FALSE((c / x).match(v->idiv(int64_t(3)), b2));
}

TEST(UPat, RepeatedNameMustBindTheSameNode) {
  Arena a;
  UOpPtr v = a.var("v", 0, 9), w = a.var("w", 0, 9);
  Bindings b1, b2;
  EXPECT_TRUE((x + x).match(v->add(v), b1));
  EXPECT_FALSE((x + x).match(v->add(w), b2));
  // (x*c)//c: both c's must be the same constant
  Bindings b3, b4;
  EXPECT_TRUE(((x * c) / c).match(v->mul(int64_t(4))->idiv(int64_t(4)), b3));
  EXPECT_FALSE(((x * c) / c).match(v->mul(int64_t(4))->idiv(int64_t(2)), b4));
}

TEST(UPat, DtypesArgsPrefixAndEach) {
  Arena a;
  UOpPtr v = a.var("v", 0, 9);
  Bindings b;
  EXPECT_TRUE(UPat::var("x").dtype(DType::index()).match(v, b));
  EXPECT_FALSE(UPat::var("z").dtype(DType::int32()).match(v, b));
  EXPECT_TRUE(UPat::const_(int64_t(7)).match(a.index_const(7), b));
  EXPECT_FALSE(UPat::const_(int64_t(7)).match(a.index_const(8), b));
  UOpPtr s = a.sink({v, a.index_const(1), a.index_const(2)});
  Bindings b2;
  EXPECT_TRUE(UPat::op(Op::SINK).src_prefix({UPat::var("first")}).match(s, b2));
  EXPECT_EQ(b2.get("first"), v);
  Bindings b3;
  EXPECT_FALSE(UPat::op(Op::SINK).src_each(UPat::op(Op::CONST)).match(s, b3));
  EXPECT_TRUE(UPat::op(Op::SINK).src_each(UPat::ops({Op::CONST, Op::DEFINE_VAR})).match(s, b3));
}

TEST(UPat, TextForm) {
  EXPECT_EQ(((x * c) / c).to_string(), "IDIV(MUL(x, c:CONST), c:CONST)");
  EXPECT_EQ((x + 0).to_string(), "ADD(x, CONST[0])");
}

PatternMatcher folding() {
  return PatternMatcher{
      rule("x+0 -> x", x + 0, [](const Match& m) { return m["x"]; }),
      rule("x*1 -> x", x * 1, [](const Match& m) { return m["x"]; }),
      rule("x*0 -> 0", x * 0, [](const Match& m) { return m.root->const_like(int64_t(0)); }),
  };
}

TEST(PatternMatcher, RecordsWhereEachRuleIsDefined) {
  PatternMatcher pm = folding();
  ASSERT_EQ(pm.rules().size(), 3u);
  const RuleInfo& info = pm.rules()[0]->info;
  EXPECT_EQ(info.text, "x+0 -> x");
  EXPECT_EQ(info.file, "tests/rewrite/pattern_matcher_test.cpp");
  EXPECT_EQ(info.family, "pattern_matcher_test");
  EXPECT_GT(info.line, 0);
  EXPECT_EQ((pm + folding()).rules().size(), 6u);
}

TEST(GraphRewrite, FoldsToAFixedPoint) {
  Arena a;
  UOpPtr v = a.var("v", 0, 9), w = a.var("w", 0, 9);
  // ((v*1 + w*0) + 0) * 1  ->  v
  UOpPtr e = v->mul(int64_t(1))->add(w->mul(int64_t(0)))->add(int64_t(0))->mul(int64_t(1));
  EXPECT_EQ(graph_rewrite(e, folding(), "fold"), v);
  EXPECT_EQ(graph_rewrite(e, folding(), "fold", /*bottom_up=*/true), v);
}

TEST(GraphRewrite, SharedSubgraphsAreRewrittenOnce) {
  Arena a;
  UOpPtr v = a.var("v", 0, 9);
  UOpPtr shared = v->add(int64_t(0));
  UOpPtr e = a.sink({shared->mul(int64_t(2)), shared->mul(int64_t(3))});
  struct Count : RewriteObserver {
    int steps = 0;
    void on_step(std::string_view, int64_t, const Rule&, UOpPtr, UOpPtr) override { ++steps; }
  } count;
  RewriteObserverScope scope(&count);
  UOpPtr out = graph_rewrite(e, folding(), "fold");
  EXPECT_EQ(out, a.sink({v->mul(int64_t(2)), v->mul(int64_t(3))}));
  EXPECT_EQ(count.steps, 1);
}

TEST(GraphRewrite, ACycleOfRulesIsAnErrorNamingThem) {
  Arena a;
  UOpPtr v = a.var("v", 0, 9), w = a.var("w", 0, 9);
  // Two rules that undo each other: a+b -> b+a, applied to itself forever.
  PatternMatcher swap{
      rule("x+y -> y+x", UPat(Op::ADD, {x, y}).src({x, y}), [](const Match& m) { return m["y"]->add(m["x"]); }),
  };
  try {
    graph_rewrite(v->add(w), swap, "swapper");
    FAIL() << "expected a RewriteError";
  } catch (const RewriteError& e) {
    EXPECT_EQ(e.kind, RewriteError::Kind::Cycle);
    EXPECT_EQ(e.pass, "swapper");
    ASSERT_EQ(e.rules.size(), 1u);
    EXPECT_EQ(e.rules[0]->text, "x+y -> y+x");
    EXPECT_NE(std::string(e.what()).find("pass 'swapper' does not converge"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("pattern_matcher_test.cpp:"), std::string::npos) << e.what();
  }
}

TEST(GraphRewrite, UnboundedGrowthHitsTheStepLimit) {
  Arena a;
  // c -> c+1 as a new constant every time: never repeats a node, never stops.
  PatternMatcher grow{rule("c -> c+1", c, [](const Match& m) { return m.root->const_like(m["c"]->const_int() + 1); })};
  try {
    graph_rewrite(a.index_const(0), grow, "grow", false, RewriteLimits{.max_steps = 500});
    FAIL() << "expected a RewriteError";
  } catch (const RewriteError& e) {
    EXPECT_EQ(e.kind, RewriteError::Kind::StepLimit);
    EXPECT_EQ(e.node, a.index_const(499));
    EXPECT_NE(std::string(e.what()).find("did not converge within 500 rewrites"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("'c -> c+1'"), std::string::npos) << e.what();
  }
}

TEST(GraphRewrite, AResultThatContainsItsOwnInputIsACycle) {
  Arena a;
  UOpPtr v = a.var("v", 0, 9);
  PatternMatcher grow{rule("x -> x+1", UPat::op(Op::DEFINE_VAR).named("x"), [](const Match& m) { return m["x"]->add(int64_t(1)); })};
  for (bool bottom_up : {false, true}) {
    try {
      graph_rewrite(v, grow, "grow", bottom_up);
      FAIL() << "expected a RewriteError";
    } catch (const RewriteError& e) {
      EXPECT_EQ(e.kind, RewriteError::Kind::Cycle) << e.what();
      ASSERT_EQ(e.rules.size(), 1u);
    }
  }
}

// A rule that waits until all users of a node were seen: the shape of rangeify's children.
struct WaitCtx {
  int seen_users = 0;
  int needed = 2;
};

TEST(GraphRewrite, NotReadyNodesAreRetriedAfterOthersProgress) {
  Arena a;
  UOpPtr v = a.var("v", 0, 9);
  UOpPtr user1 = v->mul(int64_t(2)), user2 = v->mul(int64_t(3));
  UOpPtr e = a.sink({user1->add(int64_t(0)), user2});
  PatternMatcher pm{
      rule("count users", x * c, [](const Match& m) -> Rewrite {
        auto& ctx = m.ctx<WaitCtx>();
        if (m.root->tag == 0) { ++ctx.seen_users; return m.root->with_tag(1); }
        return nullptr;
      }),
      rule("sink waits for all users", UPat::op(Op::SINK).named("s"), [](const Match& m) -> Rewrite {
        auto& ctx = m.ctx<WaitCtx>();
        if (ctx.seen_users < ctx.needed) return Rewrite::not_ready();
        return nullptr;
      }),
      rule("x+0 -> x", x + 0, [](const Match& m) { return m["x"]; }),
  };
  WaitCtx ctx;
  UOpPtr out = graph_rewrite(e, pm, ctx, "wait");
  EXPECT_EQ(ctx.seen_users, 2);
  EXPECT_EQ(out, a.sink({user1->with_tag(1), user2->with_tag(1)}));
}

TEST(GraphRewrite, WaitingForeverIsANoProgressError) {
  Arena a;
  UOpPtr v = a.var("v", 0, 9);
  PatternMatcher pm{rule("never ready", UPat::op(Op::DEFINE_VAR), [](const Match&) { return Rewrite::not_ready(); })};
  try {
    graph_rewrite(a.sink({v}), pm, "stuck");
    FAIL() << "expected a RewriteError";
  } catch (const RewriteError& e) {
    EXPECT_EQ(e.kind, RewriteError::Kind::NoProgress);
    EXPECT_EQ(e.node, v);
    EXPECT_NE(std::string(e.what()).find("pass 'stuck' is not making progress"), std::string::npos) << e.what();
  }
}

struct RecordingTracer : Tracer {
  bool active() const override { return true; }
  std::vector<std::string> events;
  void begin_pass(std::string_view name, std::string_view kind, UOpPtr) override { events.push_back("begin " + std::string(name) + " " + std::string(kind)); }
  void end_pass(UOpPtr out, bool ok, std::string_view, std::span<const RuleStat>) override { events.push_back(std::string("end ") + (ok ? "ok " : "failed ") + (out ? render_expr(out) : "-")); }
  void on_rewrite(const RewriteEvent& e) override {
    std::string s = "step " + e.rule->text + ": " + render_expr(e.matched) + " => " + render_expr(e.replacement) + " [";
    for (const Binding& b : e.bound) s += std::string(b.name) + "=" + render_expr(b.node) + " ";
    events.push_back(s + "]");
  }
};

TEST(GraphRewrite, ReportsPassesAndStepsToTheTracer) {
  Arena a;
  UOpPtr v = a.var("v", 0, 9);
  RecordingTracer t;
  TracerScope scope(t);
  graph_rewrite(v->add(int64_t(0))->mul(int64_t(1)), folding(), "fold");
  std::vector<std::string> want = {"begin fold rewrite", "step x+0 -> x: v+0 => v [x=v ]", "step x*1 -> x: v*1 => v [x=v ]", "end ok v"};
  EXPECT_EQ(t.events, want);
}

TEST(GraphRewrite, AFailedPassIsClosedAsFailed) {
  Arena a;
  UOpPtr v = a.var("v", 0, 9);
  RecordingTracer t;
  TracerScope scope(t);
  PatternMatcher pm{rule("never ready", UPat::op(Op::DEFINE_VAR), [](const Match&) { return Rewrite::not_ready(); })};
  EXPECT_THROW(graph_rewrite(v, pm, "stuck"), RewriteError);
  ASSERT_EQ(t.events.size(), 2u);
  EXPECT_EQ(t.events[1], "end failed -");
}

}  // namespace
}  // namespace rw
