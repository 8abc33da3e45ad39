// The linearizer: loops nest as the effects require, one END per loop, accumulators set
// right before their loop, unrolled reduces leave no loop, and kernels with no valid loop
// nest are errors that say why.
#include <gtest/gtest.h>

#include <algorithm>

#include "engine/codegen/codegen.h"
#include "engine/codegen/linearize.h"
#include "engine/ir/verify.h"
#include "tests/support/kernel_builder.h"
#include "tests/support/run_both.h"

namespace rw::testing {
namespace {

const DType f32 = DType::float32();

// Loop variables in the order their loops open, with the depth each opens at.
std::vector<std::pair<std::string, int>> loops(const KernelProgram& p) {
  std::vector<std::pair<std::string, int>> out;
  int depth = 0;
  for (UOpPtr n : p.linear) {
    if (n->op == Op::RANGE) out.emplace_back(std::to_string(n->arg.get<IntTuple>()[0]), depth++);
    if (n->op == Op::END) --depth;
  }
  EXPECT_EQ(depth, 0);
  return out;
}

UOpPtr matmul(KernelBuilder& k, int64_t n) {
  UOpPtr r0 = k.loop(0, n), r1 = k.loop(1, n), r2 = k.reduce_range(2, n);
  UOpPtr out = k.global(0, f32, n * n), A = k.global(1, f32, n * n), B = k.global(2, f32, n * n);
  UOpPtr prod = k.alu(Op::MUL, f32, {k.load(A, r0->mul(n)->add(r2)), k.load(B, r2->mul(n)->add(r1))});
  return k.sink({k.store(out, r0->mul(n)->add(r1), k.reduce(Op::ADD, prod, {r2}), {r0, r1})});
}

TEST(Linearize, MatmulNestsTheReduceInsideBothLoops) {
  Arena a;
  KernelBuilder k(a);
  CodegenOptions o;
  o.opts = OptSet::none();
  KernelProgram p = codegen_kernel(matmul(k, 8), "r_8_8_8", o);
  EXPECT_TRUE(verify_program(p.linear).empty());
  EXPECT_EQ(loops(p), (std::vector<std::pair<std::string, int>>{{"0", 0}, {"1", 1}, {"2", 2}}));
  // The accumulator is reset inside loop 1, before loop 2 opens.
  auto r2 = std::find_if(p.linear.begin(), p.linear.end(), [](UOpPtr n) { return n->op == Op::RANGE && n->arg.get<IntTuple>()[0] == 2; });
  auto init = std::find_if(p.linear.begin(), p.linear.end(), [](UOpPtr n) { return n->op == Op::STORE && n->src[1]->is_const(); });
  ASSERT_NE(init, p.linear.end());
  EXPECT_LT(init, r2);
  EXPECT_EQ(p.flops, 8 * 8 * 8 * 2);  // a multiply and an add per (i, j, k)
}

TEST(Linearize, UnrollRemovesShortReduceLoops) {
  Arena a;
  KernelBuilder k(a);
  CodegenOptions o;
  o.opts = OptSet::parse("unroll");
  KernelProgram p = codegen_kernel(matmul(k, 4), "r_4_4_4", o);
  EXPECT_EQ(loops(p), (std::vector<std::pair<std::string, int>>{{"0", 0}, {"1", 1}}));
  EXPECT_EQ(std::count_if(p.linear.begin(), p.linear.end(), [](UOpPtr n) { return n->op == Op::DEFINE_REG; }), 0);
}

TEST(Linearize, UpcastComputesFourOutputsPerIteration) {
  Arena a;
  KernelBuilder k(a);
  CodegenOptions o;
  o.opts = OptSet::parse("upcast");
  KernelProgram p = codegen_kernel(matmul(k, 8), "r_8_8_8", o);
  EXPECT_EQ(loops(p), (std::vector<std::pair<std::string, int>>{{"0", 0}, {"1", 1}, {"2", 2}}));
  auto count = [&](auto pred) { return std::count_if(p.linear.begin(), p.linear.end(), pred); };
  EXPECT_EQ(count([](UOpPtr n) { return n->op == Op::DEFINE_REG; }), 4);
  EXPECT_EQ(count([](UOpPtr n) { return n->op == Op::RANGE && n->src[0]->is_const() && n->src[0]->const_int() == 2; }), 1) << "loop 1 split 8 = 2 x 4";
  // Per iteration of the reduce loop: A[i, k] once, B[k, j..j+3] four times.
  EXPECT_EQ(count([](UOpPtr n) { return n->op == Op::LOAD && n->src[0]->src[0]->op == Op::DEFINE_GLOBAL; }), 5) << p.c_source;
  EXPECT_EQ(p.flops, 8 * 8 * 8 * 2);
  EXPECT_NE(p.c_source.find("r_8_8_8(float* restrict data0, const float* restrict data1, const float* restrict data2)"), std::string::npos)
      << "parameters in slot order:\n" << p.c_source;
}

TEST(Linearize, TwoStoresInOneLoopShareOneEnd) {
  Arena a;
  KernelBuilder k(a);
  UOpPtr r0 = k.loop(0, 4), y = k.global(0, f32, 4), z = k.global(1, f32, 4), x = k.global(2, f32, 4);
  UOpPtr v = k.load(x, r0);
  KernelProgram p = codegen_kernel(k.sink({k.store(y, r0, v, {r0}), k.store(z, r0, k.alu(Op::NEG, f32, {v}), {r0})}), "E_4");
  EXPECT_EQ(std::count_if(p.linear.begin(), p.linear.end(), [](UOpPtr n) { return n->op == Op::END; }), 1);
  EXPECT_TRUE(verify_program(p.linear).empty());
}

// x.sum(1) + x.max(1) built over one shared reduce RANGE: one loop, two accumulators.
TEST(Linearize, IndependentReducesOverOneRangeShareTheLoop) {
  Arena a;
  KernelBuilder k(a);
  TestSchedule t;
  std::vector<double> xs = values(12, [](int64_t i) { return double((i * 5) % 7) - 2; });
  std::vector<double> want(3);
  for (int i = 0; i < 3; ++i) {
    double s = 0, m = -1e30;
    for (int j = 0; j < 4; ++j) s += xs[size_t(i * 4 + j)], m = std::max(m, xs[size_t(i * 4 + j)]);
    want[size_t(i)] = s + m;
  }
  int x = t.input("x", f32, xs), y = t.output("y", f32, want);
  UOpPtr r0 = k.loop(0, 3), r1 = k.reduce_range(1, 4), out = k.global(0, f32, 3), in = k.global(1, f32, 12);
  UOpPtr v = k.load(in, r0->mul(4)->add(r1));
  UOpPtr sum = k.alu(Op::ADD, f32, {k.reduce(Op::ADD, v, {r1}), k.reduce(Op::MAX, v, {r1})});
  t.kernel("r_3_4", k.sink({k.store(out, r0, sum, {r0})}), {y, x});
  CodegenOptions o;
  o.opts = OptSet::none();
  KernelProgram p = codegen_kernel(t.schedule.kernels[0].ast, "r_3_4", o);
  EXPECT_EQ(std::count_if(p.linear.begin(), p.linear.end(), [](UOpPtr n) { return n->op == Op::RANGE; }), 2) << p.c_source;
  EXPECT_EQ(std::count_if(p.linear.begin(), p.linear.end(), [](UOpPtr n) { return n->op == Op::DEFINE_REG; }), 2);
  EXPECT_EQ(std::count_if(p.linear.begin(), p.linear.end(), [](UOpPtr n) { return n->op == Op::LOAD && n->src[0]->src[0]->op == Op::DEFINE_GLOBAL; }), 1)
      << "x is read once per element for both accumulators";
  expect_all_paths_pass(t);
}

// sum_j (x[i, j] - max_j x[i, j]) over one RANGE j: the sum needs the max first, so the
// second reduce loops over a copy of the range.
TEST(Linearize, DependentReducesOverOneRangeRunAsTwoLoops) {
  Arena a;
  KernelBuilder k(a);
  TestSchedule t;
  std::vector<double> xs = values(12, [](int64_t i) { return double((i * 5) % 7) - 2; });
  std::vector<double> want(3);
  for (int i = 0; i < 3; ++i) {
    double s = 0, m = -1e30;
    for (int j = 0; j < 4; ++j) m = std::max(m, xs[size_t(i * 4 + j)]);
    for (int j = 0; j < 4; ++j) s += xs[size_t(i * 4 + j)] - m;
    want[size_t(i)] = s;
  }
  int x = t.input("x", f32, xs), y = t.output("y", f32, want);
  UOpPtr r0 = k.loop(0, 3), r1 = k.reduce_range(1, 4), out = k.global(0, f32, 3), in = k.global(1, f32, 12);
  UOpPtr v = k.load(in, r0->mul(4)->add(r1));
  UOpPtr centered = k.alu(Op::SUB, f32, {v, k.reduce(Op::MAX, v, {r1})});
  t.kernel("r_3_4", k.sink({k.store(out, r0, k.reduce(Op::ADD, centered, {r1}), {r0})}), {y, x});
  CodegenOptions o;
  o.opts = OptSet::none();
  KernelProgram p = codegen_kernel(t.schedule.kernels[0].ast, "r_3_4", o);
  EXPECT_EQ(std::count_if(p.linear.begin(), p.linear.end(), [](UOpPtr n) { return n->op == Op::RANGE; }), 3) << p.c_source;
  EXPECT_NE(p.c_source.find("ridx1_"), std::string::npos) << p.c_source;
  expect_all_paths_pass(t);
}

TEST(Linearize, LoopsThatMustEncloseEachOtherAreAnError) {
  Arena a;
  KernelBuilder k(a);
  // Lowered by hand: one store closes r1 inside r0, the other r0 inside r1.
  UOpPtr r0 = k.range(0, 4, 0), r1 = k.range(1, 4, 0), y = k.global(0, f32, 16), z = k.global(1, f32, 16);
  UOpPtr i = r0->mul(4)->add(r1);
  auto st = [&](UOpPtr buf) { return a.make(Op::STORE, DType::void_(), {k.at(buf, i), k.f32(1)}); };
  auto end = [&](UOpPtr x, UOpPtr r) { return a.make(Op::END, DType::void_(), {x, r}); };
  UOpPtr sink = k.sink({end(end(st(y), r1), r0), end(end(st(z), r0), r1)});
  try {
    linearize(sink, "E_4_4");
    FAIL() << "expected a LinearizeError";
  } catch (const LinearizeError& e) {
    std::string m = e.what();
    EXPECT_NE(m.find("kernel E_4_4"), std::string::npos) << m;
    EXPECT_NE(m.find("cannot nest"), std::string::npos) << m;
  }
}

TEST(Options, UnknownOptimizationNamesTheKnownOnes) {
  EXPECT_EQ(OptSet::parse("off").to_string(), "off");
  EXPECT_TRUE(OptSet::parse("").has("unroll"));
  EXPECT_TRUE(OptSet::parse("unroll").has("unroll"));
  try {
    OptSet::parse("unroll,tile");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("'tile'"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("unroll"), std::string::npos);
  }
}

}  // namespace
}  // namespace rw::testing
