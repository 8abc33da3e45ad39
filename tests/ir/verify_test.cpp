#include "engine/ir/verify.h"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <sstream>

#include "engine/ir/arena.h"

namespace rw {
namespace {

const DType kI32 = DType::int32();
const DType kF32 = DType::float32();
const DType kIdx = DType::index();
const DType kBool = DType::bool_();
const DType kVoid = DType::void_();

// The rule `node` breaks at `stage`, or "ok".
std::string rule_of(UOpPtr node, Stage stage) {
  auto v = verify_node(node, stage);
  return v ? v->rule : "ok";
}

class VerifyTest : public ::testing::Test {
 public:  // the typing cases build nodes through the fixture
  Arena a;
  UOpPtr x = a.var("x", 0, 15);                                 // index
  UOpPtr i32 = a.const_int(kI32, 3);
  UOpPtr f32 = a.const_float(kF32, 1.5);
  UOpPtr yes = a.const_bool(true);
  UOpPtr buf = a.make(Op::BUFFER, kF32, {}, Arg(int64_t(16)));  // a tensor-graph buffer of 16 floats
  UOpPtr gbuf = a.make(Op::DEFINE_GLOBAL, DType::pointer(Scalar::Float32, 16), {}, Arg(int64_t(0)));
  UOpPtr rng = a.range(a.index_const(16), 0);

  UOpPtr make(Op op, DType d, std::vector<UOpPtr> src = {}, Arg arg = {}) { return a.make(op, d, std::move(src), std::move(arg)); }
};

// One positive and one negative case for each family of typing rules, at a stage where the op
// is allowed, so only the typing rule can object.
struct Case {
  const char* what;
  std::function<UOpPtr(VerifyTest&)> build;
  Stage stage;
  const char* rule;  // expected rule, or "ok"
};

class VerifyTypingCases : public VerifyTest {};

TEST_F(VerifyTypingCases, EachFamilyAcceptsGoodNodesAndRejectsBadOnes) {
  using S = Stage;
  std::vector<Case> cases = {
      // meta
      {"sink of stores", [](VerifyTest& t) { return t.a.sink({t.x}); }, S::Tensor, "ok"},
      {"sink with a dtype", [](VerifyTest& t) { return t.make(Op::SINK, kI32, {t.x}); }, S::Tensor, "sink-dtype"},
      {"kernel", [](VerifyTest& t) { return t.make(Op::KERNEL, kVoid, {t.gbuf}, Arg("E_16")); }, S::Rangeified, "ok"},
      {"kernel without sources", [](VerifyTest& t) { return t.make(Op::KERNEL, kVoid, {}); }, S::Rangeified, "kernel-src-count"},
      {"group of effects", [](VerifyTest& t) { return t.make(Op::GROUP, kVoid, {t.a.sink({t.x})}); }, S::Tensor, "ok"},
      {"group of a value", [](VerifyTest& t) { return t.make(Op::GROUP, kVoid, {t.x}); }, S::Tensor, "group-dtype"},
      {"noop takes anything", [](VerifyTest& t) { return t.make(Op::NOOP, kI32, {t.x, t.f32}, Arg(1.0)); }, S::Tensor, "ok"},
      // buffers
      {"buffer", [](VerifyTest& t) { return t.buf; }, S::Tensor, "ok"},
      {"buffer with a float arg", [](VerifyTest& t) { return t.make(Op::BUFFER, kF32, {}, Arg(2.0)); }, S::Tensor, "buffer-arg"},
      {"bufferize", [](VerifyTest& t) { return t.make(Op::BUFFERIZE, kF32, {t.f32, t.rng}); }, S::Rangeified, "ok"},
      {"bufferize over an int32", [](VerifyTest& t) { return t.make(Op::BUFFERIZE, kF32, {t.f32, t.i32}); }, S::Rangeified, "index-arith-dtype"},
      {"copy", [](VerifyTest& t) { return t.make(Op::COPY, kF32, {t.buf}); }, S::Tensor, "ok"},
      {"copy changing dtype", [](VerifyTest& t) { return t.make(Op::COPY, kI32, {t.buf}); }, S::Tensor, "copy-dtype"},
      {"contiguous", [](VerifyTest& t) { return t.make(Op::CONTIGUOUS, kF32, {t.buf}); }, S::Tensor, "ok"},
      {"contiguous of two", [](VerifyTest& t) { return t.make(Op::CONTIGUOUS, kF32, {t.buf, t.buf}); }, S::Tensor, "contiguous-src-count"},
      {"realize", [](VerifyTest& t) { return t.make(Op::REALIZE, kF32, {t.buf}); }, S::Tensor, "ok"},
      {"realize changing dtype", [](VerifyTest& t) { return t.make(Op::REALIZE, kI32, {t.buf}); }, S::Tensor, "realize-dtype"},
      {"assign", [](VerifyTest& t) { return t.make(Op::ASSIGN, kF32, {t.buf, t.f32}); }, S::Tensor, "ok"},
      {"assign of another dtype", [](VerifyTest& t) { return t.make(Op::ASSIGN, kF32, {t.buf, t.i32}); }, S::Tensor, "assign-dtype"},
      {"buffer view", [](VerifyTest& t) { return t.make(Op::BUFFER_VIEW, kF32, {t.buf}, Arg(IntTuple{8, 4})); }, S::Tensor, "ok"},
      {"buffer view without arg", [](VerifyTest& t) { return t.make(Op::BUFFER_VIEW, kF32, {t.buf}); }, S::Tensor, "buffer-view-arg"},
      // movement
      {"reshape", [](VerifyTest& t) { return t.make(Op::RESHAPE, kF32, {t.buf}, Arg(IntTuple{4, 4})); }, S::Tensor, "ok"},
      {"reshape with pairs", [](VerifyTest& t) { return t.make(Op::RESHAPE, kF32, {t.buf}, Arg(PairTuple{{4, 4}})); }, S::Tensor, "movement-arg"},
      {"reshape to a negative size", [](VerifyTest& t) { return t.make(Op::RESHAPE, kF32, {t.buf}, Arg(IntTuple{-1, 16})); }, S::Tensor, "movement-arg"},
      {"permute", [](VerifyTest& t) { return t.make(Op::PERMUTE, kF32, {t.buf}, Arg(IntTuple{1, 0})); }, S::Tensor, "ok"},
      {"permute repeating an axis", [](VerifyTest& t) { return t.make(Op::PERMUTE, kF32, {t.buf}, Arg(IntTuple{1, 1})); }, S::Tensor, "movement-arg"},
      {"pad", [](VerifyTest& t) { return t.make(Op::PAD, kF32, {t.buf}, Arg(PairTuple{{1, 2}})); }, S::Tensor, "ok"},
      {"pad negative", [](VerifyTest& t) { return t.make(Op::PAD, kF32, {t.buf}, Arg(PairTuple{{-1, 2}})); }, S::Tensor, "movement-arg"},
      {"shrink", [](VerifyTest& t) { return t.make(Op::SHRINK, kF32, {t.buf}, Arg(PairTuple{{2, 5}})); }, S::Tensor, "ok"},
      {"shrink backwards", [](VerifyTest& t) { return t.make(Op::SHRINK, kF32, {t.buf}, Arg(PairTuple{{5, 2}})); }, S::Tensor, "movement-arg"},
      {"flip", [](VerifyTest& t) { return t.make(Op::FLIP, kF32, {t.buf}, Arg(IntTuple{0})); }, S::Tensor, "ok"},
      {"flip with pairs", [](VerifyTest& t) { return t.make(Op::FLIP, kF32, {t.buf}, Arg(PairTuple{{0, 1}})); }, S::Tensor, "movement-arg"},
      {"expand changing dtype", [](VerifyTest& t) { return t.make(Op::EXPAND, kI32, {t.buf}, Arg(IntTuple{16})); }, S::Tensor, "movement-dtype"},
      // indexing
      {"index", [](VerifyTest& t) { return t.make(Op::INDEX, kF32, {t.buf, t.rng}); }, S::Rangeified, "ok"},
      {"index with a gate", [](VerifyTest& t) { return t.make(Op::INDEX, kF32, {t.buf, t.rng, t.yes}); }, S::Rangeified, "ok"},
      {"index of another element type", [](VerifyTest& t) { return t.make(Op::INDEX, kI32, {t.buf, t.rng}); }, S::Rangeified, "index-dtype"},
      {"index with a float offset", [](VerifyTest& t) { return t.make(Op::INDEX, t.gbuf->dtype, {t.gbuf, t.f32}); }, S::Lowered, "index-dtype"},
      {"range", [](VerifyTest& t) { return t.rng; }, S::Rangeified, "ok"},
      {"range with an int32 end", [](VerifyTest& t) { return t.make(Op::RANGE, kIdx, {t.i32}, Arg(IntTuple{0})); }, S::Rangeified, "index-arith-dtype"},
      {"range without axis", [](VerifyTest& t) { return t.make(Op::RANGE, kIdx, {t.a.index_const(4)}, Arg(IntTuple{})); }, S::Rangeified, "range-arg"},
      {"range with int arg", [](VerifyTest& t) { return t.make(Op::RANGE, kIdx, {t.a.index_const(4)}, Arg(int64_t(0))); }, S::Rangeified, "range-arg"},
      {"end", [](VerifyTest& t) { return t.make(Op::END, kVoid, {t.a.sink({t.x}), t.rng}); }, S::Rangeified, "ok"},
      {"end of a non-range", [](VerifyTest& t) { return t.make(Op::END, kVoid, {t.a.sink({t.x}), t.x}); }, S::Rangeified, "end-src"},
      {"valid", [](VerifyTest& t) { return t.make(Op::VALID, kIdx, {t.x, t.yes}); }, S::Rangeified, "ok"},
      {"valid with an int condition", [](VerifyTest& t) { return t.make(Op::VALID, kIdx, {t.x, t.x}); }, S::Rangeified, "valid-dtype"},
      {"invalid", [](VerifyTest& t) { return t.make(Op::INVALID, kIdx); }, S::Rangeified, "ok"},
      {"invalid with a source", [](VerifyTest& t) { return t.make(Op::INVALID, kIdx, {t.x}); }, S::Rangeified, "invalid-src-count"},
      // defines
      {"define global", [](VerifyTest& t) { return t.gbuf; }, S::Lowered, "ok"},
      {"define global of a value", [](VerifyTest& t) { return t.make(Op::DEFINE_GLOBAL, kF32, {}, Arg(int64_t(0))); }, S::Lowered, "define-buffer-dtype"},
      {"define var", [](VerifyTest& t) { return t.x; }, S::Tensor, "ok"},
      {"define var min > max", [](VerifyTest& t) { return t.a.var("n", 5, 4); }, S::Tensor, "define-var-arg"},
      {"define var of float", [](VerifyTest& t) { return t.a.var("n", 0, 4, kF32); }, S::Tensor, "define-var-dtype"},
      {"define var beyond int8", [](VerifyTest& t) { return t.a.var("n", 0, 400, DType(Scalar::Int8)); }, S::Tensor, "define-var-arg"},
      // reduce
      {"reduce axis", [](VerifyTest& t) { return t.make(Op::REDUCE_AXIS, kF32, {t.buf}, Arg(ReduceArg{Op::ADD, {0}})); }, S::Tensor, "ok"},
      {"reduce axis with SUB", [](VerifyTest& t) { return t.make(Op::REDUCE_AXIS, kF32, {t.buf}, Arg(ReduceArg{Op::SUB, {0}})); }, S::Tensor, "reduce-axis-arg"},
      {"reduce axis twice", [](VerifyTest& t) { return t.make(Op::REDUCE_AXIS, kF32, {t.buf}, Arg(ReduceArg{Op::MAX, {1, 1}})); }, S::Tensor, "reduce-axis-arg"},
      {"reduce axis without axes", [](VerifyTest& t) { return t.make(Op::REDUCE_AXIS, kF32, {t.buf}, Arg(ReduceArg{Op::MAX, {}})); }, S::Tensor, "reduce-axis-arg"},
      {"reduce axis with int arg", [](VerifyTest& t) { return t.make(Op::REDUCE_AXIS, kF32, {t.buf}, Arg(IntTuple{0})); }, S::Tensor, "reduce-axis-arg"},
      {"reduce", [](VerifyTest& t) { return t.make(Op::REDUCE, kF32, {t.f32, t.rng}, Arg(ReduceArg{Op::ADD, {}})); }, S::Rangeified, "ok"},
      {"reduce with axes", [](VerifyTest& t) { return t.make(Op::REDUCE, kF32, {t.f32, t.rng}, Arg(ReduceArg{Op::ADD, {0}})); }, S::Rangeified, "reduce-arg"},
      // unary
      {"exp2", [](VerifyTest& t) { return t.make(Op::EXP2, kF32, {t.f32}); }, S::Tensor, "ok"},
      {"exp2 of int", [](VerifyTest& t) { return t.make(Op::EXP2, kI32, {t.i32}); }, S::Tensor, "float-unary-dtype"},
      {"neg", [](VerifyTest& t) { return t.x->neg(); }, S::Tensor, "ok"},
      {"neg of bool", [](VerifyTest& t) { return t.make(Op::NEG, kBool, {t.yes}); }, S::Tensor, "neg-dtype"},
      {"cast float to int", [](VerifyTest& t) { return t.f32->cast(kI32); }, S::Tensor, "ok"},
      {"cast to void", [](VerifyTest& t) { return t.make(Op::CAST, kVoid, {t.f32}); }, S::Tensor, "cast-dtype"},
      {"cast to a vector", [](VerifyTest& t) { return t.make(Op::CAST, kF32.vec(4), {t.i32}); }, S::Lowered, "cast-dtype"},
      {"bitcast float32 to int32", [](VerifyTest& t) { return t.make(Op::BITCAST, kI32, {t.f32}); }, S::Tensor, "ok"},
      {"bitcast float32 to int64", [](VerifyTest& t) { return t.make(Op::BITCAST, DType::int64(), {t.f32}); }, S::Tensor, "bitcast-dtype"},
      {"bitcast of index", [](VerifyTest& t) { return t.make(Op::BITCAST, DType::int64(), {t.x}); }, S::Tensor, "bitcast-dtype"},
      // binary
      {"add", [](VerifyTest& t) { return t.f32->add(t.f32); }, S::Tensor, "ok"},
      {"add of float and int", [](VerifyTest& t) { return t.make(Op::ADD, kF32, {t.f32, t.i32}); }, S::Tensor, "arith-dtype"},
      {"add of three", [](VerifyTest& t) { return t.make(Op::ADD, kF32, {t.f32, t.f32, t.f32}); }, S::Tensor, "arith-src-count"},
      {"idiv", [](VerifyTest& t) { return t.x->idiv(int64_t(4)); }, S::Tensor, "ok"},
      {"idiv of floats", [](VerifyTest& t) { return t.make(Op::IDIV, kF32, {t.f32, t.f32}); }, S::Tensor, "int-arith-dtype"},
      {"fdiv", [](VerifyTest& t) { return t.make(Op::FDIV, kF32, {t.f32, t.f32}); }, S::Tensor, "ok"},
      {"fdiv of ints", [](VerifyTest& t) { return t.make(Op::FDIV, kI32, {t.i32, t.i32}); }, S::Tensor, "float-arith-dtype"},
      {"and of bools", [](VerifyTest& t) { return t.yes->logical_and(t.yes); }, S::Tensor, "ok"},
      {"and of floats", [](VerifyTest& t) { return t.make(Op::AND, kF32, {t.f32, t.f32}); }, S::Tensor, "logic-dtype"},
      {"shift by uint32", [](VerifyTest& t) { return t.make(Op::SHL, kI32, {t.i32, t.a.const_int(DType(Scalar::UInt32), 2)}); }, S::Tensor, "ok"},
      {"shift by int8", [](VerifyTest& t) { return t.make(Op::SHL, kI32, {t.i32, t.a.const_int(DType(Scalar::Int8), 2)}); }, S::Tensor, "shift-dtype"},
      {"compare", [](VerifyTest& t) { return t.f32->lt(t.f32); }, S::Tensor, "ok"},
      {"compare to int result", [](VerifyTest& t) { return t.make(Op::CMPLT, kI32, {t.i32, t.i32}); }, S::Tensor, "compare-dtype"},
      {"compare float with int", [](VerifyTest& t) { return t.make(Op::CMPNE, kBool, {t.f32, t.i32}); }, S::Tensor, "compare-dtype"},
      // ternary
      {"where", [](VerifyTest& t) { return t.yes->where(t.f32, t.f32); }, S::Tensor, "ok"},
      {"where on an int condition", [](VerifyTest& t) { return t.make(Op::WHERE, kF32, {t.i32, t.f32, t.f32}); }, S::Tensor, "where-dtype"},
      {"where of mixed values", [](VerifyTest& t) { return t.make(Op::WHERE, kF32, {t.yes, t.f32, t.i32}); }, S::Tensor, "where-dtype"},
      {"mulacc", [](VerifyTest& t) { return t.make(Op::MULACC, kF32, {t.f32, t.f32, t.f32}); }, S::Tensor, "ok"},
      {"mulacc of bools", [](VerifyTest& t) { return t.make(Op::MULACC, kBool, {t.yes, t.yes, t.yes}); }, S::Tensor, "mulacc-dtype"},
      // memory
      {"load through index", [](VerifyTest& t) { return t.make(Op::LOAD, kF32, {t.make(Op::INDEX, kF32, {t.buf, t.rng})}); }, S::Rangeified, "ok"},
      {"load of a value", [](VerifyTest& t) { return t.make(Op::LOAD, kF32, {t.f32}); }, S::Rangeified, "load-dtype"},
      {"gated load", [](VerifyTest& t) { return t.make(Op::LOAD, kF32, {t.gbuf, t.f32, t.yes}); }, S::Lowered, "ok"},
      {"load with an alt but no gate", [](VerifyTest& t) { return t.make(Op::LOAD, kF32, {t.gbuf, t.f32}); }, S::Lowered, "load-src-count"},
      {"load of another element type", [](VerifyTest& t) { return t.make(Op::LOAD, kI32, {t.gbuf}); }, S::Lowered, "load-dtype"},
      {"store", [](VerifyTest& t) { return t.make(Op::STORE, kVoid, {t.gbuf, t.f32}); }, S::Lowered, "ok"},
      {"store of another dtype", [](VerifyTest& t) { return t.make(Op::STORE, kVoid, {t.gbuf, t.i32}); }, S::Lowered, "store-dtype"},
      {"store into a value", [](VerifyTest& t) { return t.make(Op::STORE, kVoid, {t.f32, t.f32}); }, S::Lowered, "store-dtype"},
      {"store with a non-bool gate", [](VerifyTest& t) { return t.make(Op::STORE, kVoid, {t.gbuf, t.f32, t.f32}); }, S::Lowered, "store-dtype"},
      // control
      {"if", [](VerifyTest& t) { return t.make(Op::IF, kVoid, {t.yes}); }, S::Lowered, "ok"},
      {"if on an int", [](VerifyTest& t) { return t.make(Op::IF, kVoid, {t.i32}); }, S::Lowered, "if-dtype"},
      {"endif", [](VerifyTest& t) { return t.make(Op::ENDIF, kVoid, {t.make(Op::IF, kVoid, {t.yes})}); }, S::Lowered, "ok"},
      {"endif of a value", [](VerifyTest& t) { return t.make(Op::ENDIF, kVoid, {t.yes}); }, S::Lowered, "endif-src"},
      {"barrier", [](VerifyTest& t) { return t.make(Op::BARRIER, kVoid); }, S::Lowered, "ok"},
      {"barrier with a value", [](VerifyTest& t) { return t.make(Op::BARRIER, kI32); }, S::Lowered, "barrier-dtype"},
      // constants
      {"float const", [](VerifyTest& t) { return t.f32; }, S::Tensor, "ok"},
      {"float const with an int value", [](VerifyTest& t) { return t.make(Op::CONST, kF32, {}, Arg(int64_t(1))); }, S::Tensor, "const-arg"},
      {"bool const with an int value", [](VerifyTest& t) { return t.make(Op::CONST, kBool, {}, Arg(int64_t(1))); }, S::Tensor, "const-arg"},
      {"index const with a float value", [](VerifyTest& t) { return t.make(Op::CONST, kIdx, {}, Arg(1.0)); }, S::Tensor, "const-arg"},
      {"int8 const out of range", [](VerifyTest& t) { return t.make(Op::CONST, DType(Scalar::Int8), {}, Arg(int64_t(300))); }, S::Tensor, "const-arg"},
      {"vector const", [](VerifyTest& t) { return t.make(Op::CONST, kF32.vec(2), {}, Arg(1.0)); }, S::Tensor, "const-dtype"},
      {"vconst", [](VerifyTest& t) { return t.make(Op::VCONST, kI32.vec(2), {}, Arg(IntTuple{1, 2})); }, S::Lowered, "ok"},
      {"vconst short", [](VerifyTest& t) { return t.make(Op::VCONST, kI32.vec(4), {}, Arg(IntTuple{1, 2})); }, S::Lowered, "vconst-arg"},
      {"vectorize", [](VerifyTest& t) { return t.make(Op::VECTORIZE, kF32.vec(2), {t.f32, t.f32}); }, S::Lowered, "ok"},
      {"vectorize of mixed lanes", [](VerifyTest& t) { return t.make(Op::VECTORIZE, kF32.vec(2), {t.f32, t.i32}); }, S::Lowered, "vectorize-dtype"},
      {"vectorize of too few", [](VerifyTest& t) { return t.make(Op::VECTORIZE, kF32.vec(4), {t.f32, t.f32}); }, S::Lowered, "vectorize-src-count"},
      {"gep", [](VerifyTest& t) { return t.make(Op::GEP, kF32, {t.make(Op::VECTORIZE, kF32.vec(2), {t.f32, t.f32})}, Arg(IntTuple{1})); }, S::Lowered, "ok"},
      {"gep past the end", [](VerifyTest& t) { return t.make(Op::GEP, kF32, {t.make(Op::VECTORIZE, kF32.vec(2), {t.f32, t.f32})}, Arg(IntTuple{2})); }, S::Lowered, "gep-arg"},
  };
  for (const Case& c : cases) EXPECT_EQ(rule_of(c.build(*this), c.stage), c.rule) << c.what;
}

TEST_F(VerifyTest, EveryOpHasATypingRuleAndAStage) {
  for (int i = 0; i < kNumOps; ++i) {
    Op op = Op(i);
    std::optional<Stage> home;
    for (Stage s : {Stage::Tensor, Stage::Rangeified, Stage::Lowered, Stage::Linear})
      if (rule_of(make(op, kVoid), s) != "stage-op") home = s;
    ASSERT_TRUE(home.has_value()) << op_name(op) << " is allowed at no stage";
    EXPECT_NE(rule_of(make(op, kVoid), *home), "typing-rule") << op_name(op);
  }
}

// ---- the index dtype ----

TEST_F(VerifyTest, IndexArithmeticOfIndexSourcesStaysIndex) {
  UOpPtr y = a.var("y", 0, 3);
  EXPECT_EQ(rule_of(x->mul(int64_t(4))->add(y)->mod(int64_t(8)), Stage::Tensor), "ok");
  UOpPtr int_sum = make(Op::ADD, kI32, {x, y});
  auto v = verify_node(int_sum, Stage::Tensor);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->to_string(), "node %" + std::to_string(int_sum->id) + " ADD int32 (%0, %" + std::to_string(y->id) +
                                "): index arithmetic must stay in the index dtype (source %0 is index but the result is int32; "
                                "compute in index, then cast the result)");
}

TEST_F(VerifyTest, ACastThatDropsTheIndexDtypeIsBlamed) {
  // %0 x (index), then: CAST int32 of x, 1, ADD index (cast, 1)
  UOpPtr cast = x->cast(kI32);
  UOpPtr sum = make(Op::ADD, kIdx, {cast, a.index_const(1)});
  auto v = verify_node(sum, Stage::Rangeified);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->node, cast);
  EXPECT_EQ(v->rule, "index-arith-dtype");
  EXPECT_EQ(v->to_string(), "node %" + std::to_string(cast->id) + " CAST int32 (%0): index arithmetic must stay in the index dtype (source %0 is index, used by ADD index %" +
                                std::to_string(sum->id) + ")");
  // The same cast feeding int32 arithmetic (arange's values) is fine.
  EXPECT_EQ(rule_of(cast->add(cast), Stage::Rangeified), "ok");
  // ...and feeding INDEX as an operand is not, at the stages where INDEX takes index operands.
  UOpPtr idx = make(Op::INDEX, kF32, {buf, cast});
  EXPECT_EQ(verify_node(idx, Stage::Rangeified)->node, cast);
  EXPECT_EQ(rule_of(idx, Stage::Rangeified), "index-arith-dtype");
}

TEST_F(VerifyTest, ComparisonsOfIndexNeedIndexOnBothSides) {
  EXPECT_EQ(rule_of(x->lt(int64_t(4)), Stage::Tensor), "ok");
  EXPECT_EQ(rule_of(make(Op::CMPLT, kBool, {x, i32}), Stage::Tensor), "index-arith-dtype");
  EXPECT_EQ(rule_of(make(Op::CMPLT, kBool, {x, x->cast(kI32)}), Stage::Tensor), "index-arith-dtype");
}

// ---- stage rules ----

TEST_F(VerifyTest, MovementOpsAndReduceAxisAreGoneAfterRangeify) {
  UOpPtr reshape = make(Op::RESHAPE, kF32, {buf}, Arg(IntTuple{4, 4}));
  EXPECT_EQ(rule_of(reshape, Stage::Tensor), "ok");
  auto v = verify_node(reshape, Stage::Rangeified);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->rule, "stage-op");
  EXPECT_EQ(v->message, "RESHAPE may not appear at the rangeified stage (allowed at: tensor)");
  UOpPtr red = make(Op::REDUCE_AXIS, kF32, {buf}, Arg(ReduceArg{Op::ADD, {0}}));
  EXPECT_EQ(rule_of(red, Stage::Rangeified), "stage-op");
  EXPECT_EQ(rule_of(red, Stage::Lowered), "stage-op");
}

TEST_F(VerifyTest, IndexingOpsAppearOnlyAfterRangeify) {
  for (UOpPtr n : {rng, make(Op::INDEX, kF32, {buf, rng}), make(Op::LOAD, kF32, {gbuf}), make(Op::STORE, kVoid, {gbuf, f32})})
    EXPECT_EQ(rule_of(n, Stage::Tensor), "stage-op") << n->summary();
  EXPECT_EQ(rule_of(make(Op::BUFFERIZE, kF32, {f32, rng}), Stage::Lowered), "stage-op");
  EXPECT_EQ(rule_of(make(Op::IF, kVoid, {yes}), Stage::Rangeified), "stage-op");
  EXPECT_EQ(rule_of(make(Op::REDUCE, kF32, {f32, rng}, Arg(ReduceArg{Op::ADD, {}})), Stage::Linear), "stage-op");
}

TEST_F(VerifyTest, LoweredIndexIsPointerArithmetic) {
  UOpPtr ptr_idx = make(Op::INDEX, gbuf->dtype, {gbuf, x});
  EXPECT_EQ(rule_of(ptr_idx, Stage::Lowered), "ok");
  EXPECT_EQ(rule_of(make(Op::INDEX, gbuf->dtype, {gbuf, x, yes}), Stage::Lowered), "ok");
  auto v = verify_node(make(Op::INDEX, gbuf->dtype, {gbuf, x, x}), Stage::Lowered);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->rule, "index-form");
  EXPECT_EQ(v->message, "at the lowered stage INDEX is pointer arithmetic, INDEX(pointer, offset[, gate]): got 2 offsets");
  EXPECT_EQ(rule_of(make(Op::INDEX, kF32, {gbuf, x}), Stage::Lowered), "index-form");
  // Multi-dimensional INDEX with index operands is the rangeified form.
  EXPECT_EQ(rule_of(make(Op::INDEX, kF32, {buf, rng, rng}), Stage::Rangeified), "ok");
}

TEST_F(VerifyTest, LinearProgramsHaveNoIndexDtype) {
  UOpPtr off = a.const_int(kI32, 3);
  UOpPtr load = make(Op::LOAD, kF32, {make(Op::INDEX, gbuf->dtype, {gbuf, off})});
  EXPECT_TRUE(verify_graph(load, Stage::Linear).empty());
  UOpPtr idx_load = make(Op::LOAD, kF32, {make(Op::INDEX, gbuf->dtype, {gbuf, x})});
  EXPECT_TRUE(verify_graph(idx_load, Stage::Lowered).empty());
  auto vs = verify_graph(idx_load, Stage::Linear);
  ASSERT_EQ(vs.size(), 1u);
  EXPECT_EQ(vs[0].node, x);
  EXPECT_EQ(vs[0].rule, "stage-index-dtype");
}

TEST_F(VerifyTest, VerifyProgramChecksOrder) {
  UOpPtr off = a.const_int(kI32, 3);
  UOpPtr idx = make(Op::INDEX, gbuf->dtype, {gbuf, off});
  UOpPtr load = make(Op::LOAD, kF32, {idx});
  std::vector<UOpPtr> good = {gbuf, off, idx, load};
  EXPECT_TRUE(verify_program(good).empty());
  std::vector<UOpPtr> bad = {gbuf, idx, off, load};
  auto vs = verify_program(bad);
  ASSERT_EQ(vs.size(), 1u);
  EXPECT_EQ(vs[0].rule, "linear-order");
  EXPECT_EQ(vs[0].node, idx);
  EXPECT_EQ(vs[0].message, "source %" + std::to_string(off->id) + " comes later, at position 2; a linear program defines every value before its use (position 1)");
}

// ---- graphs, new nodes, errors ----

TEST_F(VerifyTest, GraphReportsEveryViolationChildrenFirst) {
  UOpPtr bad_const = make(Op::CONST, kF32, {}, Arg(int64_t(2)));
  UOpPtr bad_add = make(Op::ADD, kF32, {bad_const, i32});
  UOpPtr root = a.sink({bad_add, f32});
  auto vs = verify_graph(root, Stage::Tensor);
  ASSERT_EQ(vs.size(), 2u);
  EXPECT_EQ(vs[0].node, bad_const);
  EXPECT_EQ(vs[0].rule, "const-arg");
  EXPECT_EQ(vs[0].to_string(), "node %" + std::to_string(bad_const->id) + " CONST float32 2: a float32 CONST takes a float value, got an integer 2");
  EXPECT_EQ(vs[1].node, bad_add);
  EXPECT_EQ(vs[1].message, "source 1 (%" + std::to_string(i32->id) + " int32) must have the result's dtype float32");
  EXPECT_TRUE(verify_graph(a.sink({f32->add(f32)}), Stage::Tensor).empty());
}

TEST_F(VerifyTest, NewNodesAreCheckedOnceAndSeenNodesAreSkipped) {
  std::unordered_set<UOpPtr> seen;
  UOpPtr bad = make(Op::ADD, kF32, {f32, i32});
  // A violation below a node already seen is not looked at again: the graph check at the
  // pass's end reports it.
  seen.insert(bad);
  UOpPtr above = make(Op::NEG, kF32, {bad});
  EXPECT_FALSE(verify_new_nodes(above, Stage::Tensor, seen).has_value());
  EXPECT_TRUE(seen.count(above));

  std::unordered_set<UOpPtr> fresh;
  auto v = verify_new_nodes(above, Stage::Tensor, fresh);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->node, bad);
  EXPECT_TRUE(fresh.count(f32) && fresh.count(i32));
}

TEST_F(VerifyTest, VerifyErrorNamesPassStepNodeAndRule) {
  UOpPtr cast = x->cast(kI32);
  UOpPtr sum = make(Op::ADD, kIdx, {cast, a.index_const(1)});
  auto v = verify_node(sum, Stage::Rangeified);
  ASSERT_TRUE(v);
  VerifyError e("symbolic", 12, *v, 2);
  EXPECT_EQ(e.pass(), "symbolic");
  EXPECT_EQ(e.step(), 12);
  EXPECT_EQ(std::string(e.what()), "verify failed in pass 'symbolic' at step 12: node %" + std::to_string(cast->id) +
                                       " CAST int32 (%0): index arithmetic must stay in the index dtype (source %0 is index, used by ADD index %" +
                                       std::to_string(sum->id) + ") [rule index-arith-dtype]; 2 more violations in the same graph");
}

// The stage table in verify.h is documentation people read; it must say what the code does.
TEST(VerifyStage, HeaderTableMatchesTheRules) {
  std::ifstream in(std::string(REWIND_SOURCE_DIR) + "/engine/ir/verify.h");
  ASSERT_TRUE(in) << "cannot read engine/ir/verify.h";
  std::string line;
  bool in_table = false;
  std::vector<int> listed(kNumOps, 0);
  Arena a;
  const Stage stages[] = {Stage::Tensor, Stage::Rangeified, Stage::Lowered, Stage::Linear};
  while (std::getline(in, line)) {
    if (line.find("Tensor  Rangeified  Lowered  Linear") != std::string::npos) {
      in_table = true;
      continue;
    }
    if (!in_table) continue;
    if (line.rfind("//   ", 0) != 0) break;
    std::istringstream words(line.substr(2));
    std::vector<std::string> tokens;
    for (std::string w; words >> w;) tokens.push_back(w);
    ASSERT_GE(tokens.size(), 5u) << line;
    std::vector<Op> ops;
    for (size_t i = 0; i + 4 < tokens.size(); ++i) {
      std::string w = tokens[i];
      if (!w.empty() && w.back() == ',') w.pop_back();
      OpSet group = w == "unary" ? group_ops(OpGroup::Unary) : w == "binary" ? group_ops(OpGroup::Binary) : w == "ternary" ? group_ops(OpGroup::Ternary) : OpSet{};
      for (int o = 0; o < kNumOps; ++o)
        if (group.contains(Op(o))) ops.push_back(Op(o));
      if (auto op = op_from_name(w)) ops.push_back(*op);
    }
    for (Op op : ops) {
      ++listed[size_t(op)];
      for (size_t s = 0; s < 4; ++s) {
        bool documented = tokens[tokens.size() - 4 + s] == "x";
        bool allowed = rule_of(a.make(op, kVoid), stages[s]) != "stage-op";
        EXPECT_EQ(documented, allowed) << op_name(op) << " at " << stage_name(stages[s]);
      }
    }
  }
  for (int o = 0; o < kNumOps; ++o) EXPECT_EQ(listed[o], 1) << op_name(Op(o)) << " should be listed once in the table";
}

TEST_F(VerifyTest, GraphOrThrowReportsTheFirstViolationAndCountsTheRest) {
  EXPECT_NO_THROW(verify_graph_or_throw(a.sink({f32->add(f32)}), Stage::Tensor, "early", 3));
  UOpPtr bad1 = make(Op::ADD, kF32, {f32, i32});
  UOpPtr bad2 = make(Op::RESHAPE, kF32, {buf}, Arg(IntTuple{4, 4}));
  try {
    verify_graph_or_throw(a.sink({bad1, bad2}), Stage::Rangeified, "rangeify", 40);
    FAIL() << "expected a VerifyError";
  } catch (const VerifyError& e) {
    EXPECT_EQ(e.pass(), "rangeify");
    EXPECT_EQ(e.step(), 40);
    EXPECT_EQ(e.violation().node, bad1);
    EXPECT_EQ(std::string(e.what()), "verify failed in pass 'rangeify' at step 40: node %" + std::to_string(bad1->id) + " ADD float32 (%" +
                                         std::to_string(f32->id) + ", %" + std::to_string(i32->id) + "): source 1 (%" + std::to_string(i32->id) +
                                         " int32) must have the result's dtype float32 [rule arith-dtype]; 1 more violation in the same graph");
  }
}

TEST(VerifyStage, Names) {
  EXPECT_EQ(stage_name(Stage::Tensor), "tensor");
  EXPECT_EQ(stage_name(Stage::Rangeified), "rangeified");
  EXPECT_EQ(stage_name(Stage::Lowered), "lowered");
  EXPECT_EQ(stage_name(Stage::Linear), "linear");
}

}  // namespace
}  // namespace rw
