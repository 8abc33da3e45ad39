// Comparisons (engine/rewrite/symbolic_compare.cpp).
#include "tests/rewrite/symbolic_check.h"

namespace rw::symtest {
namespace {

using SymbolicCompare = SymbolicCheck;

TEST_F(SymbolicCompare, ConstantsMoveToOneSide) {
  check(x + 3 < 10, x < 7);
  check(n + -3 < 0, n < 3);
  check(2 < w + 5, -3 < w);
  check(ne(x + 3, 5), ne(x, 2));
  check(eq(w + 3, 5), eq(w, 2));
}

TEST_F(SymbolicCompare, MultiplicationByAConstant) {
  check(x * 4 < 10, x < 3);       // x < ceil(10/4)
  check(w * 4 < -10, w < -2);     // ceil(-10/4) == -2
  check(n * -4 < 10, -3 < n);     // -4n < 10  <=>  n > -2.5
  check(3 < x * 4, 0 < x);
  check(5 < n * -2, n < -2);      // -2n > 5  <=>  n < -2.5
  check(eq(x * 4, 6), f);
  check(ne(x * 4, 6), t);
  check(eq(x * 4, 8), eq(x, 2));
  check(x * -1 < y * -1, y < x);
}

TEST_F(SymbolicCompare, FloorDivision) {
  check(x / 4 < 2, x < 8);
  check(2 < x / 4, 11 < x);
  check(n / -2 < 1, -2 < n);      // floor(n/-2) < 1  <=>  n > -2
  check(w / 3 < -2, w < -6);
  check(-2 < w / 3, -4 < w);
}

TEST_F(SymbolicCompare, CommonFactorWithASmallRemainder) {
  check(x * 4 + y < 8, x < 2);    // 0 <= y < 4
  check(x * 4 + y < 9, x * 4 + y < 9);
}

TEST_F(SymbolicCompare, NegatedComparisons) {
  check(!(x < 5), 4 < x);
  check(!(5 < x), x < 6);
  check(!(w < -3), -4 < w);
}

TEST_F(SymbolicCompare, SelfComparisonsAndRanges) {
  check(w < w, f);
  check(ne(n, n), f);
  check(eq(n, n), t);
  check(n * 2 < n * 2, f);
  check(m < n + 9, t);            // m <= -5 < 1 <= n+9
}

TEST_F(SymbolicCompare, NothingMovesWhereTheSumMayWrap) {
  E big = i32("big", 0, 2147483647), s = i32("s", -10, 10);
  check(big + 1 < 5, big + 1 < 5);
  check(s + 3 < 5, s < 2);
}

}  // namespace
}  // namespace rw::symtest
