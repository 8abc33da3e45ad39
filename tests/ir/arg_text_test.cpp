// The text of node arguments: what the viewer shows and the trace stores for every node.
#include <gtest/gtest.h>

#include <cstdio>
#include <limits>
#include <random>

#include "engine/ir/arg.h"

namespace rw {
namespace {

TEST(ArgText, EveryKindReadsLikePython) {
  EXPECT_EQ(Arg().to_string(), "None");
  EXPECT_EQ(Arg(int64_t(-42)).to_string(), "-42");
  EXPECT_EQ(Arg(true).to_string(), "True");
  EXPECT_EQ(Arg(false).to_string(), "False");
  EXPECT_EQ(Arg(std::string("r_8_16")).to_string(), "'r_8_16'");
  EXPECT_EQ(Arg(IntTuple{}).to_string(), "()");
  EXPECT_EQ(Arg(IntTuple{128}).to_string(), "(128,)");
  EXPECT_EQ(Arg(IntTuple{128, -256}).to_string(), "(128, -256)");
  EXPECT_EQ(Arg(PairTuple{{0, 1}}).to_string(), "((0, 1),)");
  EXPECT_EQ(Arg(PairTuple{{0, 1}, {2, 3}}).to_string(), "((0, 1), (2, 3))");
  EXPECT_EQ(Arg(VarArg{"i", 0, 15}).to_string(), "('i', 0, 15)");
  EXPECT_EQ(Arg(ReduceArg{Op::ADD, {}}).to_string(), "Ops.ADD");
  EXPECT_EQ(Arg(ReduceArg{Op::MAX, {1}}).to_string(), "(Ops.MAX, (1,))");
  EXPECT_EQ(Arg(ReduceArg{Op::ADD, {0, 2}}).to_string(), "(Ops.ADD, (0, 2))");
}

// Floats read as C's %.9g, with ".0" on whole numbers so that they read as floats.
TEST(ArgText, FloatsAsNineSignificantDigits) {
  EXPECT_EQ(Arg(1.0).to_string(), "1.0");
  EXPECT_EQ(Arg(-0.0).to_string(), "-0.0");
  EXPECT_EQ(Arg(0.5).to_string(), "0.5");
  EXPECT_EQ(Arg(1e20).to_string(), "1e+20");
  EXPECT_EQ(Arg(1.0 / 3).to_string(), "0.333333333");
  EXPECT_EQ(Arg(std::numeric_limits<double>::infinity()).to_string(), "inf");
  EXPECT_EQ(Arg(-std::numeric_limits<double>::infinity()).to_string(), "-inf");
  EXPECT_EQ(Arg(std::numeric_limits<double>::quiet_NaN()).to_string(), "nan");
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> mantissa(-10, 10);
  std::uniform_int_distribution<int> exponent(-30, 30);
  for (int i = 0; i < 20000; ++i) {
    const double d = std::ldexp(mantissa(rng), exponent(rng));
    char want[64];
    std::snprintf(want, sizeof want, "%.9g", d);
    std::string w = want;
    if (w.find_first_of(".en") == std::string::npos) w += ".0";
    ASSERT_EQ(Arg(d).to_string(), w) << d;
  }
}

TEST(ArgText, AppendsToWhatIsThere) {
  std::string out = "x=";
  Arg(IntTuple{1, 2}).append_text(out);
  EXPECT_EQ(out, "x=(1, 2)");
}

}  // namespace
}  // namespace rw
