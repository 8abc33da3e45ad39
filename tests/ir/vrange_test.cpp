// Value ranges at the edges the symbolic simplifier depends on.
#include <gtest/gtest.h>

#include "engine/ir/arena.h"

namespace rw {
namespace {

TEST(VRange, ModuloByANegativeConstantWithinOnePeriod) {
  Arena a;
  // m in [-3, -1], all with quotient 0 for -4: m%-4 == m, so the range is [-3, -1].
  UOpPtr m = a.var("m", -3, -1)->mod(int64_t(-4));
  EXPECT_EQ(m->vmin, -3);
  EXPECT_EQ(m->vmax, -1);
  UOpPtr p = a.var("p", 5, 7)->mod(int64_t(-4));  // 5%-4 == -3 ... 7%-4 == -1
  EXPECT_EQ(p->vmin, -3);
  EXPECT_EQ(p->vmax, -1);
}

TEST(VRange, FloorDivisionByMinusOneOfTheWholeInt64Range) {
  Arena a;
  // INT64_MIN // -1 wraps to INT64_MIN, every other value negates: the range is everything.
  UOpPtr full = a.var("w", INT64_MIN, INT64_MAX)->idiv(int64_t(-1));
  EXPECT_EQ(full->vmin, INT64_MIN);
  EXPECT_EQ(full->vmax, INT64_MAX);
  UOpPtr small = a.var("v", -5, 7)->idiv(int64_t(-1));
  EXPECT_EQ(small->vmin, -7);
  EXPECT_EQ(small->vmax, 5);
}

}  // namespace
}  // namespace rw
