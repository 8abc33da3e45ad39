// Merging block ends. Two stores in the same loop each arrive closed by their own
// END(store, r); a loop has one end, so ENDs of the same range under one SINK or GROUP merge
// into END(GROUP(stores...), r). Applied to a fixed point this merges whole nests.
#include <map>

#include "engine/codegen/linearize.h"
#include "engine/ir/arena.h"

namespace rw {

namespace {
Rewrite merge_ends(const Match& m) {
  UOpPtr n = m.root;
  std::map<uint32_t, std::vector<UOpPtr>> by_range;  // range node id -> ENDs closing it
  for (UOpPtr s : n->src)
    if (s->op == Op::END && s->src.size() == 2) by_range[s->src[1]->id].push_back(s);
  std::vector<UOpPtr> merged;
  for (auto& [rid, ends] : by_range)
    if (ends.size() > 1) merged = ends;
  if (merged.empty()) return nullptr;
  Arena& a = m.arena();
  std::vector<UOpPtr> inner;
  for (UOpPtr e : merged) inner.push_back(e->src[0]);
  UOpPtr end = a.make(Op::END, DType::void_(), {a.make(Op::GROUP, DType::void_(), inner), merged[0]->src[1]});
  std::vector<UOpPtr> srcs;
  bool placed = false;
  for (UOpPtr s : n->src) {
    bool is_merged = std::find(merged.begin(), merged.end(), s) != merged.end();
    if (!is_merged) srcs.push_back(s);
    else if (!placed) srcs.push_back(end), placed = true;
  }
  return a.make(n->op, n->dtype, srcs, n->arg, n->tag);
}
}  // namespace

PatternMatcher merge_ends_rules() {
  return {
      rule("sink(end(a, r), end(b, r)) -> sink(end(group(a, b), r))", UPat::ops({Op::SINK, Op::GROUP}), merge_ends),
  };
}

}  // namespace rw
