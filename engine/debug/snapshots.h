// Snapshots of a recorded run (DESIGN.md "Bisection of wrong output"): snapshot k of a pass
// is the pass's input with its first k rewrites applied. The snapshots of a top pass (a
// rewrite pass with no rewrite pass around it) are whole graphs: the program's during
// scheduling, a kernel's during its codegen. A nested pass (one that runs inside a rule of its
// parent, on a piece of the graph) has snapshots of that piece only; bisection judges those
// by whether they keep the piece's value (bisect.cpp, refine).
#pragma once
#include <unordered_map>
#include <vector>

#include "engine/debug/pass_recorder.h"
#include "engine/ir/graph.h"

namespace rw {

class Snapshots {
 public:
  explicit Snapshots(const std::vector<RecordedPass>& passes);

  // The outermost pass holding `pass` whose graph is a whole program or kernel: a rewrite
  // pass with no rewrite pass around it (itself for such a pass); -1 when there is none.
  int top(int pass) const;
  // The pass's own graph after its first `step` steps (0: its input).
  UOpPtr local(int pass, int64_t step) const;

 private:
  const std::vector<RecordedPass>& passes_;
  std::vector<int> top_;
};

}  // namespace rw
