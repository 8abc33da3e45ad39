// Floor division by constants (engine/rewrite/symbolic_div.cpp), including negative ranges,
// negative divisors and the guard against wraparound.
#include "tests/rewrite/symbolic_check.h"

namespace rw::symtest {
namespace {

class SymbolicDiv : public SymbolicCheck {
 protected:
  E r0 = E(arena.range(k(4), 0)), r1 = E(arena.range(k(8), 1));
};

TEST_F(SymbolicDiv, MultiplesOfTheDivisorLeaveTheSum) {
  check((x * 4 + y) / 4, x);  // 0 <= y < 4
  check(x * 4 / 4, x);
  check((w * 3 + 7) / 3, w + 2);
  check((x + y * 3) / 3, y + x / 3);
  check((n + 8) / 4, n / 4 + 2);
  check((m * 3 + 1) / 3, m);  // floor((3m+1)/3) == m for negative m too
  check((r0 * 8 + r1) / 8, r0);
}

TEST_F(SymbolicDiv, ConstantsAreReducedIntoOnePeriod) {
  check((w + 201) / 101, (w + 100) / 101 + 1);
  check((n - 1) / 2, (n + 1) / 2 + -1);
}

TEST_F(SymbolicDiv, CommonFactorsCancel) {
  check((x * 6 + y * 2) / 4, x + (x + y) / 2);
  check((w * 2 + 1) / 4, w / 2);
  check(w * -3 / 3, w * -1);
}

TEST_F(SymbolicDiv, NestedDivisions) {
  check(x / 4 / 2, x / 8);
  check(z / 3 / 5, z / 15);
  check(n / 2 / 3, n / 6);  // floor(floor(n/2)/3) == floor(n/6) for negative n too
  check((z / 2 + 3) / 4, (z + 6) / 8);
  check(z % 15 / 5, z / 5 % 3);
  check(z % 15 / 4, z % 15 / 4);  // 4 does not divide 15: stays
}

TEST_F(SymbolicDiv, RangesPinTheQuotient) {
  check(r1 / 8, k(0));
  check(x / 16, k(0));
  check((x * 4 + y) / 64, k(0));
  check(m / 4 / 8, k(-1));
}

TEST_F(SymbolicDiv, NegativeDivisorsBecomePositive) {
  check(n / -4, n * -1 / 4);
  check(m / -4, m * -1 / 4);
  check((n * 4 + 2) / -4, n * -1 + -1);  // floor((4n+2)/-4) == -n-1
  check((m + 20) / -5, m * -1 / 5 + -4);
}

TEST_F(SymbolicDiv, NothingHappensWhereArithmeticMayWrap) {
  E big = i32("big", 0, 2147483647), s = i32("s", -10, 10), q = i32("q", 0, 10);
  check(big * 2 / 2, big * 2 / 2);
  check(q * 1073741824 / 1073741824, q * 1073741824 / 1073741824);  // q*2^30 overflows int32
  check((s * 4 + 3) / 4, s);  // in range: folds as for index
}

}  // namespace
}  // namespace rw::symtest
