// Minimal reproducers of value-range rules that were unsound, found by the random expression
// fuzzer (tests/rewrite/expr_gen_test.cpp). Each asserts the true values lie in the range.
#include <gtest/gtest.h>

#include <climits>

#include "engine/ir/arena.h"
#include "engine/ir/intmath.h"

namespace rw {
namespace {

TEST(VRangeSoundness, ModByANegativeConstantWithinOnePeriod) {
  // y in [-1, 0]: y % -7 is -1 at y = -1 and 0 at y = 0 (floor modulo takes the divisor's
  // sign), so the range is [-1, 0]. Within one period r = a - c*q rises with a for either sign
  // of c; taking the ends in the other order gives an empty range [0, -1].
  Arena a;
  UOpPtr m = a.var("y", -1, 0)->mod(int64_t(-7));
  ASSERT_EQ(floormod(-1, -7), -1);
  EXPECT_EQ(m->vmin, -1);
  EXPECT_EQ(m->vmax, 0);
  UOpPtr m2 = a.var("z", -3, -1)->mod(int64_t(-7));
  EXPECT_EQ(m2->vmin, -3);
  EXPECT_EQ(m2->vmax, -1);
}

TEST(VRangeSoundness, FloorDivByMinusOneWhenTheDividendReachesInt64Min) {
  // x in [INT64_MIN, 0]: x // -1 is 5 at x = -5, but the corner INT64_MIN // -1 (2^63) does
  // not fit in int64 and comes back as INT64_MIN, so the corners give [INT64_MIN, 0]. The
  // quotient can leave the dtype's range, so nothing is known: the whole int64 range.
  Arena a;
  UOpPtr d = a.var("x", INT64_MIN, 0)->idiv(int64_t(-1));
  ASSERT_EQ(floordiv(-5, -1), 5);
  EXPECT_LE(d->vmin, 0);
  EXPECT_GE(d->vmax, 5);
  EXPECT_EQ(d->vmax, INT64_MAX);
}

}  // namespace
}  // namespace rw
