// Which loops a node lives in. A node is inside every RANGE it (transitively) depends on,
// except the ranges an END on the way has closed: END(x, r) is after loop r, not in it.
// Lowering uses this to know which loops enclose a reduce; the linearizer uses it to place
// every node in its loop.
#pragma once
#include <unordered_map>
#include <vector>

#include "engine/ir/uop.h"

namespace rw {

// Ranges sorted by RANGE id (the kernel AST numbers them in order of first appearance).
using RangeSet = std::vector<UOpPtr>;

class OpenRanges {
 public:
  // The open ranges of `n`, memoized across calls.
  const RangeSet& of(UOpPtr n);

 private:
  std::unordered_map<UOpPtr, RangeSet> memo_;
};

int64_t range_id(UOpPtr range);    // RANGE arg[0]
int64_t range_kind(UOpPtr range);  // RANGE arg[1]: 0 loop, 1 reduce (0 when absent)
bool range_less(UOpPtr a, UOpPtr b);  // by id, then by node id for equal ids

RangeSet range_union(const RangeSet& a, const RangeSet& b);
RangeSet range_minus(const RangeSet& a, const RangeSet& b);

}  // namespace rw
