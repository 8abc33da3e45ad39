// Memory lowering: stores close their loops, gated loads get their default value.
//
// In the kernel AST a STORE lists the loop ranges around it; at the Lowered stage loops are
// explicit: END(x, r) says "x runs in every iteration of r, and r ends here". One END per
// range, innermost (highest id) first, so each END closes exactly one loop.
#include "engine/codegen/lowering.h"
#include "engine/ir/arena.h"

namespace rw {

namespace {
bool is_gated(UOpPtr index) { return index->op == Op::INDEX && index->src.size() == 3 && index->src[2]->dtype.is_bool(); }

Rewrite lower_store(const Match& m) {
  UOpPtr st = m.root, idx = st->src[0];
  RangeSet loops;
  for (size_t i = 2; i < st->src.size(); ++i)
    if (st->src[i]->op == Op::RANGE) loops.push_back(st->src[i]);
  bool needs_gate = is_gated(idx) && st->src.size() == 2;
  if (loops.empty() && !needs_gate) return nullptr;
  std::vector<UOpPtr> srcs{idx, st->src[1]};
  if (is_gated(idx)) srcs.push_back(idx->src[2]);
  UOpPtr out = m.arena().make(Op::STORE, DType::void_(), srcs);
  std::sort(loops.begin(), loops.end(), range_less);
  for (auto it = loops.rbegin(); it != loops.rend(); ++it) out = m.arena().make(Op::END, DType::void_(), {out, *it});
  return out;
}

Rewrite lower_gated_load(const Match& m) {
  UOpPtr ld = m.root, idx = m["idx"];
  if (ld->src.size() != 1 || !is_gated(idx)) return nullptr;
  UOpPtr zero = ld->dtype.is_float() ? m.arena().const_float(ld->dtype, 0.0) : m.arena().const_int(ld->dtype, 0);
  return m.arena().make(Op::LOAD, ld->dtype, {idx, zero, idx->src[2]});
}
}  // namespace

PatternMatcher lower_memory_rules() {
  return {
      rule("store(idx, v, r...) -> end(store(idx, v[, gate]), r)...", UPat::op(Op::STORE), lower_store),
      rule("load(idx(b, i, g)) -> load(idx(b, i, g), 0, g)", UPat(Op::LOAD, {UPat::op(Op::INDEX).named("idx")}), lower_gated_load),
  };
}

}  // namespace rw
