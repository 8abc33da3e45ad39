// Snapshots of a recorded run (DESIGN.md "Bisection of wrong output"): snapshot k of a pass
// is the pass's input with its first k rewrites applied. Bisection needs the whole graph at
// each moment — the program's graph during scheduling, a kernel's during its codegen — so a
// step of a nested pass (one that runs inside a rule of its parent pass, on a piece of the
// graph) is placed into its parent's graph: the parent's step that used the nested pass's
// result gets the nested pass's partial result instead. When the parent's step does not
// contain that result (the rule built something else from it), the nested snapshot has no
// whole graph and is not evaluable.
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
  // The whole graph after the first `step` steps of `pass` (0: its input); nullptr when it
  // cannot be built (see above).
  UOpPtr whole(int pass, int64_t step);
  // The pass's own graph after its first `step` steps.
  UOpPtr local(int pass, int64_t step);

 private:
  // Pass `pass` after its first step-1 steps and then its step `step` with `images`
  // substituted into that step's replacement, as a whole graph.
  UOpPtr whole_with(int pass, int64_t step, const NodeMap& images);

  const std::vector<RecordedPass>& passes_;
  std::vector<int> top_;
};

}  // namespace rw
