// Index arithmetic as movement ops produce it (reshape: div and mod of a flat index; flip;
// pad validity), over loop ranges: all rule families working together.
#include "tests/rewrite/symbolic_check.h"

namespace rw::symtest {
namespace {

class SymbolicIndex : public SymbolicCheck {
 protected:
  E r0 = E(arena.range(k(8), 0)), r1 = E(arena.range(k(4), 1)), r2 = E(arena.range(k(4), 2));
  E r3 = E(arena.range(k(12), 3));
  E flat = r0 * 16 + r1 * 4 + r2;  // an (8, 4, 4) tensor's flat index
};

TEST_F(SymbolicIndex, ReshapeBackToTheOriginalAxes) {
  check(flat / 16, r0);
  check(flat / 4 % 4, r1);
  check(flat % 16 / 4, r1);
  check(flat % 4, r2);
  check(flat % 16, r1 * 4 + r2);
  check(flat / 4 * 4 + flat % 4, flat);
  check((r1 * 4 + r2) / 2 % 2, r2 / 2);
}

TEST_F(SymbolicIndex, MergingAndSplittingAxes) {
  check((r0 * 12 + r3) / 4, r0 * 3 + r3 / 4);
  check((r0 * 12 + r3) % 4, r3 % 4);
  check((r0 * 4 + r1) % 8 / 4, r0 % 2);
  check((r0 * 2 + r1) % 4 * 2 + (r0 * 2 + r1) / 4 * 8, r0 * 4 + r1 * 2);
  check(r3 * 2 % 8, r3 % 4 * 2);
  check((r3 + 12) % 12, r3);
}

TEST_F(SymbolicIndex, FlipAndBounds) {
  check(k(7) - r0, r0 * -1 + 7);
  check(r0 < 8, t);
  check(r0 * 4 + r1 < 32, t);
  check(r0 * 4 + r1 < 8, r0 < 2);
  check(r0 / 2 < 3, r0 < 6);
}

TEST_F(SymbolicIndex, PadValidity) {
  // pad by 1 on the left: valid where 0 <= r0-1 < 4
  E valid = (!(r0 - 1 < 0)) & (r0 - 1 < 4);
  check(where_(valid, r0 - 1, 0), where_((r0 < 5) & (0 < r0), r0 + -1, k(0)));
}

}  // namespace
}  // namespace rw::symtest
