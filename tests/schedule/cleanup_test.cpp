// Early cleanups: merged reshapes and movement ops that change nothing disappear before
// rangeify; realize decisions replace every use of a realized node.
#include <gtest/gtest.h>

#include "engine/ir/arena.h"
#include "engine/ir/graph.h"
#include "engine/rewrite/graph_rewrite.h"
#include "engine/schedule/realize.h"
#include "engine/schedule/rules.h"

namespace rw {
namespace {

struct ScheduleCleanup : ::testing::Test {
  Arena a;
  UOpPtr buf = a.make(Op::BUFFER, DType::float32(), {}, Arg(IntTuple{0, 12}));
  UOpPtr mov(Op op, UOpPtr x, Arg arg) { return a.make(op, x->dtype, {x}, std::move(arg)); }
  UOpPtr clean(UOpPtr x) { return graph_rewrite(a.sink({x}), sched::cleanup_rules(), "early cleanups")->src[0]; }
};

TEST_F(ScheduleCleanup, ReshapeChainsMerge) {
  UOpPtr r = mov(Op::RESHAPE, mov(Op::RESHAPE, buf, IntTuple{3, 4}), IntTuple{2, 6});
  EXPECT_EQ(clean(r), mov(Op::RESHAPE, buf, IntTuple{2, 6}));
}

TEST_F(ScheduleCleanup, MovementOpsThatChangeNothingGo) {
  UOpPtr x = mov(Op::RESHAPE, buf, IntTuple{3, 4});
  EXPECT_EQ(clean(mov(Op::PERMUTE, x, IntTuple{0, 1})), x);
  EXPECT_EQ(clean(mov(Op::EXPAND, x, IntTuple{3, 4})), x);
  EXPECT_EQ(clean(mov(Op::PAD, x, PairTuple{{0, 0}, {0, 0}})), x);
  EXPECT_EQ(clean(mov(Op::SHRINK, x, PairTuple{{0, 3}, {0, 4}})), x);
  EXPECT_EQ(clean(mov(Op::RESHAPE, x, IntTuple{3, 4})), x);
  UOpPtr y = mov(Op::RESHAPE, buf, IntTuple{1, 12});
  EXPECT_EQ(clean(mov(Op::FLIP, y, IntTuple{0})), y);
  // ...but not the ones that do
  UOpPtr p = mov(Op::PERMUTE, x, IntTuple{1, 0});
  EXPECT_EQ(clean(p), p);
  UOpPtr f = mov(Op::FLIP, x, IntTuple{1});
  EXPECT_EQ(clean(f), f);
}

TEST_F(ScheduleCleanup, RealizedNodesAreReadByEveryUse) {
  UOpPtr x = mov(Op::RESHAPE, buf, IntTuple{3, 4});
  UOpPtr y = x->add(x);
  UOpPtr c = a.make(Op::CONTIGUOUS, y->dtype, {y});
  UOpPtr z = c->mul(y);  // one use through contiguous(), one direct
  sched::State st;
  NodeMap origin;
  UOpPtr out = sched::realize_pass(a.sink({z}), st, origin);
  UOpPtr ry = a.make(Op::REALIZE, y->dtype, {y});
  UOpPtr rz = a.make(Op::REALIZE, z->dtype, {ry->mul(ry)});
  EXPECT_EQ(out, a.sink({rz}));
  EXPECT_EQ(st.realize_reason.at(ry).first, sched::kExplicitContiguous);
  EXPECT_EQ(st.realize_reason.at(rz).first, sched::kOutput);
}

}  // namespace
}  // namespace rw
