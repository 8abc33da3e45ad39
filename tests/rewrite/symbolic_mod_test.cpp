// Floor modulo by constants (engine/rewrite/symbolic_mod.cpp).
#include "tests/rewrite/symbolic_check.h"

namespace rw::symtest {
namespace {

class SymbolicMod : public SymbolicCheck {
 protected:
  E r0 = E(arena.range(k(4), 0)), r1 = E(arena.range(k(8), 1));
};

TEST_F(SymbolicMod, MultiplesOfTheDivisorDropOut) {
  check((x * 4 + y) % 4, y);
  check((x + 8) % 4, x % 4);
  check((n + 8) % 4, n % 4);  // floor: holds for negative n as well
  check((w * 3 + 7) % 3, k(1));
  check((w * -3 + 2) % 3, k(2));
  check((x + y * 16) % 16, x);
  check((r0 * 8 + r1) % 8, r1);
  check((w + 101) % 101, w % 101);
  check((x * 5 + 3) % 5, k(3));
}

TEST_F(SymbolicMod, InnerModuloByAMultipleDropsOut) {
  check(x % 8 % 4, x % 4);
  check(z % 15 % 3, z % 3);
  check(z % 15 % 4, z % 15 % 4);  // 4 does not divide 15: stays
  check((x % 4 + z) % 2, (x + z) % 2);
}

TEST_F(SymbolicMod, CommonFactors) {
  check((x * 6 + y * 2) % 4, (x + y) % 2 * 2);
  check((w * 2 + 1) % 4, w % 2 * 2 + 1);
}

TEST_F(SymbolicMod, OnePeriodIsAShift) {
  check(x % 16, x);
  check(r1 % 8, r1);
  check((m + 20) % 16, m + 20);
  check(m % 32, m + 32);  // floor: m in [-20, -5] gives m+32, not m
  check(n % 16, n % 16);  // crosses a period boundary at 0: stays
  check(m % 4, m % 4);
}

TEST_F(SymbolicMod, NegativeDivisors) {
  check(m % -4, m * -1 % 4 * -1);
  check(n % -4, n * -1 % 4 * -1);
  check(m % -32, m);  // m in (-32, 0]: its own remainder
  check(k(-7) % -2, k(-1));
}

TEST_F(SymbolicMod, NothingHappensWhereArithmeticMayWrap) {
  E big = i32("big", 0, 2147483647);
  check((big + 4) % 4, (big + 4) % 4);
}

}  // namespace
}  // namespace rw::symtest
