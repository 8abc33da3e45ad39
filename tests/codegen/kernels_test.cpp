// Hand-built kernels, each compiled and run through LLVM and through the linear evaluator
// (optimizations off and on), compared with values the test computes with plain loops.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/support/kernel_builder.h"
#include "tests/support/run_both.h"

namespace rw::testing {
namespace {

const DType f32 = DType::float32(), i32 = DType::int32(), b8 = DType::bool_();

double ramp(int64_t i) { return std::sin(double(i) * 0.37) * 3.0; }  // signs and fractions
double r32(double v) { return double(float(v)); }

TEST(CodegenKernels, Elementwise) {
  Arena a;
  KernelBuilder k(a);
  TestSchedule t;
  int x = t.input("x", f32, values(16, ramp));
  int y = t.output("y", f32, values(16, [](int64_t i) { return r32(r32(r32(ramp(i)) * 2) + 1); }));
  UOpPtr r0 = k.loop(0, 16), out = k.global(0, f32, 16), in = k.global(1, f32, 16);
  UOpPtr v = k.alu(Op::ADD, f32, {k.alu(Op::MUL, f32, {k.load(in, r0), k.f32(2)}), k.f32(1)});
  t.kernel("E_16", k.sink({k.store(out, r0, v, {r0})}), {y, x});
  expect_all_paths_pass(t);
}

TEST(CodegenKernels, Broadcast) {
  Arena a;
  KernelBuilder k(a);
  TestSchedule t;
  int x = t.input("x", f32, values(32, ramp));
  int b = t.input("b", f32, values(8, [](int64_t j) { return double(j) - 3.5; }));
  int y = t.output("y", f32, values(32, [](int64_t i) { return r32(r32(ramp(i)) + (double(i % 8) - 3.5)); }));
  UOpPtr r0 = k.loop(0, 4), r1 = k.loop(1, 8);
  UOpPtr out = k.global(0, f32, 32), gx = k.global(1, f32, 32), gb = k.global(2, f32, 8);
  UOpPtr i = r0->mul(8)->add(r1);
  UOpPtr v = k.alu(Op::ADD, f32, {k.load(gx, i), k.load(gb, r1)});
  t.kernel("E_4_8", k.sink({k.store(out, i, v, {r0, r1})}), {y, x, b});
  expect_all_paths_pass(t);
}

TEST(CodegenKernels, SumReduce) {
  Arena a;
  KernelBuilder k(a);
  TestSchedule t;
  int x = t.input("x", f32, values(64, ramp));
  std::vector<double> want(4);
  for (int i = 0; i < 4; ++i) {
    float s = 0;
    for (int j = 0; j < 16; ++j) s += float(ramp(i * 16 + j));
    want[size_t(i)] = s;
  }
  int y = t.output("y", f32, want);
  UOpPtr r0 = k.loop(0, 4), r1 = k.reduce_range(1, 16);
  UOpPtr out = k.global(0, f32, 4), in = k.global(1, f32, 64);
  UOpPtr s = k.reduce(Op::ADD, k.load(in, r0->mul(16)->add(r1)), {r1});
  t.kernel("r_4_16", k.sink({k.store(out, r0, s, {r0})}), {y, x});
  expect_all_paths_pass(t);
}

TEST(CodegenKernels, MaxOfElementwiseMath) {
  Arena a;
  KernelBuilder k(a);
  TestSchedule t;
  int x = t.input("x", f32, values(24, ramp));
  std::vector<double> want(8);
  for (int i = 0; i < 8; ++i) {
    double m = -INFINITY;
    for (int j = 0; j < 3; ++j) m = std::max(m, r32(r32(std::exp2(float(ramp(i * 3 + j)))) * 0.5));
    want[size_t(i)] = m;
  }
  int y = t.output("y", f32, want);
  UOpPtr r0 = k.loop(0, 8), r1 = k.reduce_range(1, 3);
  UOpPtr out = k.global(0, f32, 8), in = k.global(1, f32, 24);
  UOpPtr e = k.alu(Op::MUL, f32, {k.alu(Op::EXP2, f32, {k.load(in, r0->mul(3)->add(r1))}), k.f32(0.5)});
  t.kernel("r_8_3", k.sink({k.store(out, r0, k.reduce(Op::MAX, e, {r1}), {r0})}), {y, x});
  expect_all_paths_pass(t);
}

TEST(CodegenKernels, FloatMathFunctions) {
  Arena a;
  KernelBuilder k(a);
  TestSchedule t;
  int x = t.input("x", f32, values(16, ramp));
  auto f = [](double v) {
    float s = float(v);
    return r32(r32(std::sin(s) + std::sqrt(s * s)) + std::log2(r32(s * s + 1.0f)));
  };
  int y = t.output("y", f32, values(16, [&](int64_t i) { return f(ramp(i)); }));
  UOpPtr r0 = k.loop(0, 16), out = k.global(0, f32, 16), in = k.global(1, f32, 16);
  UOpPtr v = k.load(in, r0), sq = k.alu(Op::MUL, f32, {v, v});
  UOpPtr e = k.alu(Op::ADD, f32, {k.alu(Op::ADD, f32, {k.alu(Op::SIN, f32, {v}), k.alu(Op::SQRT, f32, {sq})}),
                                  k.alu(Op::LOG2, f32, {k.alu(Op::ADD, f32, {sq, k.f32(1)})})});
  t.kernel("E_16", k.sink({k.store(out, r0, e, {r0})}), {y, x});
  expect_all_paths_pass(t);
}

TEST(CodegenKernels, PaddedReadAndGatedStore) {
  Arena a;
  KernelBuilder k(a);
  TestSchedule t;
  int x = t.input("x", f32, values(8, [](int64_t i) { return double(i + 1); }));
  // y = pad(x, (2, 2)); z[i] = 10 + i on even i only (odd elements keep their initial 0)
  int y = t.output("y", f32, values(12, [](int64_t i) { return i >= 2 && i < 10 ? double(i - 1) : 0.0; }));
  int z = t.output("z", f32, values(12, [](int64_t i) { return i % 2 == 0 ? 10.0 + double(i) : 0.0; }));
  UOpPtr r0 = k.loop(0, 12), gy = k.global(0, f32, 12), gz = k.global(1, f32, 12), gx = k.global(2, f32, 8);
  UOpPtr valid = k.idx(1)->lt(r0)->logical_and(r0->lt(10));
  UOpPtr padded = k.load(gx, r0->add(-2), valid);
  UOpPtr even = r0->mod(2)->eq(k.idx(0));
  UOpPtr zval = k.alu(Op::ADD, f32, {k.f32(10), k.alu(Op::CAST, f32, {r0})});
  t.kernel("E_12", k.sink({k.store(gy, r0, padded, {r0}), k.store(gz, r0, zval, {r0}, even)}), {y, z, x});
  expect_all_paths_pass(t);
}

TEST(CodegenKernels, Flip) {
  Arena a;
  KernelBuilder k(a);
  TestSchedule t;
  int x = t.input("x", f32, values(8, ramp));
  int y = t.output("y", f32, values(8, [](int64_t i) { return r32(ramp(7 - i)); }));
  UOpPtr r0 = k.loop(0, 8), out = k.global(0, f32, 8), in = k.global(1, f32, 8);
  t.kernel("E_8", k.sink({k.store(out, r0, k.load(in, r0->mul(-1)->add(7)), {r0})}), {y, x});
  expect_all_paths_pass(t);
}

// Floor semantics, negatives by positives and the other way round, and /0 == 0.
TEST(CodegenKernels, IntFloorDivisionAndModulo) {
  Arena a;
  KernelBuilder k(a);
  TestSchedule t;
  std::vector<double> av{-7, 7, -7, 7, -1, 5, -8, 3, -2147483648.0, 0};
  std::vector<double> bv{2, 2, -2, -2, 3, 0, 3, -1, -1, 5};
  std::vector<double> q, m;
  for (size_t i = 0; i < av.size(); ++i) {
    double qi = bv[i] == 0 ? 0 : std::floor(av[i] / bv[i]);
    if (qi == 2147483648.0) qi = -2147483648.0;  // int32 wraps
    q.push_back(qi);
    m.push_back(bv[i] == 0 ? 0 : av[i] - std::floor(av[i] / bv[i]) * bv[i]);
  }
  EXPECT_EQ(q[0], -4);
  EXPECT_EQ(m[0], 1);
  int ga = t.input("a", i32, av), gb = t.input("b", i32, bv);
  int gq = t.output("q", i32, q), gm = t.output("m", i32, m);
  int64_t n = int64_t(av.size());
  UOpPtr r0 = k.loop(0, n), oq = k.global(0, i32, n), om = k.global(1, i32, n), ia = k.global(2, i32, n), ib = k.global(3, i32, n);
  UOpPtr x = k.load(ia, r0), y = k.load(ib, r0);
  t.kernel("E_10", k.sink({k.store(oq, r0, k.alu(Op::IDIV, i32, {x, y}), {r0}), k.store(om, r0, k.alu(Op::MOD, i32, {x, y}), {r0})}), {gq, gm, ga, gb});
  expect_all_paths_pass(t);
}

TEST(CodegenKernels, BoolOutputAndWhere) {
  Arena a;
  KernelBuilder k(a);
  TestSchedule t;
  int x = t.input("x", f32, values(16, ramp));
  int y = t.output("y", b8, values(16, [](int64_t i) { return r32(ramp(i)) < 0.5 ? 1.0 : 0.0; }));
  int z = t.output("z", f32, values(16, [](int64_t i) { return r32(ramp(i)) < 0.5 ? r32(ramp(i)) : -r32(ramp(i)); }));
  UOpPtr r0 = k.loop(0, 16), gy = k.global(0, b8, 16), gz = k.global(1, f32, 16), gx = k.global(2, f32, 16);
  UOpPtr v = k.load(gx, r0), c = k.alu(Op::CMPLT, b8, {v, k.f32(0.5)});
  t.kernel("E_16", k.sink({k.store(gy, r0, c, {r0}), k.store(gz, r0, c->where(v, k.alu(Op::NEG, f32, {v})), {r0})}), {y, z, x});
  expect_all_paths_pass(t);
}

TEST(CodegenKernels, CastsBetweenIntAndFloat) {
  Arena a;
  KernelBuilder k(a);
  TestSchedule t;
  int x = t.input("x", f32, values(8, [](int64_t i) { return (double(i) - 3.5) * 1.7; }));
  int y = t.output("y", i32, values(8, [](int64_t i) { return std::trunc(r32((double(i) - 3.5) * 1.7)); }));
  int z = t.output("z", f32, values(8, [](int64_t i) { return std::trunc(r32((double(i) - 3.5) * 1.7)) / 2; }));
  UOpPtr r0 = k.loop(0, 8), gy = k.global(0, i32, 8), gz = k.global(1, f32, 8), gx = k.global(2, f32, 8);
  UOpPtr as_int = k.alu(Op::CAST, i32, {k.load(gx, r0)});
  UOpPtr back = k.alu(Op::FDIV, f32, {k.alu(Op::CAST, f32, {as_int}), k.f32(2)});
  t.kernel("E_8", k.sink({k.store(gy, r0, as_int, {r0}), k.store(gz, r0, back, {r0})}), {y, z, x});
  expect_all_paths_pass(t);
}

TEST(CodegenKernels, IntReduceThenDivide) {
  Arena a;
  KernelBuilder k(a);
  TestSchedule t;
  int x = t.input("x", i32, values(20, [](int64_t i) { return double((i * 7) % 11) - 5; }));
  std::vector<double> want(4);
  for (int i = 0; i < 4; ++i) {
    int64_t s = 0;
    for (int j = 0; j < 5; ++j) s += ((i * 5 + j) * 7) % 11 - 5;
    want[size_t(i)] = std::floor(double(s) / 3);
  }
  int y = t.output("y", i32, want);
  UOpPtr r0 = k.loop(0, 4), r1 = k.reduce_range(1, 5), out = k.global(0, i32, 4), in = k.global(1, i32, 20);
  UOpPtr s = k.reduce(Op::ADD, k.load(in, r0->mul(5)->add(r1)), {r1});
  t.kernel("r_4_5", k.sink({k.store(out, r0, k.alu(Op::IDIV, i32, {s, k.i32(3)}), {r0})}), {y, x});
  expect_all_paths_pass(t);
}

TEST(CodegenKernels, MatmulShaped) {
  Arena a;
  KernelBuilder k(a);
  TestSchedule t;
  const int n = 8;
  int ga = t.input("a", f32, values(n * n, ramp)), gb = t.input("b", f32, values(n * n, [](int64_t i) { return ramp(i + 5) - 1; }));
  std::vector<double> want(n * n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      float s = 0;
      for (int q = 0; q < n; ++q) s += float(ramp(i * n + q)) * float(ramp(q * n + j + 5) - 1);
      want[size_t(i * n + j)] = s;
    }
  int gc = t.output("c", f32, want);
  UOpPtr r0 = k.loop(0, n), r1 = k.loop(1, n), r2 = k.reduce_range(2, n);
  UOpPtr out = k.global(0, f32, n * n), A = k.global(1, f32, n * n), B = k.global(2, f32, n * n);
  UOpPtr prod = k.alu(Op::MUL, f32, {k.load(A, r0->mul(n)->add(r2)), k.load(B, r2->mul(n)->add(r1))});
  t.kernel("r_8_8_8", k.sink({k.store(out, r0->mul(n)->add(r1), k.reduce(Op::ADD, prod, {r2}), {r0, r1})}), {gc, ga, gb});
  expect_all_paths_pass(t);
}

// A reduce and a loop side by side in one row: y[i, j] = x[i, j] - max_k x[i, k].
TEST(CodegenKernels, ReduceBesideLoop) {
  Arena a;
  KernelBuilder k(a);
  TestSchedule t;
  int x = t.input("x", f32, values(24, ramp));
  std::vector<double> want(24);
  for (int i = 0; i < 4; ++i) {
    double m = -INFINITY;
    for (int q = 0; q < 6; ++q) m = std::max(m, r32(ramp(i * 6 + q)));
    for (int j = 0; j < 6; ++j) want[size_t(i * 6 + j)] = r32(r32(ramp(i * 6 + j)) - m);
  }
  int y = t.output("y", f32, want);
  UOpPtr r0 = k.loop(0, 4), r1 = k.loop(1, 6), r2 = k.reduce_range(2, 6);
  UOpPtr out = k.global(0, f32, 24), in = k.global(1, f32, 24);
  UOpPtr m = k.reduce(Op::MAX, k.load(in, r0->mul(6)->add(r2)), {r2});
  UOpPtr v = k.alu(Op::SUB, f32, {k.load(in, r0->mul(6)->add(r1)), m});
  t.kernel("r_4_6_6", k.sink({k.store(out, r0->mul(6)->add(r1), v, {r0, r1})}), {y, x});
  expect_all_paths_pass(t);
}

// A reduce inside a reduce whose value does not depend on the outer loop:
// y[i] = sum_k x[i, k] * max_j w[k, j].
TEST(CodegenKernels, NestedReduce) {
  Arena a;
  KernelBuilder k(a);
  TestSchedule t;
  int x = t.input("x", f32, values(20, ramp)), w = t.input("w", f32, values(15, [](int64_t i) { return ramp(i * 3 + 1); }));
  std::vector<double> want(4);
  for (int i = 0; i < 4; ++i) {
    float s = 0;
    for (int q = 0; q < 5; ++q) {
      double m = -INFINITY;
      for (int j = 0; j < 3; ++j) m = std::max(m, r32(ramp((q * 3 + j) * 3 + 1)));
      s += float(ramp(i * 5 + q)) * float(m);
    }
    want[size_t(i)] = s;
  }
  int y = t.output("y", f32, want);
  UOpPtr r0 = k.loop(0, 4), r1 = k.reduce_range(1, 5), r2 = k.reduce_range(2, 3);
  UOpPtr out = k.global(0, f32, 4), gx = k.global(1, f32, 20), gw = k.global(2, f32, 15);
  UOpPtr inner = k.reduce(Op::MAX, k.load(gw, r1->mul(3)->add(r2)), {r2});
  UOpPtr outer = k.reduce(Op::ADD, k.alu(Op::MUL, f32, {k.load(gx, r0->mul(5)->add(r1)), inner}), {r1});
  t.kernel("r_4_5_3", k.sink({k.store(out, r0, outer, {r0})}), {y, x, w});
  expect_all_paths_pass(t);
}

// Two outputs of different shapes from one kernel: s[i] = sum_j x[i, j], z[i, j] = 2 x[i, j].
TEST(CodegenKernels, OutputsOfDifferentShapesShareTheOuterLoop) {
  Arena a;
  KernelBuilder k(a);
  TestSchedule t;
  int x = t.input("x", f32, values(15, ramp));
  std::vector<double> sums(3);
  for (int i = 0; i < 3; ++i) {
    float s = 0;
    for (int j = 0; j < 5; ++j) s += float(ramp(i * 5 + j));
    sums[size_t(i)] = s;
  }
  int gs = t.output("s", f32, sums);
  int gz = t.output("z", f32, values(15, [](int64_t i) { return r32(ramp(i)) * 2; }));
  UOpPtr r0 = k.loop(0, 3), r1 = k.loop(1, 5), r2 = k.reduce_range(2, 5);
  UOpPtr os = k.global(0, f32, 3), oz = k.global(1, f32, 15), in = k.global(2, f32, 15);
  UOpPtr sum = k.reduce(Op::ADD, k.load(in, r0->mul(5)->add(r2)), {r2});
  UOpPtr twice = k.alu(Op::MUL, f32, {k.load(in, r0->mul(5)->add(r1)), k.f32(2)});
  t.kernel("r_3_5_5", k.sink({k.store(os, r0, sum, {r0}), k.store(oz, r0->mul(5)->add(r1), twice, {r0, r1})}), {gs, gz, x});
  expect_all_paths_pass(t);
}

// 3x3 convolution with padding 1: a gated read under a compound gate, a reduce over three
// ranges (unrolled when optimizations are on).
TEST(CodegenKernels, Conv3x3Padded) {
  Arena a;
  KernelBuilder k(a);
  TestSchedule t;
  const int OC = 2, IC = 2, H = 5, W = 8;
  auto xv = [](int64_t i) { return ramp(i * 3 + 1); };
  auto wv = [](int64_t i) { return ramp(i * 5 + 2) * 0.5; };
  int x = t.input("x", f32, values(IC * H * W, xv)), w = t.input("w", f32, values(OC * IC * 9, wv));
  std::vector<double> want;
  for (int o = 0; o < OC; ++o)
    for (int yy = 0; yy < H; ++yy)
      for (int xx = 0; xx < W; ++xx) {
        float s = 0;
        for (int c = 0; c < IC; ++c)
          for (int dy = 0; dy < 3; ++dy)
            for (int dx = 0; dx < 3; ++dx) {
              int iy = yy + dy - 1, ix = xx + dx - 1;
              float in = iy >= 0 && iy < H && ix >= 0 && ix < W ? float(xv((c * H + iy) * W + ix)) : 0.0f;
              s += in * float(wv(((o * IC + c) * 3 + dy) * 3 + dx));
            }
        want.push_back(s);
      }
  int y = t.output("y", f32, want);
  UOpPtr oc = k.loop(0, OC), oy = k.loop(1, H), ox = k.loop(2, W);
  UOpPtr ic = k.reduce_range(3, IC), ky = k.reduce_range(4, 3), kx = k.reduce_range(5, 3);
  UOpPtr gy = k.global(0, f32, OC * H * W), gx = k.global(1, f32, IC * H * W), gw = k.global(2, f32, OC * IC * 9);
  UOpPtr iy = oy->add(ky)->add(-1), ix = ox->add(kx)->add(-1);
  UOpPtr valid = k.idx(-1)->lt(iy)->logical_and(iy->lt(H))->logical_and(k.idx(-1)->lt(ix))->logical_and(ix->lt(W));
  UOpPtr in = k.load(gx, ic->mul(H * W)->add(iy->mul(W))->add(ix), valid);
  UOpPtr wt = k.load(gw, oc->mul(IC * 9)->add(ic->mul(9))->add(ky->mul(3))->add(kx));
  UOpPtr acc = k.reduce(Op::ADD, k.alu(Op::MUL, f32, {in, wt}), {ic, ky, kx});
  t.kernel("r_2_5_8_2_3_3", k.sink({k.store(gy, oc->mul(H * W)->add(oy->mul(W))->add(ox), acc, {oc, oy, ox})}), {y, x, w});
  expect_all_paths_pass(t);
}

// A kernel without loops: a full reduction to one element.
TEST(CodegenKernels, FullReduceToScalar) {
  Arena a;
  KernelBuilder k(a);
  TestSchedule t;
  int x = t.input("x", f32, values(10, [](int64_t i) { return double(i) * 0.5 + 1; }));
  double p = 1;
  for (int i = 0; i < 10; ++i) p = r32(p * r32(double(i) * 0.5 + 1));
  int y = t.output("y", f32, {p});
  UOpPtr r0 = k.reduce_range(0, 10), out = k.global(0, f32, 1), in = k.global(1, f32, 10);
  t.kernel("r_10", k.sink({k.store(out, k.idx(0), k.reduce(Op::MUL, k.load(in, r0), {r0}), {})}), {y, x});
  expect_all_paths_pass(t);
}

}  // namespace
}  // namespace rw::testing
