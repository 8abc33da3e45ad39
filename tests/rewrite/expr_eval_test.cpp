// The evaluator that judges the simplifier (engine/rewrite/expr_eval.h), its integer
// semantics (engine/rewrite/int_alu.h) and the deterministic generator (expr_gen.h).
#include <gtest/gtest.h>

#include "engine/ir/arena.h"
#include "engine/ir/print.h"
#include "engine/rewrite/expr_eval.h"
#include "engine/rewrite/expr_gen.h"
#include "engine/rewrite/int_alu.h"

namespace rw {
namespace {

TEST(ExprEval, FloorDivisionAndModuloLikePython) {
  Arena a;
  UOpPtr v = a.var("v", -100, 100);
  auto at = [&](UOpPtr e, int64_t value) { return eval_expr(e, {{v, value}}); };
  EXPECT_EQ(at(v->idiv(int64_t(2)), -7), -4);
  EXPECT_EQ(at(v->mod(int64_t(2)), -7), 1);
  EXPECT_EQ(at(v->idiv(int64_t(-2)), 7), -4);
  EXPECT_EQ(at(v->mod(int64_t(-2)), 7), -1);
  EXPECT_EQ(at(v->idiv(int64_t(0)), 7), 0);
  EXPECT_EQ(at(v->mod(int64_t(0)), 7), 0);
  EXPECT_EQ(at(v->maximum(a.index_const(3))->add(v->neg()), -5), 8);
  EXPECT_EQ(at(v->lt(int64_t(3))->where(v, a.index_const(9)), 2), 2);
}

TEST(ExprEval, ResultsWrapToTheirDtype) {
  Arena a;
  UOpPtr v = a.var("v", -100, 100, DType::int32());
  EXPECT_EQ(eval_expr(v->add(int64_t(2147483647)), {{v, 1}}), -2147483648LL);
  EXPECT_EQ(eval_expr(v->mul(int64_t(65536))->mul(int64_t(65536)), {{v, 3}}), 0);
  EXPECT_EQ(eval_int_alu(Op::ADD, DType(Scalar::UInt8), DType(Scalar::UInt8), std::vector<int64_t>{250, 10}), 4);
  EXPECT_EQ(eval_int_alu(Op::CAST, DType(Scalar::Int8), DType::int32(), std::vector<int64_t>{200}), -56);
  EXPECT_EQ(eval_int_alu(Op::SHR, DType::int32(), DType::int32(), std::vector<int64_t>{-7, 1}), -4);
  EXPECT_EQ(eval_int_alu(Op::SHL, DType::int32(), DType::int32(), std::vector<int64_t>{1, 32}), std::nullopt);
}

TEST(ExprEval, RangesAreLeavesToo) {
  Arena a;
  UOpPtr r = a.range(a.index_const(8), 0);
  EXPECT_EQ(eval_expr(r->mul(int64_t(3))->add(int64_t(1)), {{r, 5}}), 16);
}

TEST(ExprEval, AMissingValueNamesTheVariable) {
  Arena a;
  UOpPtr v = a.var("v", 0, 9), w = a.var("w", 0, 9);
  try {
    eval_expr(v->add(w), {{v, 1}});
    FAIL() << "expected an ExprEvalError";
  } catch (const ExprEvalError& e) {
    EXPECT_NE(std::string(e.what()).find("no value for DEFINE_VAR index ('w', 0, 9)"), std::string::npos) << e.what();
  }
}

TEST(ExprEval, FloatsAreNotIntegerArithmetic) {
  Arena a;
  UOpPtr f = a.const_float(DType::float32(), 1.5);
  EXPECT_THROW(eval_expr(f, {}), ExprEvalError);
}

TEST(ExprGen, TheSameSeedGivesTheSameExpressions) {
  Arena a1, a2;
  ExprGen g1(a1, 42), g2(a2, 42);
  auto v1 = g1.make_vars(), v2 = g2.make_vars();
  for (int i = 0; i < 50; ++i) EXPECT_EQ(render_expr(g1.expr(v1)), render_expr(g2.expr(v2)));
}

TEST(ExprGen, SplitMix64MatchesTheReferenceSequence) {
  // First outputs of splitmix64 seeded with 0 (Vigna's reference implementation).
  SplitMix64 r(0);
  EXPECT_EQ(r.next(), 0xE220A8397B1DCDAFull);
  EXPECT_EQ(r.next(), 0x6E789E6AA1B965F4ull);
}

TEST(ExprGen, AssignmentsStayWithinTheVariablesBounds) {
  Arena a;
  ExprGen g(a, 7);
  auto vars = g.make_vars();
  for (int i = 0; i < 200; ++i)
    for (auto [v, value] : g.assignment(vars)) {
      EXPECT_GE(value, v->vmin);
      EXPECT_LE(value, v->vmax);
    }
}

}  // namespace
}  // namespace rw
