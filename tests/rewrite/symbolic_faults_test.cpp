// The symbolic simplifier's injected faults: inert without a FaultScope naming them (and in
// one naming another fault), wrong in exactly the documented way with it, and the scope is
// undone when it closes.
#include <gtest/gtest.h>

#include "engine/ir/arena.h"
#include "engine/ir/print.h"
#include "engine/rewrite/faults.h"
#include "engine/rewrite/symbolic.h"

namespace rw {
namespace {

TEST(SymbolicFaults, DivDropRemainderDropsANegativeRemainder) {
  Arena a;
  UOpPtr x = a.var("x", 0, 15), y = a.var("y", 0, 3);
  UOpPtr shifted = x->mul(int64_t(4))->add(y)->add(int64_t(-1))->idiv(int64_t(4));  // (4x + y - 1)//4: x-1 where y == 0
  const std::string right = render_expr(simplify(shifted));
  EXPECT_EQ(right, "x+(y+3)//4+-1");
  FaultSet faults = FaultSet::parse("div-drop-remainder");
  {
    FaultScope scope(faults);
    EXPECT_EQ(simplify(shifted), x);
    // Where the remainder lies in [0, 4) the fold is right, and agrees with the correct rules.
    EXPECT_EQ(simplify(x->mul(int64_t(4))->add(y)->idiv(int64_t(4))), x);
  }
  EXPECT_EQ(render_expr(simplify(shifted)), right);  // the scope closed
  FaultSet other = FaultSet::parse("mod-stale-bound");
  FaultScope scope(other);
  EXPECT_EQ(render_expr(simplify(shifted)), right);
}

TEST(SymbolicFaults, ModStaleBoundReusesTheFirstAnswerForItsDivisor) {
  Arena a;
  UOpPtr small = a.var("r", 0, 7), big = a.var("s", 0, 15);
  EXPECT_EQ(render_expr(simplify(big->mod(int64_t(8)))), "s%8");
  FaultSet faults = FaultSet::parse("mod-stale-bound");
  {
    FaultScope scope(faults);
    EXPECT_EQ(simplify(small->mod(int64_t(8))), small);  // decided right: r < 8
    EXPECT_EQ(simplify(big->mod(int64_t(8))), big);      // the stale answer: s%8 -> s, wrong for s >= 8
    EXPECT_EQ(render_expr(simplify(big->mod(int64_t(16)))), "s");  // s < 16: right for 16
  }
  {
    FaultScope scope(faults);  // a new scope forgets: the first answer for 8 is now "no"
    EXPECT_EQ(render_expr(simplify(big->mod(int64_t(8)))), "s%8");
    EXPECT_EQ(simplify(small->mod(int64_t(8))), small);  // the fault passes; the correct rule folds it
  }
}

TEST(SymbolicFaults, NoFaultIsActiveOutsideAScope) {
  EXPECT_FALSE(fault_active("mod-stale-bound"));
  FaultSet faults = FaultSet::parse("mod-stale-bound");
  {
    FaultScope scope(faults);
    EXPECT_TRUE(fault_active("mod-stale-bound"));
    EXPECT_FALSE(fault_active("div-drop-remainder"));
    FaultSet none;
    FaultScope inner(none);  // the innermost scope wins
    EXPECT_FALSE(fault_active("mod-stale-bound"));
  }
  EXPECT_FALSE(fault_active("mod-stale-bound"));
}

}  // namespace
}  // namespace rw
