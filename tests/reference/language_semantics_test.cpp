// The language's semantics, checked through the reference interpreter against values
// worked out by hand or by a direct loop (numpy's answers where the two could differ).
#include <gtest/gtest.h>

#include <cmath>

#include "engine/frontend/program.h"
#include "engine/reference/program_reference.h"

namespace rw {
namespace {

HostArray run(const std::string& src, const std::string& name = "y") {
  Arena arena;
  Program p = build_program(arena, src, "test.tg", ".");
  for (auto& [n, v] : evaluate_reference(p))
    if (n == name) return v;
  ADD_FAILURE() << "no output " << name;
  return {};
}

void expect_values(const HostArray& a, const std::vector<double>& want, double tol = 1e-6) {
  ASSERT_EQ(a.data.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    if (std::isnan(want[i])) EXPECT_TRUE(std::isnan(a.data[i])) << "at " << i;
    else if (std::isinf(want[i])) EXPECT_EQ(a.data[i], want[i]) << "at " << i;
    else EXPECT_NEAR(a.data[i], want[i], tol * (1 + std::abs(want[i]))) << "at " << i;
  }
}

TEST(Semantics, ArangeIsInt32AndCounts) {
  HostArray y = run("y = arange(5)\noutput(y)");
  EXPECT_EQ(y.dtype, DType::int32());
  EXPECT_EQ(y.shape, (Shape{5}));
  expect_values(y, {0, 1, 2, 3, 4});
  expect_values(run("y = arange(2, 11, 3)\noutput(y)"), {2, 5, 8});
  expect_values(run("y = arange(5, 0, -2)\noutput(y)"), {5, 3, 1});
  EXPECT_EQ(run("y = arange(0, 1, 0.25)\noutput(y)").dtype, DType::float32());
}

TEST(Semantics, LongArangeStaysExact) {
  HostArray y = run("y = arange(1000)\noutput(y)");
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(y.data[size_t(i)], i);
}

TEST(Semantics, FloorDivisionAndModuloFloorLikeNumpy) {
  HostArray q = run("x = arange(-7, 8, 7)\ny = x // 2\noutput(y)");  // -7, 0, 7
  expect_values(q, {-4, 0, 3});
  expect_values(run("x = arange(-7, 8, 7)\ny = x % 2\noutput(y)"), {1, 0, 1});
  expect_values(run("x = arange(-7, 8, 7)\ny = x % -2\noutput(y)"), {-1, 0, -1});
  expect_values(run("x = arange(3)\ny = x // 0 + x % 0\noutput(y)"), {0, 0, 0});
  HostArray f = run("x = arange(-7, 8, 7).float()\ny = x // 2\noutput(y)");
  EXPECT_EQ(f.dtype, DType::float32());
  expect_values(f, {-4, 0, 3});
  expect_values(run("x = arange(-7, 8, 7).float()\ny = x % 2.5\noutput(y)"), {0.5, 0, 2});
}

TEST(Semantics, TrueDivisionIsAlwaysFloat32) {
  HostArray y = run("y = arange(4) / 2\noutput(y)");
  EXPECT_EQ(y.dtype, DType::float32());
  expect_values(y, {0, 0.5, 1, 1.5});
  expect_values(run("y = 1 / arange(3)\noutput(y)"), {INFINITY, 1, 0.5});
}

TEST(Semantics, IntWithFloatIsFloat32AndNumbersFollowTheTensor) {
  EXPECT_EQ(run("y = arange(3) + 0.5\noutput(y)").dtype, DType::float32());
  EXPECT_EQ(run("y = arange(3) * 2\noutput(y)").dtype, DType::int32());
  EXPECT_EQ(run("y = arange(3).float() * 2\noutput(y)").dtype, DType::float32());
  EXPECT_EQ(run("y = arange(3) + arange(3).float()\noutput(y)").dtype, DType::float32());
  EXPECT_EQ(run("y = arange(3) < 1\noutput(y)").dtype, DType::bool_());
}

TEST(Semantics, IntSumAndProdStayInt32MeanAndVarGiveFloat32) {
  HostArray s = run("y = arange(5).sum()\noutput(y)");
  EXPECT_EQ(s.dtype, DType::int32());
  EXPECT_EQ(s.shape, Shape{});
  expect_values(s, {10});
  HostArray p = run("y = (arange(4) + 1).prod()\noutput(y)");
  EXPECT_EQ(p.dtype, DType::int32());
  expect_values(p, {24});
  HostArray m = run("y = arange(4).mean()\noutput(y)");
  EXPECT_EQ(m.dtype, DType::float32());
  expect_values(m, {1.5});
  HostArray v = run("y = arange(4).var()\noutput(y)");
  EXPECT_EQ(v.dtype, DType::float32());
  expect_values(v, {1.25});  // numpy's var (ddof 0)
  expect_values(run("y = arange(4).var(correction=1)\noutput(y)"), {5.0 / 3});
  EXPECT_EQ(run("y = (arange(4) < 2).sum()\noutput(y)").dtype, DType::int32());
}

TEST(Semantics, ReductionAxesNegativeTuplesAndKeepdim) {
  const std::string x = "x = arange(24).reshape(2, 3, 4)\n";
  HostArray a = run(x + "y = x.sum(axis=-1)\noutput(y)");
  EXPECT_EQ(a.shape, (Shape{2, 3}));
  expect_values(a, {6, 22, 38, 54, 70, 86});
  HostArray b = run(x + "y = x.sum((0, 2), keepdim=True)\noutput(y)");
  EXPECT_EQ(b.shape, (Shape{1, 3, 1}));
  expect_values(b, {60, 92, 124});
  expect_values(run(x + "y = x.max(1)\noutput(y)"), {8, 9, 10, 11, 20, 21, 22, 23});
  expect_values(run(x + "y = x.min(axis=(1, 2))\noutput(y)"), {0, 12});
  expect_values(run(x + "y = x.mean(axis=(0, -1))\noutput(y)"), {7.5, 11.5, 15.5});
}

TEST(Semantics, MovementOps) {
  const std::string x = "x = arange(6).reshape(2, 3)\n";
  expect_values(run(x + "y = x.T\noutput(y)"), {0, 3, 1, 4, 2, 5});
  expect_values(run(x + "y = x.transpose()\noutput(y)"), {0, 3, 1, 4, 2, 5});
  expect_values(run(x + "y = x.flip(1)\noutput(y)"), {2, 1, 0, 5, 4, 3});
  expect_values(run(x + "y = x.flip((0, 1))\noutput(y)"), {5, 4, 3, 2, 1, 0});
  expect_values(run(x + "y = x.pad(((0, 1), (1, 0)))\noutput(y)"), {0, 0, 1, 2, 0, 3, 4, 5, 0, 0, 0, 0});
  expect_values(run(x + "y = x.shrink(((1, 2), (0, 2)))\noutput(y)"), {3, 4});
  expect_values(run(x + "y = x.shrink((None, (2, 3)))\noutput(y)"), {2, 5});
  expect_values(run(x + "y = x.reshape(-1)\noutput(y)"), {0, 1, 2, 3, 4, 5});
  expect_values(run(x + "y = x.reshape((3, 2)).permute(1, 0)\noutput(y)"), {0, 2, 4, 1, 3, 5});
  HostArray e = run("y = arange(3).expand(2, 3)\noutput(y)");
  EXPECT_EQ(e.shape, (Shape{2, 3}));
  expect_values(e, {0, 1, 2, 0, 1, 2});
}

TEST(Semantics, CreationFunctions) {
  HostArray z = run("y = zeros(2, 3)\noutput(y)");
  EXPECT_EQ(z.dtype, DType::float32());
  EXPECT_EQ(z.shape, (Shape{2, 3}));
  expect_values(run("y = ones((2,))\noutput(y)"), {1, 1});
  HostArray f = run("y = full((2, 2), 7)\noutput(y)");
  EXPECT_EQ(f.dtype, DType::int32());
  expect_values(f, {7, 7, 7, 7});
  expect_values(run("y = eye(3)\noutput(y)"), {1, 0, 0, 0, 1, 0, 0, 0, 1});
  HostArray t = run("y = tensor([[1, 2.5], [3, 4]])\noutput(y)");
  EXPECT_EQ(t.dtype, DType::float32());
  EXPECT_EQ(t.shape, (Shape{2, 2}));
  expect_values(t, {1, 2.5, 3, 4});
  EXPECT_EQ(run("y = tensor([1, 2])\noutput(y)").dtype, DType::int32());
  EXPECT_EQ(run("y = tensor([True, False])\noutput(y)").dtype, DType::bool_());
}

TEST(Semantics, ElementwiseFunctionsMatchLibm) {
  const std::string x = "x = tensor([-2.0, -0.5, 0.0, 0.5, 3.0])\n";
  std::vector<double> in = {-2.0, -0.5, 0.0, 0.5, 3.0};
  auto mapped = [&](double (*f)(double)) {
    std::vector<double> out;
    for (double v : in) out.push_back(double(float(f(v))));
    return out;
  };
  expect_values(run(x + "y = x.exp()\noutput(y)"), mapped([](double v) { return std::exp(v); }), 1e-6);
  expect_values(run(x + "y = x.sin()\noutput(y)"), mapped([](double v) { return std::sin(v); }), 1e-6);
  expect_values(run(x + "y = cos(x)\noutput(y)"), mapped([](double v) { return std::cos(v); }), 1e-6);
  expect_values(run(x + "y = x.tanh()\noutput(y)"), mapped([](double v) { return std::tanh(v); }), 1e-6);
  expect_values(run(x + "y = x.sigmoid()\noutput(y)"), mapped([](double v) { return 1 / (1 + std::exp(-v)); }), 1e-6);
  expect_values(run(x + "y = x.relu()\noutput(y)"), {0, 0, 0, 0.5, 3});
  expect_values(run(x + "y = x.abs()\noutput(y)"), {2, 0.5, 0, 0.5, 3});
  expect_values(run(x + "y = x.abs().log1p()\noutput(y)"), mapped([](double v) { return std::log1p(std::abs(v)); }), 1e-6);
  expect_values(run(x + "y = x.log()\noutput(y)"), {NAN, NAN, -INFINITY, std::log(0.5), std::log(3.0)}, 1e-6);
  expect_values(run(x + "y = x.sqrt()\noutput(y)"), {NAN, NAN, 0, std::sqrt(0.5), std::sqrt(3.0)}, 1e-6);
  expect_values(run(x + "y = maximum(x, 0.25)\noutput(y)"), {0.25, 0.25, 0.25, 0.5, 3});
  expect_values(run(x + "y = x.minimum(0.25)\noutput(y)"), {-2, -0.5, 0, 0.25, 0.25});
  expect_values(run(x + "y = -x\noutput(y)"), {2, 0.5, 0, -0.5, -3});
  expect_values(run(x + "y = where(x > 0, x, 10)\noutput(y)"), {10, 10, 10, 0.5, 3});
}

TEST(Semantics, ComparisonsIncludingNaN) {
  const std::string x = "x = tensor([1.0, 2.0, 3.0]).log2() * 0 + tensor([1.0, 2.0, 3.0])\nn = zeros(3).log() * 0\n";
  expect_values(run(x + "y = x <= 2\noutput(y)"), {1, 1, 0});
  expect_values(run(x + "y = x >= 2\noutput(y)"), {0, 1, 1});
  expect_values(run(x + "y = x == 2\noutput(y)"), {0, 1, 0});
  expect_values(run(x + "y = x != 2\noutput(y)"), {1, 0, 1});
  expect_values(run(x + "y = 2 < x\noutput(y)"), {0, 0, 1});
  expect_values(run(x + "y = n <= n\noutput(y)"), {0, 0, 0});  // NaN compares false
}

TEST(Semantics, PowerFollowsNumpy) {
  expect_values(run("y = arange(4) ** 2\noutput(y)"), {0, 1, 4, 9});
  EXPECT_EQ(run("y = arange(4) ** 2\noutput(y)").dtype, DType::int32());
  expect_values(run("y = tensor([4.0, 9.0]) ** 0.5\noutput(y)"), {2, 3});
  expect_values(run("y = tensor([2.0, -2.0]) ** tensor([3.0, 3.0])\noutput(y)"), {8, -8});
  expect_values(run("y = tensor([-2.0, 0.0]) ** tensor([0.5, 0.0])\noutput(y)"), {NAN, 1});
  expect_values(run("y = 2 ** tensor([1.0, 3.0])\noutput(y)"), {2, 8});
  expect_values(run("y = tensor([2.0, 4.0]) ** -1\noutput(y)"), {0.5, 0.25});
  EXPECT_EQ(run("y = arange(3) ** 2.0\noutput(y)").dtype, DType::float32());
  expect_values(run("y = (zeros(2).log() * 0) ** 0\noutput(y)"), {1, 1});
}

TEST(Semantics, CastsTruncateAndWrap) {
  expect_values(run("y = tensor([-1.7, 2.7]).int()\noutput(y)"), {-1, 2});
  expect_values(run("y = tensor([3000000000.0]).cast(\"int64\")\noutput(y)"), {3000000000.0});
  expect_values(run("y = (arange(3) * 1073741824) * 2\noutput(y)"), {0, -2147483648.0, 0});  // int32 wraps
  EXPECT_EQ(run("y = arange(3).cast(\"float64\") + 1.5\noutput(y)").dtype, DType::float64());
}

// Direct loops to compare composites against.
std::vector<double> naive_matmul(const std::vector<double>& a, const std::vector<double>& b, int n, int k, int m) {
  std::vector<double> c(size_t(n * m), 0);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < m; ++j)
      for (int p = 0; p < k; ++p) c[size_t(i * m + j)] += a[size_t(i * k + p)] * b[size_t(p * m + j)];
  return c;
}

TEST(Semantics, MatmulVectorMatrixAndBatched) {
  expect_values(run("a = arange(6).reshape(2, 3)\nb = arange(12).reshape(3, 4)\ny = a @ b\noutput(y)"),
                naive_matmul({0, 1, 2, 3, 4, 5}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 2, 3, 4));
  expect_values(run("a = arange(3)\nb = arange(12).reshape(3, 4)\ny = a @ b\noutput(y)"), {20, 23, 26, 29});
  expect_values(run("a = arange(6).reshape(2, 3)\ny = a.matmul(arange(3))\noutput(y)"), {5, 14});
  HostArray batched = run("a = arange(12).reshape(2, 2, 3)\nb = arange(6).reshape(3, 2)\ny = a @ b\noutput(y)");
  EXPECT_EQ(batched.shape, (Shape{2, 2, 2}));
  expect_values(batched, {10, 13, 28, 40, 46, 67, 64, 94});
}

TEST(Semantics, Conv2dWithStrideAndPaddingMatchesADirectLoop) {
  HostArray y = run("x = arange(50).reshape(1, 2, 5, 5).float()\nw = arange(36).reshape(2, 2, 3, 3).float() / 10\n"
                    "y = x.conv2d(w, stride=2, padding=1)\noutput(y)");
  ASSERT_EQ(y.shape, (Shape{1, 2, 3, 3}));
  std::vector<double> want;
  for (int o = 0; o < 2; ++o)
    for (int oy = 0; oy < 3; ++oy)
      for (int ox = 0; ox < 3; ++ox) {
        double acc = 0;
        for (int c = 0; c < 2; ++c)
          for (int ky = 0; ky < 3; ++ky)
            for (int kx = 0; kx < 3; ++kx) {
              int iy = oy * 2 + ky - 1, ix = ox * 2 + kx - 1;
              if (iy < 0 || iy >= 5 || ix < 0 || ix >= 5) continue;
              acc += (c * 25 + iy * 5 + ix) * (double(float(((o * 2 + c) * 9 + ky * 3 + kx) * double(float(0.1)))));
            }
        want.push_back(acc);
      }
  expect_values(y, want, 1e-5);
}

TEST(Semantics, Conv2dWithAStrideLongerThanTheKernel) {
  HostArray y = run("x = arange(49).reshape(1, 1, 7, 7)\nw = ones(1, 1, 2, 2)\ny = x.conv2d(w, stride=3)\noutput(y)");
  ASSERT_EQ(y.shape, (Shape{1, 1, 2, 2}));
  // windows at rows/cols 0-1 and 3-4: 0+1+7+8, 3+4+10+11, 21+22+28+29, 24+25+31+32
  expect_values(y, {16, 28, 100, 112});
}

TEST(Semantics, MaxPoolUsesStrideK) {
  HostArray y = run("x = arange(20).reshape(1, 1, 4, 5)\ny = x.max_pool2d(2)\noutput(y)");
  EXPECT_EQ(y.shape, (Shape{1, 1, 2, 2}));
  expect_values(y, {6, 8, 16, 18});
}

TEST(Semantics, CumsumIsInclusiveOnShortAndSplitAxes) {
  expect_values(run("y = arange(6).reshape(2, 3).cumsum(1)\noutput(y)"), {0, 1, 3, 3, 7, 12});
  expect_values(run("y = arange(6).reshape(2, 3).cumsum(axis=0)\noutput(y)"), {0, 1, 2, 3, 5, 7});
  HostArray big = run("y = ones(2, 700).cumsum(axis=-1)\noutput(y)");
  ASSERT_EQ(big.shape, (Shape{2, 700}));
  for (size_t i = 0; i < 1400; ++i) ASSERT_EQ(big.data[i], double(i % 700 + 1)) << i;
}

TEST(Semantics, SoftmaxRowsSumToOne) {
  HostArray y = run("y = arange(12).reshape(3, 4).float().softmax(axis=1)\noutput(y)");
  for (int r = 0; r < 3; ++r) {
    double s = 0;
    for (int c = 0; c < 4; ++c) s += y.data[size_t(r * 4 + c)];
    EXPECT_NEAR(s, 1, 1e-6);
  }
  double e = std::exp(1.0);
  double denom = 1 + e + e * e + e * e * e;
  EXPECT_NEAR(y.data[3], e * e * e / denom, 1e-6);
}

TEST(Semantics, RandIsReproducibleBySeedAndInRange) {
  HostArray a = run("y = rand(4, 5, seed=3)\noutput(y)");
  HostArray b = run("y = rand((4, 5), seed=3)\noutput(y)");
  HostArray c = run("y = rand(4, 5, seed=4)\noutput(y)");
  EXPECT_EQ(a.data, b.data);
  EXPECT_NE(a.data, c.data);
  for (double v : a.data) EXPECT_TRUE(v >= 0 && v < 1);
  HostArray unseeded = run("a = rand(3)\nb = rand(3)\ny = a - b\noutput(y)");
  bool differ = false;
  for (double v : unseeded.data) differ = differ || v != 0;
  EXPECT_TRUE(differ) << "two unseeded rand calls must differ";
  HostArray n = run("y = randn(10000, seed=1)\noutput(y)");
  double mean = 0, sq = 0;
  for (double v : n.data) mean += v, sq += v * v;
  mean /= 10000;
  EXPECT_NEAR(mean, 0, 0.05);
  EXPECT_NEAR(sq / 10000 - mean * mean, 1, 0.05);
}

}  // namespace
}  // namespace rw
