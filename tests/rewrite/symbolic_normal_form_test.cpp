// Families of expressions that must always reach one exact normal form, over randomized
// constants and variable ranges (negative ranges included).
#include <gtest/gtest.h>

#include "engine/ir/arena.h"
#include "engine/ir/intmath.h"
#include "engine/ir/print.h"
#include "engine/rewrite/expr_gen.h"
#include "engine/rewrite/symbolic.h"

namespace rw {
namespace {

constexpr int kCases = 500;

struct Range {
  int64_t lo, hi;
};

// At least two values: a variable with one value is folded to a constant.
Range random_range(SplitMix64& rng) {
  int64_t lo = rng.uniform(-200, 200);
  return {lo, lo + rng.uniform(1, 300)};
}

// x - q*c when every x in [lo, hi] has the same quotient q, else nullptr.
UOpPtr one_period_remainder(UOpPtr x, int64_t c) {
  int64_t q = floordiv(x->vmin, c);
  if (q != floordiv(x->vmax, c)) return nullptr;
  return q == 0 ? x : x->add(-q * c);
}

#define EXPECT_NORMAL_FORM(input, want)                                                                          \
  do {                                                                                                           \
    UOpPtr in_ = (input), want_ = (want), got_ = simplify(in_);                                                   \
    EXPECT_EQ(got_, want_) << "input " << render_expr(in_) << " over " << x->summary() << "\n  got      "        \
                           << render_expr(got_) << "\n  expected " << render_expr(want_);                        \
  } while (0)

TEST(SymbolicNormalForm, MultipleOfTheDivisorPlusASmallRemainderDividesToTheMultiplier) {
  SplitMix64 rng(1);
  for (int i = 0; i < kCases; ++i) {
    Arena a;
    const int64_t c = rng.uniform(2, 64);
    Range rx = random_range(rng);
    const int64_t ylo = rng.uniform(0, c - 1), yhi = rng.uniform(ylo, c - 1);
    UOpPtr x = a.var("x", rx.lo, rx.hi), y = a.var("y", ylo, yhi);
    // (x*c+y)//c -> x + y//c -> x, since y//c == 0
    EXPECT_NORMAL_FORM(x->mul(c)->add(y)->idiv(c), x);
    EXPECT_NORMAL_FORM(y->add(x->mul(c))->idiv(c), x);
  }
}

TEST(SymbolicNormalForm, AddingMultiplesOfTheModulusDoesNotChangeTheRemainder) {
  SplitMix64 rng(2);
  for (int i = 0; i < kCases; ++i) {
    Arena a;
    int64_t c = rng.uniform(2, 64);
    const int64_t mult = rng.uniform(-20, 20);
    Range rx = random_range(rng);
    if (i % 3 == 0) {  // inside [0, c)
      rx.lo = rng.uniform(0, c - 2);
      rx.hi = rng.uniform(rx.lo + 1, c - 1);
    }
    UOpPtr x = a.var("x", rx.lo, rx.hi);
    UOpPtr want = one_period_remainder(x, c);
    if (!want) want = x->mod(c);
    // (x + c*k)%c -> x%c, or x (shifted) when x stays within one period
    EXPECT_NORMAL_FORM(x->add(c * mult)->mod(c), want);
    // a negative modulus becomes a positive one: x%-c == -((-x)%c)
    UOpPtr neg_want = one_period_remainder(x, -c);
    if (!neg_want) neg_want = x->mul(int64_t(-1))->mod(c)->mul(int64_t(-1));
    EXPECT_NORMAL_FORM(x->add(c * mult)->mod(-c), neg_want);
  }
}

TEST(SymbolicNormalForm, NestedFloorDivisionsMerge) {
  SplitMix64 rng(3);
  for (int i = 0; i < kCases; ++i) {
    Arena a;
    const int64_t d1 = rng.uniform(2, 12), d2 = rng.uniform(2, 12);
    Range rx = random_range(rng);
    UOpPtr x = a.var("x", rx.lo, rx.hi);
    const int64_t lo = floordiv(rx.lo, d1 * d2), hi = floordiv(rx.hi, d1 * d2);
    UOpPtr want = lo == hi ? a.index_const(lo) : x->idiv(d1 * d2);
    // (x//a)//b -> x//(a*b)
    EXPECT_NORMAL_FORM(x->idiv(d1)->idiv(d2), want);
    // a negative inner divisor: x//-a == (-x)//a, then merged the same way
    const int64_t nlo = floordiv(-rx.hi, d1 * d2), nhi = floordiv(-rx.lo, d1 * d2);
    UOpPtr neg_want = nlo == nhi ? a.index_const(nlo) : x->mul(int64_t(-1))->idiv(d1 * d2);
    EXPECT_NORMAL_FORM(x->idiv(-d1)->idiv(d2), neg_want);
  }
}

TEST(SymbolicNormalForm, ModuloOfAModuloByAMultiple) {
  SplitMix64 rng(4);
  for (int i = 0; i < kCases; ++i) {
    Arena a;
    const int64_t c = rng.uniform(2, 16), mult = rng.uniform(1, 8);
    Range rx = random_range(rng);
    UOpPtr x = a.var("x", rx.lo, rx.hi);
    UOpPtr want = one_period_remainder(x, c);
    if (!want) want = x->mod(c);
    // (x%(c*k))%c -> x%c
    EXPECT_NORMAL_FORM(x->mod(c * mult)->mod(c), want);
  }
}

}  // namespace
}  // namespace rw
