// The "unroll" optimization: a reduce over a short constant range becomes the op applied to
// the value at each index, so the loop and its accumulator disappear:
//   REDUCE(v, r) with r < 3  ->  (v[r:=0] op v[r:=1]) op v[r:=2]
// Other ranges of the same REDUCE stay a loop. Sound for every reduce op: the fold starts
// from the first element, as the loop would after its identity.
#include <algorithm>
#include <unordered_map>

#include "engine/codegen/optimize.h"
#include "engine/ir/arena.h"
#include "engine/ir/graph.h"

namespace rw {

namespace {
// `x` with r := c where r is free: a REDUCE over r inside x binds its own r.
UOpPtr substitute_free(UOpPtr x, UOpPtr r, UOpPtr c) {
  std::unordered_map<UOpPtr, UOpPtr> built;
  for (UOpPtr n : toposort(x)) {
    bool binds = n->op == Op::REDUCE && std::find(n->src.begin() + 1, n->src.end(), r) != n->src.end();
    if (n == r || binds) {
      built[n] = n == r ? c : n;
      continue;
    }
    std::vector<UOpPtr> src;
    for (UOpPtr s : n->src) src.push_back(built.at(s));
    built[n] = src == n->src ? n : n->with_src(std::move(src));
  }
  return built.at(x);
}

Rewrite unroll(const Match& m) {
  const auto& opts = m.ctx<CodegenOptions>();
  UOpPtr red = m.root;
  for (size_t i = 1; i < red->src.size(); ++i) {
    UOpPtr r = red->src[i];
    UOpPtr end = r->src[0];
    if (!end->is_const() || end->const_int() < 1 || end->const_int() > opts.unroll_limit) continue;
    Op op = red->arg.get<ReduceArg>().op;
    if (op == Op::MAX && red->dtype.is_bool()) op = Op::OR;
    UOpPtr acc = nullptr;
    for (int64_t k = 0; k < end->const_int(); ++k) {
      UOpPtr at = substitute_free(red->src[0], r, m.arena().const_int(r->dtype, k));
      acc = acc ? m.arena().make(op, red->dtype, {acc, at}) : at;
    }
    std::vector<UOpPtr> rest{acc};
    for (size_t j = 1; j < red->src.size(); ++j)
      if (j != i) rest.push_back(red->src[j]);
    if (rest.size() == 1) return acc;
    return m.arena().make(Op::REDUCE, red->dtype, rest, red->arg, red->tag);
  }
  return nullptr;
}
}  // namespace

PatternMatcher opt_unroll_rules() {
  return {
      rule("reduce(v, r<n) -> v[r:=0] op ... op v[r:=n-1]  [n <= unroll limit]", UPat::op(Op::REDUCE), unroll),
  };
}

}  // namespace rw
