// Deliberately wrong variants of two rangeify rules, switched on by --inject-fault to test
// the checks and bisection. Each asks whether its own fault is on and otherwise leaves the
// node to the correct rule; nothing else in the scheduler reads the fault set.
#include "engine/schedule/rangeify_maps.h"
#include "engine/schedule/rules.h"

namespace rw::sched {

namespace {

bool pads_upper(UOpPtr pad) {
  for (auto [b, e] : pad->arg.get<PairTuple>())
    if (e > 0) return true;
  return false;
}

bool shrinks_start(UOpPtr shrink) {
  for (auto [b, e] : shrink->arg.get<PairTuple>())
    if (b > 0) return true;
  return false;
}

}  // namespace

PatternMatcher rangeify_fault_rules() {
  using enum Op;
  return PatternMatcher{
      rule("FAULT pad-mask: x.pad(p)[i] -> where(i < size-after+1 ..., x[i-before], 0)", UPat::op(INDEX).src_prefix({UPat::op(PAD).named("r")}),
           [](const Match& m) -> Rewrite {
             RangeifyContext& ctx = m.ctx<RangeifyContext>();
             if (!ctx.st.faults.has("pad-mask") || !pads_upper(m["r"])) return nullptr;
             return map_pad(ctx, m.root, /*upper_slack=*/1);
           }),
      rule("FAULT shrink-offset: x.shrink(b)[i] -> x[i+start+1]", UPat::op(INDEX).src_prefix({UPat::op(SHRINK).named("r")}),
           [](const Match& m) -> Rewrite {
             RangeifyContext& ctx = m.ctx<RangeifyContext>();
             if (!ctx.st.faults.has("shrink-offset") || !shrinks_start(m["r"])) return nullptr;
             return map_shrink(ctx, m.root, /*extra=*/1);
           }),
  };
}

}  // namespace rw::sched
