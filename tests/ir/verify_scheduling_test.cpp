// The verifier's rules the scheduler relies on: the in-between Scheduling stage (tensor and
// rangeified ops together, while rangeify runs), STORE over its loop ranges (kernel ASTs) and
// INDEX's expand mark.
#include <gtest/gtest.h>

#include "engine/ir/arena.h"
#include "engine/ir/verify.h"

namespace rw {
namespace {

struct VerifyScheduling : ::testing::Test {
  Arena a;
  UOpPtr buf = a.make(Op::BUFFER, DType::float32(), {}, Arg(IntTuple{0, 12}));
  UOpPtr reshape = a.make(Op::RESHAPE, DType::float32(), {buf}, Arg(IntTuple{3, 4}));
  UOpPtr r0 = a.make(Op::RANGE, DType::index(), {a.index_const(3)}, Arg(IntTuple{0, 0}));
  UOpPtr r1 = a.make(Op::RANGE, DType::index(), {a.index_const(4)}, Arg(IntTuple{1, 0}));
};

TEST_F(VerifyScheduling, TensorAndIndexOpsMeetWhileRangeifyRuns) {
  UOpPtr idx = a.make(Op::INDEX, DType::float32(), {reshape, r0, r1}, Arg(int64_t(1)));
  EXPECT_TRUE(verify_graph(idx, Stage::Scheduling).empty());
  EXPECT_FALSE(verify_graph(idx, Stage::Rangeified).empty());  // the RESHAPE must be gone by then
  EXPECT_FALSE(verify_graph(idx, Stage::Tensor).empty());      // and INDEX is not a tensor op
}

TEST_F(VerifyScheduling, StoreRunsOverItsLoopRanges) {
  UOpPtr g = a.make(Op::DEFINE_GLOBAL, DType::pointer(Scalar::Float32, 12), {}, Arg(int64_t(0)));
  UOpPtr addr = a.make(Op::INDEX, g->dtype, {g, r0->mul(int64_t(4))->add(r1)});
  UOpPtr v = a.const_float(DType::float32(), 1.0);
  EXPECT_TRUE(verify_graph(a.make(Op::STORE, DType::void_(), {addr, v, r0, r1}), Stage::Rangeified).empty());
  EXPECT_TRUE(verify_graph(a.make(Op::STORE, DType::void_(), {addr, v, a.const_bool(true)}), Stage::Lowered).empty());
  auto bad = verify_graph(a.make(Op::STORE, DType::void_(), {addr, v, a.index_const(2)}), Stage::Rangeified);
  ASSERT_FALSE(bad.empty());
  EXPECT_EQ(bad[0].rule, "store-dtype");
}

TEST_F(VerifyScheduling, OnlyTheFourPublicStagesAreListedInMessages) {
  auto v = verify_node(reshape, Stage::Rangeified);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->message, "RESHAPE may not appear at the rangeified stage (allowed at: tensor)");
  EXPECT_EQ(stage_name(Stage::Scheduling), "scheduling");
}

}  // namespace
}  // namespace rw
