// Creating basic blocks: the loop every node runs in, and how loops nest.
//
// A node runs inside every range it is open in (open_ranges.h). Pure arithmetic may run in
// any loop nest that holds its ranges, so only effects constrain how loops nest:
//   END(x, r) runs inside the loops it is open in: each of them encloses r;
//   NOOP(acc, d, ...) (acc once d is done) is used inside ranges d is not in, so d -- an
//   accumulator's initial store -- runs before those loops start, inside the loops d is in:
//   each loop of d encloses each of them.
// Range ids order the loops where nothing constrains them. A loop's parent is the innermost
// loop before it that ever shares a node with it. A node then runs in its innermost loop,
// and that loop's chain of parents must hold every range it is open in -- otherwise the
// kernel has no loop nest.
#include <algorithm>
#include <map>
#include <set>

#include "engine/codegen/linearize.h"
#include "engine/ir/graph.h"

namespace rw {

namespace {
std::string loop_name(UOpPtr r) { return "RANGE %" + std::to_string(r->id) + " (axis " + std::to_string(range_id(r)) + ")"; }

std::vector<UOpPtr> order_loops(const BasicBlocks& b, const std::string& kernel) {
  std::set<std::pair<UOpPtr, UOpPtr>> encloses;  // (outer, inner)
  for (UOpPtr n : b.nodes) {
    const RangeSet& on = b.open.at(n);
    if (n->op == Op::END)
      for (UOpPtr q : on) encloses.insert({q, n->src[1]});
    if (n->op != Op::NOOP) continue;
    for (size_t i = 1; i < n->src.size(); ++i) {
      UOpPtr d = n->src[i];
      if (d->op == Op::RANGE) continue;
      const RangeSet& od = b.open.at(d);
      for (UOpPtr r : range_minus(on, od))
        for (UOpPtr q : od) encloses.insert({q, r});
    }
  }
  std::vector<UOpPtr> ranges;
  for (UOpPtr n : b.nodes)
    if (n->op == Op::RANGE) ranges.push_back(n);
  std::sort(ranges.begin(), ranges.end(), range_less);
  std::map<UOpPtr, int> pending;
  for (UOpPtr r : ranges) pending[r] = 0;
  for (auto& [outer, inner] : encloses) ++pending[inner];
  std::vector<UOpPtr> order;
  while (order.size() < ranges.size()) {
    auto next = std::find_if(ranges.begin(), ranges.end(), [&](UOpPtr r) { return pending[r] == 0; });
    if (next == ranges.end()) {
      std::string names;
      for (UOpPtr r : ranges)
        if (pending[r] > 0) names += (names.empty() ? "" : ", ") + loop_name(r);
      throw LinearizeError("kernel " + kernel + ": loops cannot nest, each must enclose another: " + names);
    }
    UOpPtr r = *next;
    pending[r] = -1;
    order.push_back(r);
    for (auto& [outer, inner] : encloses)
      if (outer == r) --pending[inner];
  }
  return order;
}
}  // namespace

BasicBlocks create_basic_blocks(UOpPtr sink, const std::string& kernel) {
  BasicBlocks b;
  b.nodes = toposort(sink);
  OpenRanges open;
  for (size_t i = 0; i < b.nodes.size(); ++i) {
    b.topo_index[b.nodes[i]] = i;
    b.open[b.nodes[i]] = open.of(b.nodes[i]);
  }
  b.loop_order = order_loops(b, kernel);
  std::unordered_map<UOpPtr, size_t> pos;
  for (size_t i = 0; i < b.loop_order.size(); ++i) pos[b.loop_order[i]] = i;
  auto by_pos = [&](UOpPtr x, UOpPtr y) { return pos.at(x) < pos.at(y); };

  for (UOpPtr r : b.loop_order) b.parent[r] = nullptr;
  for (UOpPtr n : b.nodes) {
    RangeSet rs = b.open.at(n);
    std::sort(rs.begin(), rs.end(), by_pos);
    for (size_t i = 1; i < rs.size(); ++i)
      if (!b.parent[rs[i]] || pos.at(rs[i - 1]) > pos.at(b.parent[rs[i]])) b.parent[rs[i]] = rs[i - 1];
  }
  for (UOpPtr n : b.nodes) {
    RangeSet rs = b.open.at(n);
    if (rs.empty()) {
      b.block[n] = nullptr;
    } else {
      UOpPtr inner = *std::max_element(rs.begin(), rs.end(), by_pos);
      b.block[n] = inner;
      std::set<UOpPtr> chain;
      for (UOpPtr l = inner; l; l = b.parent.at(l)) chain.insert(l);
      for (UOpPtr r : rs)
        if (!chain.count(r))
          throw LinearizeError("kernel " + kernel + ": node " + n->summary() + " %" + std::to_string(n->id) + " is in " + loop_name(r) +
                               " and " + loop_name(inner) + ", which do not nest (the loops around it do not form one chain)");
    }
    if (n->op == Op::END) {
      if (n->src.size() != 2) throw LinearizeError("kernel " + kernel + ": END %" + std::to_string(n->id) + " must close exactly one range");
      UOpPtr r = n->src[1];
      if (b.end_of.count(r))
        throw LinearizeError("kernel " + kernel + ": " + loop_name(r) + " is closed twice (END %" + std::to_string(b.end_of[r]->id) + " and END %" +
                             std::to_string(n->id) + "); a range may run as one loop only");
      b.end_of[r] = n;
    }
  }
  for (UOpPtr r : b.loop_order)
    if (!b.end_of.count(r)) throw LinearizeError("kernel " + kernel + ": " + loop_name(r) + " is never closed by an END");
  return b;
}

}  // namespace rw
