// The graphs the Tensor API builds: shapes on every node, dtype promotion, broadcasting,
// and composites made of the primitives the scheduler expects.
#include <gtest/gtest.h>

#include <set>

#include "engine/frontend/tensor.h"
#include "engine/ir/graph.h"

namespace rw {
namespace {

std::multiset<Op> ops_of(const Tensor& t) {
  std::multiset<Op> out;
  for (UOpPtr n : toposort(t.node())) out.insert(n->op);
  return out;
}

struct Fixture : ::testing::Test {
  Arena arena;
  TensorContext ctx{arena};
  Tensor input(Shape shape, DType d = DType::float32()) {
    return Tensor::from_array(ctx, HostArray{d, shape, std::vector<double>(size_t(shape_numel(shape)), 1.0)}, "x", BufferOrigin::Literal);
  }
};

using TensorGraph = Fixture;

TEST(ShapeInference, EveryTensorOpAndItsErrors) {
  Arena a;
  UOpPtr buf = a.make(Op::BUFFER, DType::float32(), {}, Arg(IntTuple{0, 12}));
  EXPECT_EQ(*buf->shape, (Shape{12}));
  UOpPtr r = a.make(Op::RESHAPE, DType::float32(), {buf}, Arg(IntTuple{3, 4}));
  EXPECT_EQ(*r->shape, (Shape{3, 4}));
  EXPECT_EQ(*a.make(Op::PERMUTE, DType::float32(), {r}, Arg(IntTuple{1, 0}))->shape, (Shape{4, 3}));
  EXPECT_EQ(*a.make(Op::PAD, DType::float32(), {r}, Arg(PairTuple{{1, 0}, {2, 2}}))->shape, (Shape{4, 8}));
  EXPECT_EQ(*a.make(Op::SHRINK, DType::float32(), {r}, Arg(PairTuple{{1, 3}, {0, 1}}))->shape, (Shape{2, 1}));
  EXPECT_EQ(*a.make(Op::FLIP, DType::float32(), {r}, Arg(IntTuple{1}))->shape, (Shape{3, 4}));
  UOpPtr red = a.make(Op::REDUCE_AXIS, DType::float32(), {r}, Arg(ReduceArg{Op::ADD, {1}}));
  EXPECT_EQ(*red->shape, (Shape{3, 1}));
  EXPECT_EQ(*a.make(Op::EXPAND, DType::float32(), {red}, Arg(IntTuple{3, 5}))->shape, (Shape{3, 5}));
  EXPECT_EQ(*a.make(Op::CMPLT, DType::bool_(), {r, r})->shape, (Shape{3, 4}));
  EXPECT_EQ(*a.const_float(DType::float32(), 1.0)->shape, Shape{});
  EXPECT_FALSE(a.range(a.index_const(4), 0)->shape.has_value()) << "indexing nodes have no tensor shape";
  EXPECT_FALSE(a.sink({r})->shape.has_value());

  std::vector<UOpPtr> two = {r, red};
  EXPECT_EQ(infer_shape(Op::ADD, DType::float32(), two, {}).error, "ADD needs operands of one shape, got (3, 4) and (3, 1)");
  std::vector<UOpPtr> one = {r};
  EXPECT_EQ(infer_shape(Op::RESHAPE, DType::float32(), one, Arg(IntTuple{5})).error,
            "cannot reshape (3, 4) (12 elements) to (5,) (5 elements)");
  EXPECT_EQ(infer_shape(Op::EXPAND, DType::float32(), one, Arg(IntTuple{3, 8})).error,
            "cannot expand (3, 4) to (3, 8): only axes of size 1 can grow");
  EXPECT_EQ(infer_shape(Op::SHRINK, DType::float32(), one, Arg(PairTuple{{0, 4}, {0, 4}})).error,
            "cannot shrink (3, 4) to ((0, 4), (0, 4)): give one (start, end) per axis with 0 <= start <= end <= size");
  // Arena::make never throws for shapes: a later stage may build what the frontend would not.
  EXPECT_FALSE(a.make(Op::ADD, DType::float32(), two)->shape.has_value());
}

TEST(Broadcast, NumpyRules) {
  EXPECT_EQ(broadcast_shapes({4, 1, 8}, {1, 5, 8}), (Shape{4, 5, 8}));
  EXPECT_EQ(broadcast_shapes({3}, {2, 1}), (Shape{2, 3}));
  EXPECT_EQ(broadcast_shapes({}, {2, 3}), (Shape{2, 3}));
  EXPECT_THROW(broadcast_shapes({4, 8}, {3}), TensorError);
}

TEST(Promotion, BoolIntFloat) {
  EXPECT_EQ(promote_dtypes(DType::int32(), DType::float32()), DType::float32());
  EXPECT_EQ(promote_dtypes(DType::int64(), DType::float32()), DType::float32());
  EXPECT_EQ(promote_dtypes(DType::int32(), DType::float64()), DType::float64());
  EXPECT_EQ(promote_dtypes(DType::float32(), DType::float64()), DType::float64());
  EXPECT_EQ(promote_dtypes(DType::bool_(), DType::int32()), DType::int32());
  EXPECT_EQ(promote_dtypes(DType::int32(), DType::int64()), DType::int64());
}

TEST_F(TensorGraph, ConstantsAreScalarsBroadcastByReshapeAndExpand) {
  Tensor z = Tensor::zeros(ctx, {2, 3});
  EXPECT_EQ(z.node()->op, Op::EXPAND);
  EXPECT_EQ(z.node()->src[0]->op, Op::RESHAPE);
  EXPECT_EQ(*z.node()->src[0]->shape, (Shape{1, 1}));
  EXPECT_EQ(z.node()->src[0]->src[0]->op, Op::CONST);
  EXPECT_EQ(*z.node()->src[0]->src[0]->shape, Shape{});
}

TEST_F(TensorGraph, BinaryOpsBroadcastAndCastToOneDtype) {
  Tensor a = input({4, 1}), b = input({3}, DType::int32());
  Tensor c = Tensor::add(a, b);
  EXPECT_EQ(c.shape(), (Shape{4, 3}));
  EXPECT_EQ(c.dtype(), DType::float32());
  EXPECT_EQ(c.node()->op, Op::ADD);
  EXPECT_EQ(c.node()->src[0]->op, Op::EXPAND);
  EXPECT_EQ(c.node()->src[1]->op, Op::EXPAND);
  EXPECT_EQ(ops_of(c).count(Op::CAST), 1u);
  EXPECT_EQ(Tensor::mul(b, Number::real(0.5)).dtype(), DType::float32());
  EXPECT_EQ(Tensor::mul(b, Number::integer(2)).dtype(), DType::int32());
  EXPECT_EQ(Tensor::lt(a, Number::integer(2)).dtype(), DType::bool_());
}

TEST_F(TensorGraph, NoOpMovementsBuildNothing) {
  Tensor x = input({2, 3});
  EXPECT_EQ(x.reshape({2, 3}).node(), x.node());
  EXPECT_EQ(x.permute({0, 1}).node(), x.node());
  EXPECT_EQ(x.expand({2, 3}).node(), x.node());
  EXPECT_EQ(x.pad({{0, 0}, {0, 0}}).node(), x.node());
  EXPECT_EQ(x.shrink({{0, 2}, {0, 3}}).node(), x.node());
  EXPECT_EQ(x.reshape({-1}).shape(), (Shape{6}));
}

TEST_F(TensorGraph, MatmulIsReshapeExpandMulSum) {
  Tensor y = Tensor::matmul(input({16, 24}), input({24, 8}));
  EXPECT_EQ(y.shape(), (Shape{16, 8}));
  std::multiset<Op> ops = ops_of(y);
  EXPECT_EQ(ops.count(Op::MUL), 1u);
  EXPECT_EQ(ops.count(Op::REDUCE_AXIS), 1u);
  EXPECT_GE(ops.count(Op::EXPAND), 2u);
  EXPECT_EQ(ops.count(Op::PERMUTE), 1u);
  EXPECT_EQ(y.node()->op, Op::RESHAPE);
  UOpPtr reduce = y.node()->src[0];
  EXPECT_EQ(reduce->arg.get<ReduceArg>().axes, IntTuple{2});
  EXPECT_EQ(*reduce->shape, (Shape{16, 8, 1}));
}

TEST_F(TensorGraph, ExpAndLogGoThroughExp2AndLog2) {
  Tensor x = input({3});
  std::multiset<Op> e = ops_of(x.exp());
  EXPECT_EQ(e.count(Op::EXP2), 1u);
  EXPECT_EQ(e.count(Op::MUL), 1u);
  std::multiset<Op> l = ops_of(x.log());
  EXPECT_EQ(l.count(Op::LOG2), 1u);
  std::multiset<Op> d = ops_of(Tensor::div(x, x));
  EXPECT_EQ(d.count(Op::RECIP), 1u);
  EXPECT_EQ(ops_of(x.cos()).count(Op::SIN), 1u);
}

TEST_F(TensorGraph, Conv2dAndCumsumSlideWindowsMadeOfMovementOps) {
  Tensor y = input({1, 3, 12, 12}).conv2d(input({4, 3, 3, 3}), 1, 1);
  EXPECT_EQ(y.shape(), (Shape{1, 4, 12, 12}));
  std::multiset<Op> ops = ops_of(y);
  for (Op op : {Op::PAD, Op::SHRINK, Op::RESHAPE, Op::EXPAND, Op::PERMUTE, Op::MUL, Op::REDUCE_AXIS}) EXPECT_GT(ops.count(op), 0u) << op_name(op);
  Tensor c = input({3, 10}).cumsum(1);
  EXPECT_EQ(c.shape(), (Shape{3, 10}));
  EXPECT_EQ(ops_of(c).count(Op::REDUCE_AXIS), 1u);
  EXPECT_EQ(ops_of(input({2, 1024}).cumsum(1)).count(Op::REDUCE_AXIS), 2u) << "a long axis is split in blocks";
}

TEST_F(TensorGraph, ReductionsKeepOrDropAxes) {
  Tensor x = input({2, 3, 4});
  EXPECT_EQ(x.sum(IntTuple{1}).shape(), (Shape{2, 4}));
  EXPECT_EQ(x.sum(IntTuple{-1}, true).shape(), (Shape{2, 3, 1}));
  EXPECT_EQ(x.max().shape(), Shape{});
  EXPECT_EQ(x.mean(IntTuple{0, 2}).shape(), (Shape{3}));
  EXPECT_EQ(input({4}, DType::int32()).sum().dtype(), DType::int32());
  EXPECT_EQ(input({4}, DType::bool_()).sum().dtype(), DType::int32());
  EXPECT_EQ(input({4}, DType::int32()).mean().dtype(), DType::float32());
  EXPECT_THROW(x.sum(IntTuple{3}), TensorError);
  EXPECT_THROW(x.sum(IntTuple{1, -2}), TensorError);
}

TEST_F(TensorGraph, ProvenanceIsTheLocationBeingBuilt) {
  ctx.set_location(SourceLoc{"p.tg", 3, 7});
  Tensor x = input({2});
  Tensor y = x.exp();
  ctx.set_location(SourceLoc{"p.tg", 4, 1});
  Tensor z = y.exp();  // same graph as y plus one more exp
  for (UOpPtr n : toposort(y.node())) {
    ASSERT_NE(arena.provenance(n), nullptr) << n->summary();
    EXPECT_EQ(arena.provenance(n)->to_string(), "p.tg:3:7");
  }
  EXPECT_EQ(arena.provenance(z.node())->to_string(), "p.tg:4:1");
}

}  // namespace
}  // namespace rw
