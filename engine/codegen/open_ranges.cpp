#include "engine/codegen/open_ranges.h"

#include <algorithm>

#include "engine/ir/graph.h"

namespace rw {

int64_t range_id(UOpPtr r) { return r->arg.get<IntTuple>().at(0); }

int64_t range_kind(UOpPtr r) {
  const IntTuple& t = r->arg.get<IntTuple>();
  return t.size() > 1 ? t[1] : 0;
}

bool range_less(UOpPtr a, UOpPtr b) {
  int64_t ia = range_id(a), ib = range_id(b);
  return ia != ib ? ia < ib : a->id < b->id;
}

RangeSet range_union(const RangeSet& a, const RangeSet& b) {
  RangeSet out;
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out), range_less);
  return out;
}

RangeSet range_minus(const RangeSet& a, const RangeSet& b) {
  RangeSet out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out), range_less);
  return out;
}

const RangeSet& OpenRanges::of(UOpPtr root) {
  if (auto it = memo_.find(root); it != memo_.end()) return it->second;
  // Children first without recursion: index chains can be deep.
  for (UOpPtr n : toposort(root)) {
    if (memo_.count(n)) continue;
    RangeSet open;
    for (UOpPtr s : n->src) open = range_union(open, memo_.at(s));
    if (n->op == Op::RANGE) open = range_union(open, {n});
    if (n->op == Op::END) {
      RangeSet closed(n->src.begin() + 1, n->src.end());
      std::sort(closed.begin(), closed.end(), range_less);
      open = range_minus(open, closed);
    }
    memo_.emplace(n, std::move(open));
  }
  return memo_.at(root);
}

}  // namespace rw
