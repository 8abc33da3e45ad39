// A gate on single rewrites, for re-running a pipeline with one rewrite or one rule switched
// off (like MLIR's debug counters). graph_rewrite asks the thread's gate, when one is
// installed, before it takes a rewrite a rule produced; a refused rewrite is not a step, and
// the node is offered to the rule's next candidates as if the refused rule had not matched.
//
// A refused rule's function has already run: a rule that keeps state in its pass context
// sees its own refused rewrites. Rerunning is a debugging aid; the re-run's own checks say
// whether the result is still right.
#pragma once
#include "engine/rewrite/pattern_matcher.h"

namespace rw {

class RewriteGate {
 public:
  virtual ~RewriteGate() = default;
  // May `rule` rewrite `matched` into `replacement`, as the next step of the current pass?
  virtual bool allow(const Rule& rule, UOpPtr matched, UOpPtr replacement) = 0;
};

// The gate of this thread (nullptr: every rewrite is taken).
RewriteGate* current_rewrite_gate();

class RewriteGateScope {
 public:
  explicit RewriteGateScope(RewriteGate* gate);
  ~RewriteGateScope();
  RewriteGateScope(const RewriteGateScope&) = delete;
  RewriteGateScope& operator=(const RewriteGateScope&) = delete;

 private:
  RewriteGate* previous_;
};

}  // namespace rw
