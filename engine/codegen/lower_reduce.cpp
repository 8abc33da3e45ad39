// REDUCE to an accumulator. For REDUCE(v, R) with enclosing loops O (the loops v is in,
// minus R):
//   acc  = DEFINE_REG T*[1]
//   init = STORE(INDEX(NOOP(acc, O...), 0), identity)          once per iteration of O
//   body = STORE(INDEX(NOOP(acc, init, R...), 0), acc[0] op v)  inside R
//   end  = END(body, r) per r in R, innermost first
//   REDUCE -> LOAD(INDEX(NOOP(acc, end), 0))                   after R
// NOOP(acc, deps...) is "acc, once deps are done": it carries the ordering the linearizer
// must respect (the init inside O but before R, the read after R) without a new op.
// Two REDUCEs over one RANGE (x.sum() + x.max()) share its loop when they sit in the same
// loops and neither uses the other ("merge block ends" then closes the loop once). When they
// cannot share, the second gets a copy of the range: RANGE(end) with arg (id, kind, copy).
#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "engine/codegen/lowering.h"
#include "engine/ir/arena.h"
#include "engine/ir/graph.h"

namespace rw {

namespace {
UOpPtr identity(Arena& a, Op op, DType t) {
  if (op == Op::ADD) return t.is_float() ? a.const_float(t, 0.0) : a.const_int(t, 0);
  if (op == Op::MUL) return t.is_float() ? a.const_float(t, 1.0) : a.const_int(t, 1);
  // MAX: the lowest value of the dtype.
  if (t.is_float()) return a.const_float(t, -std::numeric_limits<double>::infinity());
  if (t.is_bool()) return a.const_bool(false);
  return a.const_int(t, t.min_int());
}

// Whether x uses the result of a loop over r (a reduce over r already lowered).
bool closes(UOpPtr x, UOpPtr r) {
  for (UOpPtr n : toposort(x))
    if (n->op == Op::END && n->src.size() == 2 && n->src[1] == r) return true;
  return false;
}

// `x` with `r` replaced by `copy` where r is open: a loop over r that x already uses (an END
// closing r) keeps its own range.
UOpPtr replace_open_range(UOpPtr x, UOpPtr r, UOpPtr copy) {
  std::unordered_map<UOpPtr, UOpPtr> built;
  for (UOpPtr n : toposort(x)) {
    if (n == r || (n->op == Op::END && n->src.size() == 2 && n->src[1] == r)) {
      built[n] = n == r ? copy : n;
      continue;
    }
    std::vector<UOpPtr> src;
    for (UOpPtr s : n->src) src.push_back(built.at(s));
    built[n] = src == n->src ? n : n->with_src(std::move(src));
  }
  return built.at(x);
}

UOpPtr after(Arena& a, UOpPtr acc, std::vector<UOpPtr> deps) {
  deps.insert(deps.begin(), acc);
  return a.make(Op::NOOP, acc->dtype, std::move(deps));
}

}  // namespace

Rewrite lower_reduce_from(const Match& m, UOpPtr start) {
  auto& ctx = m.ctx<LoweringContext>();
  Arena& a = m.arena();
  UOpPtr red = m.root, value = red->src[0];
  Op op = red->arg.get<ReduceArg>().op;
  DType t = red->dtype;
  RangeSet reduce_ranges(red->src.begin() + 1, red->src.end());
  std::sort(reduce_ranges.begin(), reduce_ranges.end(), range_less);
  RangeSet outer = range_minus(ctx.ranges.of(value), reduce_ranges);
  for (UOpPtr& r : reduce_ranges) {
    auto claimed = std::find_if(ctx.reduced_ranges.begin(), ctx.reduced_ranges.end(), [&](const auto& c) { return c.first == r; });
    if (claimed == ctx.reduced_ranges.end()) {
      ctx.reduced_ranges.emplace_back(r, outer);
      continue;
    }
    if (claimed->second == outer && !closes(value, r)) continue;  // one loop, two accumulators
    IntTuple arg = r->arg.get<IntTuple>();
    arg.resize(2, 1);
    arg.push_back(int64_t(ctx.reduced_ranges.size()));
    UOpPtr copy = a.find_or_make(Op::RANGE, r->dtype, r->src, Arg(arg));
    value = replace_open_range(value, r, copy);
    ctx.reduced_ranges.emplace_back(copy, outer);
    r = copy;
  }
  std::sort(reduce_ranges.begin(), reduce_ranges.end(), range_less);

  UOpPtr acc = a.make(Op::DEFINE_REG, t.as_ptr(1), {}, Arg(ctx.next_register++));
  UOpPtr zero = a.index_const(0);
  UOpPtr init_at = a.make(Op::INDEX, t.as_ptr(1), {after(a, acc, outer), zero});
  UOpPtr init = a.make(Op::STORE, DType::void_(), {init_at, start ? start : identity(a, op, t)});

  std::vector<UOpPtr> body_deps{init};
  body_deps.insert(body_deps.end(), reduce_ranges.begin(), reduce_ranges.end());
  UOpPtr body_at = a.make(Op::INDEX, t.as_ptr(1), {after(a, acc, body_deps), zero});
  UOpPtr current = a.make(Op::LOAD, t, {body_at});
  Op combine = op == Op::MAX && t.is_bool() ? Op::OR : op;
  UOpPtr body = a.make(Op::STORE, DType::void_(), {body_at, a.make(combine, t, {current, value})});
  UOpPtr end = body;
  for (auto it = reduce_ranges.rbegin(); it != reduce_ranges.rend(); ++it) end = a.make(Op::END, DType::void_(), {end, *it});
  UOpPtr read_at = a.make(Op::INDEX, t.as_ptr(1), {after(a, acc, {end}), zero});
  return a.make(Op::LOAD, t, {read_at});
}

PatternMatcher lower_reduce_rules() {
  return {
      rule("reduce(v, r...) -> accumulator: init, update in r, read after r", UPat::op(Op::REDUCE),
           [](const Match& m) { return lower_reduce_from(m, nullptr); }),
  };
}

}  // namespace rw
