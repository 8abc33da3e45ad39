// The children wait has a progress bound: with a deliberately broken rangeify matcher (no
// movement rules, so no index ever reaches a child through a reshape or expand) the pass
// fails with "children not making progress", naming the waiting node and its consumers, and
// the trace keeps every step up to the error, with the open passes closed as failed.
#include <gtest/gtest.h>

#include "engine/ir/graph.h"
#include "engine/schedule/rangeify_context.h"
#include "engine/schedule/realize.h"
#include "engine/schedule/rules.h"
#include "tests/schedule/schedule_check.h"

namespace rw::test {
namespace {

struct Recorder : Tracer {
  bool active() const override { return true; }
  void begin_pass(std::string_view name, std::string_view, UOpPtr) override { open.push_back(std::string(name)); }
  void end_pass(UOpPtr, bool ok, std::string_view error, std::span<const RuleStat>) override {
    ended.push_back({open.back(), ok, std::string(error)});
    open.pop_back();
  }
  void on_rewrite(const RewriteEvent&) override { ++steps; }
  struct Ended {
    std::string name;
    bool ok;
    std::string error;
  };
  std::vector<std::string> open;
  std::vector<Ended> ended;
  int64_t steps = 0;
};

TEST(ChildrenProgress, ABrokenMatcherFailsNamingTheChildAndItsConsumers) {
  Arena arena;
  Program p = load_program(arena, std::filesystem::path(REWIND_SHARED_DIR) / "bench/softmax/program.tg");
  sched::State st;
  NodeMap origin;
  Recorder rec;
  TracerScope scope(rec);
  UOpPtr g = sched::realize_pass(p.sink(), st, origin);
  sched::RangeifyContext ctx(st);
  const PatternMatcher broken = sched::rangeify_children_rules() + sched::rangeify_op_rules();  // no movement rules
  try {
    PassScope pass("rangeify", "schedule", g);
    sched::rangeify_with(g, ctx, broken);
    FAIL() << "rangeify finished without movement rules";
  } catch (const ScheduleError& e) {
    std::string what = e.what();
    EXPECT_EQ(e.pass(), "rangeify");
    ASSERT_TRUE(e.node());
    ASSERT_TRUE(ctx.children.contains(e.node())) << e.node()->summary();
    EXPECT_NE(what.find("children not making progress"), std::string::npos) << what;
    const sched::ChildInfo& c = ctx.children.at(e.node());
    EXPECT_NE(what.find("%" + std::to_string(e.node()->id) + " has " + std::to_string(c.consumers) + " consumers"), std::string::npos) << what;
    for (UOpPtr u : c.users) EXPECT_NE(what.find(std::string(op_name(u->op)) + " %" + std::to_string(u->id)), std::string::npos) << what;
    EXPECT_NE(what.find("never by ["), std::string::npos) << what;
  }
  // Every step before the error was reported, and both passes (the rewrite and its schedule
  // pass) were closed as failed.
  EXPECT_GT(rec.steps, 0);
  EXPECT_TRUE(rec.open.empty());
  ASSERT_GE(rec.ended.size(), 2u);
  EXPECT_EQ(rec.ended.back().name, "rangeify");
  EXPECT_FALSE(rec.ended.back().ok);
  EXPECT_FALSE(rec.ended[rec.ended.size() - 2].ok);
}

// The same program with the whole matcher: the children are decided and nothing waits.
TEST(ChildrenProgress, TheRealMatcherDecidesEveryChild) {
  Arena arena;
  Program p = load_program(arena, std::filesystem::path(REWIND_SHARED_DIR) / "bench/softmax/program.tg");
  sched::State st;
  NodeMap origin;
  UOpPtr g = sched::realize_pass(p.sink(), st, origin);
  sched::RangeifyContext ctx(st);
  const PatternMatcher all = sched::rangeify_children_rules() + sched::rangeify_movement_rules() + sched::rangeify_op_rules();
  sched::rangeify_with(g, ctx, all);
  ASSERT_FALSE(ctx.children.empty());
  for (const auto& [node, c] : ctx.children) EXPECT_TRUE(c.decided) << node->summary();
}

}  // namespace
}  // namespace rw::test
