// Rangeify, recomputation: fusing moves an index through an expand by dropping the broadcast
// ranges, so everything below is evaluated once per value of those ranges. For cheap values
// that costs less than a buffer round trip; for an expensive one (a transcendental or a
// reduce) repeated more than ScheduleOptions::recompute_threshold times per element it is
// the kernel's main cost, so the value is realized: computed once, read from its buffer.
// Only the default policy asks: conservative realizes before every expand anyway, none
// realizes everything.
#include "engine/ir/arena.h"
#include "engine/schedule/rangeify_context.h"
#include "engine/schedule/rules.h"

namespace rw::sched {

namespace {

Rewrite realize_repeated(const Match& m) {
  RangeifyContext& ctx = m.ctx<RangeifyContext>();
  int64_t limit = ctx.st.recompute_threshold;
  if (limit <= 0 || ctx.st.fusion != "rangeify") return nullptr;
  int64_t repeats = ctx.repeats_of(m.root);
  IndexParts p = parse_index(m.root);
  if (repeats <= limit || !ctx.has_expensive(p.src)) return nullptr;
  std::string detail = "fusing would compute it " + std::to_string(repeats) + " times per element (an expand broadcast it across other loops), more than the " +
                       "recompute threshold " + std::to_string(limit) + " (--recompute-threshold)";
  UOpPtr r = p.src->arena->make(Op::REALIZE, p.src->dtype, {p.src});
  if (ctx.st.realize_reason.emplace(r, std::pair<std::string, std::string>{kRecompute, detail}).second)
    report_decision(p.src, "realize", kRecompute, detail);
  return build_index(r, p.ops, p.gate);
}

}  // namespace

PatternMatcher rangeify_recompute_rules() {
  using enum Op;
  OpSet computed = group_ops(OpGroup::Unary) | group_ops(OpGroup::Binary) | group_ops(OpGroup::Ternary) | OpSet{REDUCE_AXIS};
  return PatternMatcher{
      rule("x[i] (expensive, repeated > threshold times per element) -> realize(x)[i]", UPat::op(INDEX).src_prefix({UPat::ops(computed)}),
           realize_repeated),
  };
}

}  // namespace rw::sched
