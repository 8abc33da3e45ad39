// The "reduce-max-zero" fault (--inject-fault=reduce-max-zero): a MAX reduce's accumulator
// starts at 0 instead of the lowest value of its dtype -- the classic "max starts at zero"
// bug. Harmless while some element of every reduced row is >= 0; a row of only negative
// values comes out as 0. Only this rule reads the fault set.
#include "engine/codegen/lowering.h"
#include "engine/ir/arena.h"

namespace rw {

PatternMatcher lower_reduce_fault_rules() {
  return {
      rule("FAULT reduce-max-zero: reduce_max(v, r...) -> accumulator starting at 0 (should be -inf)", UPat::op(Op::REDUCE),
           [](const Match& m) -> Rewrite {
             if (!m.ctx<LoweringContext>().faults.has("reduce-max-zero")) return nullptr;
             DType t = m.root->dtype;
             // Booleans and unsigned integers start at 0 anyway: the fault would change nothing.
             if (m.root->arg.get<ReduceArg>().op != Op::MAX || t.is_bool() || t.is_unsigned()) return nullptr;
             Arena& a = m.arena();
             return lower_reduce_from(m, t.is_float() ? a.const_float(t, 0.0) : a.const_int(t, 0));
           }),
  };
}

}  // namespace rw
