// where branches simplified given their condition (engine/rewrite/symbolic_valid.cpp).
#include "tests/rewrite/symbolic_check.h"

namespace rw::symtest {
namespace {

class SymbolicValid : public SymbolicCheck {
 protected:
  E r0 = E(arena.range(k(8), 0));
};

TEST_F(SymbolicValid, TheTrueBranchSeesTheNarrowedRange) {
  check(where_(r0 < 4, r0 % 4, k(0)), where_(r0 < 4, r0, k(0)));
  check(where_(r0 < 4, (r0 + 4) / 8, k(1)), where_(r0 < 4, k(0), k(1)));
  check(where_(3 < r0, r0 / 4, r0), where_(3 < r0, k(1), r0));
  check(where_(x < 8, max_(x, 7), y), where_(x < 8, k(7), y));
}

TEST_F(SymbolicValid, TheFalseBranchSeesTheComplement) {
  check(where_(r0 < 4, k(0), r0 % 4), where_(r0 < 4, k(0), r0 + -4));
  check(where_(n < 0, n / 8, n), where_(n < 0, k(-1), n));  // floor: every negative n//8 is -1 here
  check(where_(ne(x, 3), k(0), x % 8), where_(ne(x, 3), k(0), k(3)));  // not x != 3: x == 3
}

TEST_F(SymbolicValid, AllClausesOfAConjunctionNarrow) {
  // a pad's validity: 0 <= x-1 < 4
  check(where_((!(x - 1 < 0)) & (x - 1 < 4), (x - 1) % 8, k(0)), where_((x < 5) & (0 < x), x + -1, k(0)));
}

TEST_F(SymbolicValid, ConditionsOnOtherExpressionsChangeNothing) {
  check(where_(x + y < 4, x % 4, k(0)), where_(x + y < 4, x % 4, k(0)));  // bounds x+y, not x
  check(where_(ne(x, 3), x % 8, k(0)), where_(ne(x, 3), x % 8, k(0)));     // x != 3 is two intervals
}

}  // namespace
}  // namespace rw::symtest
