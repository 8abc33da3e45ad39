// The "upcast" optimization: the innermost loop of a kernel's store is split by a small
// factor and the inner part unrolled, so each iteration computes `factor` outputs:
//   STORE(idx(r), v(r), ..., r) with r < N, N % f == 0
//     -> STORE(idx(r'*f + k), v(r'*f + k), ..., r') for k < f, with r' < N/f
// Reduces in v become f reduces over the same ranges, which share one loop with f
// accumulators (lower_reduce.cpp), so each value a reduce loop loads for all outputs is
// loaded once. Kernels with one store only: a loop other stores share is left alone.
#include "engine/codegen/optimize.h"
#include "engine/ir/arena.h"
#include "engine/ir/graph.h"

namespace rw {

namespace {
Rewrite upcast(const Match& m) {
  const auto& opts = m.ctx<CodegenOptions>();
  UOpPtr sink = m.root;
  if (sink->src.size() != 1 || sink->src[0]->op != Op::STORE) return nullptr;
  UOpPtr st = sink->src[0];
  UOpPtr r = nullptr;  // the innermost loop: the listed range with the highest id
  for (size_t i = 2; i < st->src.size(); ++i)
    if (st->src[i]->op == Op::RANGE && (!r || st->src[i]->arg.get<IntTuple>()[0] > r->arg.get<IntTuple>()[0])) r = st->src[i];
  int64_t f = opts.upcast_factor;
  if (!r || !r->src[0]->is_const() || r->arg.get<IntTuple>().size() > 2) return nullptr;  // not an upcast range already
  int64_t n = r->src[0]->const_int();
  if (f < 2 || n < f || n % f != 0) return nullptr;
  Arena& a = m.arena();
  // The outer part keeps r's axis id; arg (id, kind, factor) marks it as already split.
  UOpPtr outer = n == f ? nullptr : a.make(Op::RANGE, r->dtype, {a.const_int(r->dtype, n / f)}, Arg(IntTuple{r->arg.get<IntTuple>()[0], 0, f}));
  std::vector<UOpPtr> stores;
  for (int64_t k = 0; k < f; ++k) {
    UOpPtr at = outer ? outer->mul(f)->add(k) : a.const_int(r->dtype, k);
    std::vector<UOpPtr> src;
    for (UOpPtr s : st->src) {
      if (s == r) {
        if (outer) src.push_back(outer);
        continue;
      }
      src.push_back(s->op == Op::RANGE ? s : substitute(s, {{r, at}}));
    }
    stores.push_back(a.make(Op::STORE, st->dtype, src, st->arg, st->tag));
  }
  return a.make(Op::SINK, sink->dtype, stores, sink->arg, sink->tag);
}
}  // namespace

PatternMatcher opt_upcast_rules() {
  return {
      rule("store(idx(r), v(r), r<N) -> store(idx(r'*f+k), v(r'*f+k), r'<N/f) for k < f", UPat::op(Op::SINK), upcast),
  };
}

}  // namespace rw
