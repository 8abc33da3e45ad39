// Merging block ends. A loop has one end, but lowering closes each store's loops with its
// own END(store, r), and each accumulator's loop with END(update, r). ENDs of the same range
// that run in the same loops, none using another's result, merge into one
// END(GROUP(bodies...), r): two stores in one loop, or two reduces over one range sharing
// the loop with two accumulators. Inner loops merge first, so whole nests merge.
#include <map>
#include <unordered_set>

#include "engine/codegen/linearize.h"
#include "engine/ir/arena.h"
#include "engine/ir/graph.h"

namespace rw {

namespace {
// Whether no END in `ends` is reachable from another's body.
bool independent(const std::vector<UOpPtr>& ends) {
  std::unordered_set<UOpPtr> set(ends.begin(), ends.end());
  for (UOpPtr e : ends)
    for (UOpPtr n : toposort(e->src[0]))
      if (set.count(n)) return false;
  return true;
}

Rewrite merge_ends(const Match& m) {
  std::vector<UOpPtr> nodes = toposort(m.root);
  OpenRanges open;
  // ENDs by range, ranges ordered by where their first END is (inner loops end first).
  std::map<UOpPtr, std::vector<UOpPtr>> by_range;
  std::vector<UOpPtr> order;
  for (UOpPtr n : nodes) {
    if (n->op != Op::END || n->src.size() != 2) continue;
    auto& list = by_range[n->src[1]];
    if (list.empty()) order.push_back(n->src[1]);
    list.push_back(n);
  }
  for (UOpPtr r : order) {
    const std::vector<UOpPtr>& ends = by_range[r];
    if (ends.size() < 2 || !independent(ends)) continue;
    bool same_loops = std::all_of(ends.begin(), ends.end(), [&](UOpPtr e) { return open.of(e) == open.of(ends[0]); });
    if (!same_loops) continue;
    Arena& a = m.arena();
    std::vector<UOpPtr> bodies;
    for (UOpPtr e : ends) bodies.push_back(e->src[0]);
    UOpPtr merged = a.make(Op::END, DType::void_(), {a.make(Op::GROUP, DType::void_(), bodies), r});
    NodeMap map;
    for (UOpPtr e : ends) map[e] = merged;
    UOpPtr out = substitute(m.root, map);
    // Merged ENDs of outer loops are now one node: list each source of the SINK once.
    std::vector<UOpPtr> srcs;
    for (UOpPtr s : out->src)
      if (std::find(srcs.begin(), srcs.end(), s) == srcs.end()) srcs.push_back(s);
    return a.make(out->op, out->dtype, srcs, out->arg, out->tag);
  }
  return nullptr;
}
}  // namespace

PatternMatcher merge_ends_rules() {
  return {
      rule("end(a, r) ... end(b, r) -> end(group(a, b), r)  [same loops, independent]", UPat::op(Op::SINK), merge_ends),
  };
}

}  // namespace rw
