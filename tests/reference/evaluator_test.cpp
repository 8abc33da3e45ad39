// The reference interpreter at the graph level: per-op rules on hand-built graphs,
// rounding to each node's dtype, memoization, and the extension point for later stages.
#include <gtest/gtest.h>

#include "engine/ir/arena.h"
#include "engine/ir/shape.h"
#include "engine/reference/evaluator.h"

namespace rw {
namespace {

struct EvalFixture : ::testing::Test {
  Arena a;
  BufferTable buffers;
  UOpPtr buffer(DType d, Shape shape, std::vector<double> data) {
    int64_t n = int64_t(data.size());
    int64_t slot = buffers.add(BufferEntry{"t", BufferOrigin::Literal, "", HostArray{d, shape, std::move(data)}});
    return a.make(Op::RESHAPE, d, {a.make(Op::BUFFER, d, {}, Arg(IntTuple{slot, n}))}, Arg(shape));
  }
};

using ReferenceEvaluator = EvalFixture;

TEST_F(ReferenceEvaluator, MovementOpsIndexTheirSource) {
  UOpPtr x = buffer(DType::float32(), {2, 3}, {0, 1, 2, 3, 4, 5});
  Evaluator ev(buffers);
  auto f32 = DType::float32();
  EXPECT_EQ(ev.evaluate(a.make(Op::PERMUTE, f32, {x}, Arg(IntTuple{1, 0}))).data, (std::vector<double>{0, 3, 1, 4, 2, 5}));
  EXPECT_EQ(ev.evaluate(a.make(Op::FLIP, f32, {x}, Arg(IntTuple{0, 1}))).data, (std::vector<double>{5, 4, 3, 2, 1, 0}));
  EXPECT_EQ(ev.evaluate(a.make(Op::SHRINK, f32, {x}, Arg(PairTuple{{1, 2}, {1, 3}}))).data, (std::vector<double>{4, 5}));
  EXPECT_EQ(ev.evaluate(a.make(Op::PAD, f32, {x}, Arg(PairTuple{{0, 0}, {1, 1}}))).data,
            (std::vector<double>{0, 0, 1, 2, 0, 0, 3, 4, 5, 0}));
  UOpPtr col = a.make(Op::RESHAPE, f32, {a.make(Op::SHRINK, f32, {x}, Arg(PairTuple{{0, 2}, {0, 1}}))}, Arg(IntTuple{2, 1}));
  EXPECT_EQ(ev.evaluate(a.make(Op::EXPAND, f32, {col}, Arg(IntTuple{2, 3}))).data, (std::vector<double>{0, 0, 0, 3, 3, 3}));
  HostArray r = ev.evaluate(a.make(Op::REDUCE_AXIS, f32, {x}, Arg(ReduceArg{Op::MAX, {0}})));
  EXPECT_EQ(r.shape, (Shape{1, 3}));
  EXPECT_EQ(r.data, (std::vector<double>{3, 4, 5}));
}

TEST_F(ReferenceEvaluator, ResultsAreRoundedToTheNodesDtype) {
  UOpPtr third = a.make(Op::RECIP, DType::float32(), {a.const_float(DType::float32(), 3.0)});
  Evaluator ev(buffers);
  EXPECT_EQ(ev.evaluate(third).data[0], double(1.0f / 3.0f));
  UOpPtr big = a.make(Op::MUL, DType::int32(), {a.const_int(DType::int32(), 65536), a.const_int(DType::int32(), 65536)});
  EXPECT_EQ(ev.evaluate(big).data[0], 0) << "int32 wraps";
  UOpPtr neg = a.make(Op::IDIV, DType::int32(), {a.const_int(DType::int32(), -7), a.const_int(DType::int32(), 2)});
  EXPECT_EQ(ev.evaluate(neg).data[0], -4);
  UOpPtr cast = a.make(Op::CAST, DType::int32(), {a.const_float(DType::float32(), -2.75)});
  EXPECT_EQ(ev.evaluate(cast).data[0], -2);
  UOpPtr b = a.make(Op::CAST, DType::bool_(), {a.const_float(DType::float32(), 0.5)});
  EXPECT_EQ(ev.evaluate(b).data[0], 1);
}

TEST_F(ReferenceEvaluator, SharedNodesAreEvaluatedOnceAndLaterStagesPlugIn) {
  UOpPtr x = buffer(DType::float32(), {3}, {1, 2, 3});
  int calls = 0;
  Evaluator ev(buffers);
  ev.set_rule(Op::SQRT, [&](UOpPtr n, std::span<const HostArray* const> src, Evaluator&) {
    ++calls;
    HostArray out = *src[0];
    for (double& v : out.data) v = -v;  // a recognizable stand-in
    out.dtype = n->dtype;
    return out;
  });
  UOpPtr s = a.make(Op::SQRT, DType::float32(), {x});
  UOpPtr y = a.make(Op::ADD, DType::float32(), {s, s});
  EXPECT_EQ(ev.evaluate(y).data, (std::vector<double>{-2, -4, -6}));
  EXPECT_EQ(ev.evaluate(s).data, (std::vector<double>{-1, -2, -3}));
  EXPECT_EQ(calls, 1);
}

TEST_F(ReferenceEvaluator, OpsItHasNoRuleForAreNamed) {
  UOpPtr r = a.range(a.index_const(4), 0);
  Evaluator ev(buffers);
  try {
    ev.evaluate(r);
    ADD_FAILURE() << "no error";
  } catch (const EvalError& e) {
    EXPECT_EQ(std::string(e.what()), "the reference interpreter cannot evaluate RANGE index (0,) (node %" + std::to_string(r->id) +
                                         "): it evaluates tensor graphs, before scheduling");
  }
}

}  // namespace
}  // namespace rw
