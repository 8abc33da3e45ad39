// where and conditions (engine/rewrite/symbolic_where.cpp).
#include "tests/rewrite/symbolic_check.h"

namespace rw::symtest {
namespace {

using SymbolicWhere = SymbolicCheck;

TEST_F(SymbolicWhere, ConstantAndRedundantSelects) {
  check(where_(t, x, y), x);
  check(where_(f, x, y), y);
  check(where_(x < w, y, y), y);
  check(where_(x < 16, x, y), x);  // decided by x's range
  check(where_(!(x < w), x, y), where_(x < w, y, x));
}

TEST_F(SymbolicWhere, NestedSelectsOnConditions) {
  check(where_(x < w, where_(x < w, x, y), z), where_(x < w, x, z));
  check(where_(x < w, z, where_(x < w, x, y)), where_(x < w, z, y));
  check(where_(x < w, where_(y < n, x, w), w), where_((x < w) & (y < n), x, w));
  check(where_(x < w, w, where_(y < n, w, z)), where_((x < w) | (y < n), w, z));
}

TEST_F(SymbolicWhere, ConditionsDecidedByAnEnclosingCondition) {
  check(where_(x < 5, where_(x < 8, y, z), w), where_(x < 5, y, w));    // x<5 implies x<8
  check(where_(x < 5, where_(7 < x, y, z), w), where_(x < 5, z, w));    // x<5 excludes x>7
  check(where_(x < 5, w, where_(x < 3, y, z)), where_(x < 5, w, z));    // x>=5 excludes x<3
  check(where_(x < 5, w, where_(ne(x, 2), y, z)), where_(x < 5, w, y));  // x>=5 implies x!=2
  check(where_(x < 5, where_(y < 2, y, z), w), where_(x < 5, where_(y < 2, y, z), w));  // unrelated
}

TEST_F(SymbolicWhere, BoolSelectsAreLogic) {
  check(where_(x < w, t, f), x < w);
  check(where_(x < w, f, t), !(x < w));
  check(where_(x < w, b, f), b & (x < w));  // variables order before other nodes
  check(where_(x < w, t, b), b | (x < w));
}

TEST_F(SymbolicWhere, BoundsOnTheSameExpressionIntersect) {
  check((x < 5) & (x < 8), x < 5);
  check((5 < x) & (x < 6), f);
  check((x < 5) | (x < 8), x < 8);
  check((5 < x) | (x < 8), t);
  check((x < 5) & ne(x, 9), x < 5);
  check((x < 5) | eq(x, 3), x < 5);
  check((n < 0) & (0 < n), f);
  check((2 < x) & (x < 10), (x < 10) & (2 < x));  // canonical order: x before the constant 2
  check((w + 1 < 0) & (w < 5), w < -1);  // after moving the constant: w<-1 implies w<5
}

TEST_F(SymbolicWhere, PaddingValidity) {
  // where(0 <= i-1 < 8, ...) as a pad produces it, over i in [0, 15].
  E valid = (!(x - 1 < 0)) & (x - 1 < 8);
  check(where_(valid, x - 1, 0), where_((x < 9) & (0 < x), x + -1, k(0)));
}

}  // namespace
}  // namespace rw::symtest
