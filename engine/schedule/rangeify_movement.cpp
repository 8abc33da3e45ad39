// Rangeify, movement ops: an INDEX into a movement op becomes an INDEX into its source with
// the index arithmetic the view implies. Reshape goes through the flat offset (div and mod),
// permute reorders, expand indexes broadcast axes at 0, shrink adds its start, flip reads
// n-1-i, pad reads i-before where the element is inside the source and gives 0 elsewhere.
#include "engine/ir/arena.h"
#include "engine/ir/shape.h"
#include "engine/rewrite/graph_rewrite.h"
#include "engine/rewrite/symbolic.h"
#include "engine/schedule/rangeify_maps.h"
#include "engine/schedule/rules.h"

namespace rw::sched {

namespace {

// Simplifies several index expressions in one nested, traced pass.
std::vector<UOpPtr> simplify_all(Arena& a, const std::vector<UOpPtr>& exprs, std::string_view pass) {
  UOpPtr out = graph_rewrite(a.sink(exprs), symbolic(), pass);
  return out->src.to_vector();
}

// The same, where the operands only matter while `gate` holds (a PAD above made the rest
// invalid): each is simplified as where(gate, op, 0), whose true branch the simplifier may
// rewrite using the bounds the gate puts on the ranges, e.g. (r-1)*48 % 1536 -> r*48-48 for
// 1 <= r. Without that, a shifted index keeps a modulo only the invalid elements need.
std::vector<UOpPtr> simplify_given(Arena& a, const std::vector<UOpPtr>& exprs, UOpPtr gate, std::string_view pass) {
  if (!gate) return simplify_all(a, exprs, pass);
  std::vector<UOpPtr> guarded;
  for (UOpPtr e : exprs) guarded.push_back(gate->where(e, a.index_const(0)));
  std::vector<UOpPtr> out = simplify_all(a, guarded, pass);
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i]->op == Op::WHERE && out[i]->src[2]->is_const(0)) out[i] = out[i]->src[1];
    else out[i] = simplify_all(a, {exprs[i]}, pass)[0];  // the guard simplified away: keep the plain form
  }
  return out;
}

void collect_ranges(UOpPtr e, std::vector<UOpPtr>& out) {
  if (e->op == Op::RANGE) {
    if (std::find(out.begin(), out.end(), e) == out.end()) out.push_back(e);
    return;
  }
  for (UOpPtr s : e->src) collect_ranges(s, out);
}

}  // namespace

UOpPtr map_reshape(RangeifyContext& ctx, UOpPtr idx) {
  IndexParts p = parse_index(idx);
  UOpPtr r = p.src, x = r->src[0];
  Arena& a = *r->arena;
  const IntTuple& out = *r->shape;
  const IntTuple& in = *x->shape;
  IntTuple strides = shape_strides(out);
  UOpPtr flat = a.index_const(0);
  for (size_t j = 0; j < out.size(); ++j) flat = flat->add(p.ops[j]->mul(strides[j]));
  std::vector<UOpPtr> ops(index_rank(in), a.index_const(0));
  for (size_t j = in.size(); j-- > 0;) {
    ops[j] = flat->mod(in[j]);
    flat = flat->idiv(in[j]);
  }
  return ctx.index(idx, x, simplify_given(a, ops, p.gate, "reshape index"), p.gate, p.ending);
}

UOpPtr map_permute(RangeifyContext& ctx, UOpPtr idx) {
  IndexParts p = parse_index(idx);
  UOpPtr r = p.src;
  const IntTuple& order = r->arg.get<IntTuple>();
  std::vector<UOpPtr> ops(p.ops.size());
  for (size_t j = 0; j < order.size(); ++j) ops[size_t(order[j])] = p.ops[j];
  return ctx.index(idx, r->src[0], ops, p.gate, p.ending);
}

// Broadcast axes read element 0. The loop ranges that only fed broadcast axes are "ended"
// here: the value below does not depend on them, and the INDEX remembers the first one so a
// costly value is not recomputed inside them (might_end_axis in rangeify_ops.cpp).
UOpPtr map_expand(RangeifyContext& ctx, UOpPtr idx) {
  IndexParts p = parse_index(idx);
  UOpPtr r = p.src, x = r->src[0];
  const IntTuple& in = *x->shape;
  const IntTuple& out = *r->shape;
  std::vector<UOpPtr> ops = p.ops, ended, kept;
  for (size_t j = 0; j < in.size(); ++j) {
    if (in[j] == out[j]) {
      collect_ranges(p.ops[j], kept);
      continue;
    }
    collect_ranges(p.ops[j], ended);
    ops[j] = r->arena->index_const(0);
  }
  std::optional<int64_t> ending = p.ending;
  int64_t repeat = 1;  // x is evaluated once per value of every range it no longer depends on
  for (UOpPtr e : ended) {
    if (std::find(kept.begin(), kept.end(), e) != kept.end()) continue;
    int64_t id = e->arg.get<IntTuple>()[0];
    if (!ending || id < *ending) ending = id;
    repeat *= e->src[0]->const_int();
  }
  return ctx.index(idx, x, ops, p.gate, ending, repeat);
}

UOpPtr map_flip(RangeifyContext& ctx, UOpPtr idx) {
  IndexParts p = parse_index(idx);
  UOpPtr r = p.src;
  const IntTuple& shape = *r->shape;
  std::vector<UOpPtr> ops = p.ops;
  for (int64_t ax : r->arg.get<IntTuple>()) ops[size_t(ax)] = r->arena->index_const(shape[size_t(ax)] - 1)->sub(ops[size_t(ax)]);
  return ctx.index(idx, r->src[0], ops, p.gate, p.ending);
}

UOpPtr map_shrink(RangeifyContext& ctx, UOpPtr idx, int64_t extra) {
  IndexParts p = parse_index(idx);
  UOpPtr r = p.src;
  const PairTuple& bounds = r->arg.get<PairTuple>();
  std::vector<UOpPtr> ops = p.ops;
  for (size_t j = 0; j < bounds.size(); ++j)
    if (bounds[j].first != 0) ops[j] = ops[j]->add(bounds[j].first + extra);
  return ctx.index(idx, r->src[0], ops, p.gate, p.ending);
}

UOpPtr map_pad(RangeifyContext& ctx, UOpPtr idx, int64_t upper_slack) {
  IndexParts p = parse_index(idx);
  UOpPtr r = p.src, x = r->src[0];
  Arena& a = *r->arena;
  const PairTuple& pads = r->arg.get<PairTuple>();
  const IntTuple& shape = *r->shape;
  std::vector<UOpPtr> ops = p.ops;
  UOpPtr valid = a.const_bool(true);
  for (size_t j = 0; j < pads.size(); ++j) {
    auto [before, after] = pads[j];
    if (before == 0 && after == 0) continue;
    if (after > 0) valid = valid->logical_and(ops[j]->lt(shape[j] - after + upper_slack));
    if (before > 0) valid = valid->logical_and(a.index_const(before - 1)->lt(ops[j]));
    ops[j] = ops[j]->sub(a.index_const(before));
  }
  std::vector<UOpPtr> exprs = ops;
  exprs.push_back(valid);
  exprs = simplify_all(a, exprs, "pad index");
  valid = exprs.back();
  exprs.pop_back();
  UOpPtr gate = and_gates(p.gate, valid);
  UOpPtr inner = ctx.index(idx, x, exprs, gate, p.ending);
  if (valid->is_const(1)) return inner;
  UOpPtr zero = r->dtype.is_float() ? a.const_float(r->dtype, 0.0) : r->dtype.is_bool() ? a.const_bool(false) : a.const_int(r->dtype, 0);
  return valid->where(inner, zero);
}

PatternMatcher rangeify_movement_rules() {
  using enum Op;
  auto on = [](Op op) { return UPat::op(INDEX).src_prefix({UPat::op(op)}); };
  auto apply = [](UOpPtr (*f)(RangeifyContext&, UOpPtr)) {
    return [f](const Match& m) -> Rewrite { return f(m.ctx<RangeifyContext>(), m.root); };
  };
  return PatternMatcher{
      rule("x.reshape(s)[i] -> x[unflatten(flatten(i))]", on(RESHAPE), apply(map_reshape)),
      rule("x.permute(p)[i] -> x[i permuted back]", on(PERMUTE), apply(map_permute)),
      rule("x.expand(s)[i] -> x[0 on broadcast axes]", on(EXPAND), apply(map_expand)),
      rule("x.flip(a)[i] -> x[n-1-i on flipped axes]", on(FLIP), apply(map_flip)),
      rule("x.shrink(b)[i] -> x[i+start]", on(SHRINK), [](const Match& m) -> Rewrite { return map_shrink(m.ctx<RangeifyContext>(), m.root); }),
      rule("x.pad(p)[i] -> where(valid, x[i-before], 0)", on(PAD), [](const Match& m) -> Rewrite { return map_pad(m.ctx<RangeifyContext>(), m.root); }),
  };
}

}  // namespace rw::sched
