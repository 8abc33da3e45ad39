// Random elementwise kernels, the compiled path against the linear evaluator against a
// direct evaluation in this test: integer trees (floor division and modulo of negatives,
// by zero too, max, comparisons, where) exactly; float trees (exp2, log2, sin, sqrt,
// reciprocal, max with NaN, where) within the check's tolerance. Each case prints its seed.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <random>

#include "engine/ir/intmath.h"
#include "tests/support/kernel_builder.h"
#include "tests/support/run_both.h"

namespace rw::testing {
namespace {

struct Tree {
  UOpPtr node;
  std::function<double(double, double)> eval;  // (x[i], i) -> value, computed here
};

class IntTrees {
 public:
  IntTrees(KernelBuilder& k, UOpPtr x, UOpPtr i, uint32_t seed) : k_(k), x_(x), i_(i), rng_(seed) {}

  Tree make(int depth) {
    DType t = DType::int32();
    int pick = depth == 0 ? int(rng_() % 3) : int(rng_() % 11);
    if (pick == 0) return {x_, [](double x, double) { return x; }};
    if (pick == 1) return {i_, [](double, double i) { return i; }};
    if (pick == 2) {
      int64_t c = int64_t(rng_() % 13) - 6;
      return {k_.i32(c), [c](double, double) { return double(c); }};
    }
    Tree a = make(depth - 1), b = make(depth - 1);
    auto ea = a.eval, eb = b.eval;
    switch (pick) {
      case 3: return {k_.alu(Op::ADD, t, {a.node, b.node}), [=](double x, double i) { return ea(x, i) + eb(x, i); }};
      case 4: return {k_.alu(Op::SUB, t, {a.node, b.node}), [=](double x, double i) { return ea(x, i) - eb(x, i); }};
      case 5: return {k_.alu(Op::MUL, t, {a.node, k_.i32(3)}), [=](double x, double i) { return ea(x, i) * 3; }};
      case 6: return {k_.alu(Op::IDIV, t, {a.node, b.node}), [=](double x, double i) {
                        double p = ea(x, i), q = eb(x, i);
                        return q == 0 ? 0.0 : std::floor(p / q);
                      }};
      case 7: return {k_.alu(Op::MOD, t, {a.node, b.node}), [=](double x, double i) {
                        double p = ea(x, i), q = eb(x, i);
                        return q == 0 ? 0.0 : p - std::floor(p / q) * q;
                      }};
      case 8: return {k_.alu(Op::MAX, t, {a.node, b.node}), [=](double x, double i) { return std::max(ea(x, i), eb(x, i)); }};
      case 9: {
        Tree c = make(depth - 1);
        auto ec = c.eval;
        UOpPtr cond = k_.alu(Op::CMPLT, DType::bool_(), {a.node, b.node});
        return {cond->where(c.node, a.node), [=](double x, double i) { return ea(x, i) < eb(x, i) ? ec(x, i) : ea(x, i); }};
      }
      default: return {k_.alu(Op::NEG, t, {a.node}), [=](double x, double i) { return -ea(x, i); }};
    }
  }

 private:
  KernelBuilder& k_;
  UOpPtr x_, i_;
  std::mt19937 rng_;
};

TEST(RandomKernels, IntegerTreesMatchFloorSemantics) {
  for (uint32_t seed = 1; seed <= 12; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    Arena a;
    KernelBuilder k(a);
    TestSchedule t;
    const int64_t n = 24;
    std::vector<double> xs = values(n, [](int64_t i) { return double((i * 7) % 23) - 11; });
    UOpPtr r0 = k.loop(0, n), y = k.global(0, DType::int32(), n), x = k.global(1, DType::int32(), n);
    // i - 12 as int32: loop variables are non-negative, the values should not all be
    UOpPtr iv = k.alu(Op::CAST, DType::int32(), {r0->add(-12)});
    Tree tree = IntTrees(k, k.load(x, r0), iv, seed).make(3);
    std::vector<double> want(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) want[size_t(i)] = tree.eval(xs[size_t(i)], double(i - 12));
    int gx = t.input("x", DType::int32(), xs), gy = t.output("y", DType::int32(), want);
    t.kernel("E_24", k.sink({k.store(y, r0, tree.node, {r0})}), {gy, gx});
    expect_all_paths_pass(t);
  }
}

TEST(RandomKernels, FloatTreesAgreeOnEveryPath) {
  for (uint32_t seed = 1; seed <= 12; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937 rng(seed);
    Arena a;
    KernelBuilder k(a);
    TestSchedule t;
    const int64_t n = 32;
    DType f = DType::float32();
    std::vector<double> xs = values(n, [](int64_t i) { return double(float(std::sin(double(i) * 1.3) * 4)); });
    UOpPtr r0 = k.loop(0, n), y = k.global(0, f, n), x = k.global(1, f, n);
    UOpPtr xv = k.load(x, r0);
    // Each step applies one op, evaluated here in float32 like the kernel.
    UOpPtr node = xv;
    std::vector<std::function<float(float, float)>> steps;
    for (int s = 0; s < 4; ++s) {
      switch (rng() % 7) {
        case 0: node = k.alu(Op::EXP2, f, {k.alu(Op::MUL, f, {node, k.f32(0.25)})}), steps.push_back([](float v, float) { return std::exp2(v * 0.25f); }); break;
        case 1: node = k.alu(Op::LOG2, f, {node}), steps.push_back([](float v, float) { return std::log2(v); }); break;  // NaN for v < 0
        case 2: node = k.alu(Op::SIN, f, {node}), steps.push_back([](float v, float) { return std::sin(v); }); break;
        case 3: node = k.alu(Op::SQRT, f, {k.alu(Op::MUL, f, {node, node})}), steps.push_back([](float v, float) { return std::sqrt(v * v); }); break;
        case 4: node = k.alu(Op::RECIP, f, {k.alu(Op::ADD, f, {node, k.f32(0.5)})}), steps.push_back([](float v, float) { return 1.0f / (v + 0.5f); }); break;
        case 5: node = k.alu(Op::MAX, f, {node, xv}), steps.push_back([](float v, float x) { return std::isnan(v) ? v : std::max(v, x); }); break;
        default:
          node = k.alu(Op::CMPLT, DType::bool_(), {node, k.f32(0)})->where(k.alu(Op::NEG, f, {node}), node);
          steps.push_back([](float v, float) { return v < 0 ? -v : v; });
          break;
      }
    }
    std::vector<double> want(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
      float v = float(xs[size_t(i)]);
      for (auto& st : steps) v = st(v, float(xs[size_t(i)]));
      want[size_t(i)] = v;
    }
    int gx = t.input("x", f, xs), gy = t.output("y", f, want);
    t.kernel("E_32", k.sink({k.store(y, r0, node, {r0})}), {gy, gx});
    expect_all_paths_pass(t);
  }
}

}  // namespace
}  // namespace rw::testing
