#include "engine/rewrite/expr_gen.h"

#include <gtest/gtest.h>

#include <set>

#include "engine/ir/graph.h"
#include "engine/ir/print.h"
#include "engine/ir/verify.h"
#include "engine/rewrite/expr_eval.h"
#include "engine/rewrite/expr_parser.h"
#include "engine/rewrite/splitmix.h"

namespace rw {
namespace {

TEST(SplitMix64, MatchesTheReferenceSequence) {
  // Published splitmix64 outputs (Vigna's reference implementation).
  SplitMix64 zero(0);
  EXPECT_EQ(zero.next(), 0xe220a8397b1dcdafull);
  SplitMix64 r(1234567);
  EXPECT_EQ(r.next(), 6457827717110365317ull);
  EXPECT_EQ(r.next(), 3203168211198807973ull);
  EXPECT_EQ(r.next(), 9817491932198370423ull);
}

TEST(SplitMix64, UniformStaysInRangeAndReachesBothEnds) {
  SplitMix64 r(7);
  std::set<int64_t> seen;
  for (int i = 0; i < 2000; ++i) {
    int64_t v = r.uniform(-3, 4);
    ASSERT_GE(v, -3);
    ASSERT_LE(v, 4);
    seen.insert(v);
  }
  EXPECT_EQ(seen.size(), 8u);
  EXPECT_EQ(r.uniform(5, 5), 5);
}

class ExprEvalTest : public ::testing::Test {
 protected:
  Arena a;
  VarDecls vars = {{"x", {-8, 8}}, {"y", {-8, 8}}};
  int64_t eval(std::string_view expr, int64_t x, int64_t y) { return eval_index_expr(parse_index_expr(a, expr, vars), {{"x", x}, {"y", y}}); }
};

TEST_F(ExprEvalTest, FloorDivisionAndModuloLikePython) {
  EXPECT_EQ(eval("x // 2", -7, 0), -4);
  EXPECT_EQ(eval("x % 2", -7, 0), 1);
  EXPECT_EQ(eval("x // -2", 7, 0), -4);
  EXPECT_EQ(eval("x % -2", 7, 0), -1);
  EXPECT_EQ(eval("x // -2", -7, 0), 3);
  EXPECT_EQ(eval("x % -2", -7, 0), -1);
  EXPECT_EQ(eval("x // y", 7, 0), 0);  // division by zero gives 0
  EXPECT_EQ(eval("x % y", 7, 0), 0);
}

TEST_F(ExprEvalTest, ArithmeticComparisonsAndSelection) {
  EXPECT_EQ(eval("x*3 - y + 1", 2, 5), 2);
  EXPECT_EQ(eval("-x", 4, 0), -4);
  EXPECT_EQ(eval("max(x, y)", -3, -5), -3);
  EXPECT_EQ(eval("min(x, y)", -3, -5), -5);
  EXPECT_EQ(eval("x <= y", 3, 3), 1);
  EXPECT_EQ(eval("x > y", 3, 3), 0);
  EXPECT_EQ(eval("x != y and not x == 0", 3, 2), 1);
  EXPECT_EQ(eval("x < 0 or y < 0", 3, 2), 0);
  EXPECT_EQ(eval("x if x < y else y", 4, 1), 1);
  EXPECT_EQ(eval("where(x < y, x, y)", -4, 1), -4);
}

TEST_F(ExprEvalTest, MissingVariableIsAnError) {
  UOpPtr e = parse_index_expr(a, "x + y", vars);
  EXPECT_THROW(eval_index_expr(e, {{"x", 1}}), std::invalid_argument);
}

TEST(ExprGen, SameSeedSameExpressionAnywhere) {
  VarDecls vars = {{"x", {0, 15}}, {"y", {-4, 3}}};
  ExprGenOptions opt;
  opt.depth = 5;
  std::set<uint64_t> hashes;
  for (uint64_t seed = 0; seed < 50; ++seed) {
    Arena a, b;
    UOpPtr ea = random_index_expr(a, seed, vars, opt);
    UOpPtr eb = random_index_expr(b, seed, vars, opt);
    EXPECT_EQ(ea->hash, eb->hash) << seed;
    EXPECT_EQ(render_expr(ea), render_expr(eb)) << seed;
    hashes.insert(ea->hash);
  }
  EXPECT_GT(hashes.size(), 40u);  // different seeds give different expressions
}

TEST(ExprGen, GoldenExpression) {
  // Pins the draw order: if this changes, every recorded fuzz seed means something else.
  Arena a;
  ExprGenOptions opt;
  opt.depth = 3;
  UOpPtr e = random_index_expr(a, 42, {{"x", {0, 15}}, {"y", {-4, 3}}}, opt);
  EXPECT_EQ(render_expr(e), "-5*7+(y//x-(y if y<x else 8))");
}

TEST(ExprGen, CoversTheOpsAndDivisorKinds) {
  VarDecls vars = {{"x", {0, 15}}, {"y", {-4, 3}}};
  std::set<Op> ops;
  bool zero_divisor = false, negative_divisor = false, expression_divisor = false;
  for (uint64_t seed = 0; seed < 400; ++seed) {
    Arena a;
    ExprGenOptions opt;
    opt.depth = 5;
    opt.bool_root = seed % 4 == 0;
    UOpPtr e = random_index_expr(a, seed, vars, opt);
    EXPECT_EQ(e->dtype.is_bool(), opt.bool_root);
    ASSERT_TRUE(verify_graph(e, Stage::Tensor).empty()) << render_expr(e);
    for (UOpPtr n : toposort(e)) {
      ops.insert(n->op);
      if (n->op != Op::IDIV && n->op != Op::MOD) continue;
      UOpPtr d = n->src[1];
      zero_divisor |= d->is_const(0);
      negative_divisor |= d->is_const() && d->const_int() < 0;
      expression_divisor |= !d->is_const();
    }
  }
  for (Op op : {Op::ADD, Op::SUB, Op::MUL, Op::IDIV, Op::MOD, Op::MAX, Op::NEG, Op::WHERE, Op::CMPLT, Op::CMPEQ, Op::CMPNE, Op::AND, Op::OR})
    EXPECT_TRUE(ops.count(op)) << op_name(op);
  EXPECT_TRUE(zero_divisor);
  EXPECT_TRUE(negative_divisor);
  EXPECT_TRUE(expression_divisor);
}

// Every node's value, on every assignment tried, lies in the node's [vmin, vmax]: the
// simplifier folds with these ranges, so an unsound range means a wrong rewrite.
TEST(ExprGen, ValueRangesContainEveryEvaluatedValue) {
  const std::vector<VarDecls> var_sets = {
      {{"x", {0, 15}}, {"y", {-4, 3}}},
      {{"a", {-20, -5}}, {"b", {-3, 3}}, {"c", {1, 1}}},
      {{"i", {0, 255}}, {"j", {-100, 100}}},
      {{"u", {-(int64_t(1) << 62), int64_t(1) << 62}}, {"v", {-3, 3}}},  // products overflow: ranges must say "unknown"
  };
  int checked = 0;
  for (uint64_t seed = 0; seed < 2000; ++seed) {
    const VarDecls& vars = var_sets[seed % var_sets.size()];
    ExprGenOptions opt;
    opt.depth = 1 + int(seed % 6);
    opt.bool_root = seed % 5 == 0;
    Arena arena;
    UOpPtr e = random_index_expr(arena, seed, vars, opt);
    SplitMix64 rng(seed ^ 0x5eedull);
    for (int trial = 0; trial < 60; ++trial) {
      VarValues values;
      for (const auto& [name, r] : vars) {
        // The ends of a range are where range bugs live: pick them often.
        int64_t pick = rng.uniform(0, 3);
        values[name] = pick == 0 ? r.min : pick == 1 ? r.max : rng.uniform(r.min, r.max);
      }
      auto got = eval_index_nodes(e, values);
      // Children first: the first node out of its range has its sources in theirs, so it is
      // a minimal reproducer of the range rule at fault.
      for (UOpPtr node : toposort(e)) {
        int64_t v = got.at(node);
        ++checked;
        if (v >= node->vmin && v <= node->vmax) continue;
        std::string assignment, sources;
        for (const auto& [k, val] : values) assignment += k + "=" + std::to_string(val) + " ";
        for (UOpPtr s : node->src)
          sources += " " + render_expr(s) + " in [" + std::to_string(s->vmin) + ", " + std::to_string(s->vmax) + "] is " + std::to_string(got.at(s)) + ";";
        FAIL() << "seed " << seed << ": " << render_expr(node) << " = " << v << " at " << assignment << "but its range is [" << node->vmin << ", "
               << node->vmax << "];" << sources << "\nwhole expression: " << render_expr(e);
      }
    }
  }
  EXPECT_GT(checked, 1000000);
}

}  // namespace
}  // namespace rw
