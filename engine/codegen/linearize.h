// The linearizer: from a lowered kernel (a graph of STOREs closed by ENDs) to a linear list
// of UOps in execution order, where every RANGE opens a loop that the matching END closes.
//
// Passes, each traced:
//   "merge block ends"  ENDs closing the same loop are merged (graph_rewrite,
//                       linearize_merge_ends.cpp): one loop, one END.
//   "create basic blocks"  each node gets the loop it runs in (its basic block); the loops
//                       form a tree (linearize_blocks.cpp).
//   "finalize order"    each block is ordered, nested loops emitted where their dependencies
//                       allow (linearize_order.cpp).
#pragma once
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/codegen/open_ranges.h"
#include "engine/rewrite/faults.h"
#include "engine/rewrite/pattern_matcher.h"

namespace rw {

// Raised when a lowered kernel has no valid loop order; names the kernel and the nodes.
class LinearizeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

PatternMatcher merge_ends_rules();

// The loop tree of a kernel: which loop every node runs in.
struct BasicBlocks {
  std::vector<UOpPtr> nodes;                          // toposort of the kernel
  std::unordered_map<UOpPtr, size_t> topo_index;
  std::unordered_map<UOpPtr, RangeSet> open;          // the ranges each node is in
  std::vector<UOpPtr> loop_order;                     // every RANGE, outer loops before inner
  std::unordered_map<UOpPtr, UOpPtr> parent;          // a loop's enclosing loop (nullptr: none)
  std::unordered_map<UOpPtr, UOpPtr> block;           // node -> innermost loop it runs in (nullptr: kernel body)
  std::unordered_map<UOpPtr, UOpPtr> end_of;          // RANGE -> the END closing it
};

BasicBlocks create_basic_blocks(UOpPtr sink, const std::string& kernel);
std::vector<UOpPtr> finalize_order(const BasicBlocks& blocks, const std::string& kernel);

// The "acc-reset-in-loop" fault (linearize_faults.cpp): every accumulator's initial store
// moved into the innermost loop of its reduce. Returns the stores it moved; each is reported
// to the tracer as a decision of the running pass.
std::vector<UOpPtr> misplace_accumulator_resets(BasicBlocks& blocks, const std::string& kernel);

// All three passes; the result ends with the SINK. Only the "acc-reset-in-loop" fault of
// `faults` changes anything here (applied in "create basic blocks").
std::vector<UOpPtr> linearize(UOpPtr lowered_sink, const std::string& kernel, const FaultSet& faults = {});

// One UOp per line, indented by loop depth: "  %7 = LOAD float32 (%6)".
std::string print_linear(const std::vector<UOpPtr>& program);

}  // namespace rw
