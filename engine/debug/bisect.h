// Bisection of wrong output (DESIGN.md "Bisection of wrong output"): which rewrite broke the
// run? Using only the trace (program, options, inputs), the run is re-run with a recorder on,
// and its snapshots are judged by value (snapshot_judge.h), never by knowing which rule is
// wrong:
//
//   1. the compiled run's checks all pass: the run is correct;
//   2. the scheduler's final graph is wrong: binary search over the scheduling snapshots;
//   3. else, for each kernel in run order, its linear program run on reference inputs; the
//      first wrong one: binary search over that kernel's codegen snapshots; all of them right:
//      the linearizer is wrong;
//   4. every linear program right: the first kernel whose compiled output is wrong is
//      rendered or compiled wrongly.
//
// The search assumes that once the result goes wrong it stays wrong; it then confirms the
// neighbouring pair (the last right snapshot and the first wrong one). Snapshots no evaluator
// accepts are skipped; when the steps between the last right and the first wrong snapshot
// cannot be evaluated the answer is that interval.
#pragma once
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/trace/trace_reader.h"
#include "engine/trace/tracer.h"

namespace rw {

enum class BisectVerdict {
  Correct,     // every check passes
  WrongStep,   // one step (or one pass without steps) made the result wrong
  Interval,    // somewhere in a run of steps that cannot be evaluated
  Linearize,   // every snapshot of a kernel is right, its linear program is not
  AfterGraph,  // every graph and linear program is right; a kernel's rendering or compilation is wrong
  Error,       // the re-run stopped with an error (no output to judge)
};

std::string_view verdict_name(BisectVerdict v);  // "correct", "wrong-step", "interval", "linearize", "after-graph", "error"

// A moment of the run: a pass (as the trace knows it) and a step of it (0: the pass's input).
struct StepRef {
  int64_t pass_id = 0;  // the trace's passes.id
  int64_t pass_seq = 0;
  std::string pass;
  int64_t step = 0;
};

struct BisectResult {
  BisectVerdict verdict = BisectVerdict::Correct;
  int64_t run_id = 0;
  std::string summary;  // one sentence
  // WrongStep: the step; Interval: the first step that could be wrong .. the first wrong
  // snapshot; Linearize / AfterGraph: the kernel's codegen pass.
  std::optional<StepRef> culprit;
  std::optional<StepRef> interval_from;   // Interval: the first step that may be wrong
  std::optional<StepRef> last_right;      // the snapshot confirmed right before the culprit
  std::string rule, location;             // the culprit step's rule and file:line
  std::string before, after;              // the step's matched subgraph and its replacement
  std::string kernel;                     // the kernel searched (codegen) or blamed
  std::optional<CheckRecord> diff;        // where the first wrong snapshot (or kernel) differs
  int evaluated = 0;                      // snapshots evaluated
  std::vector<std::string> trail;         // what was evaluated, in order, with the verdict
};

class BisectError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct BisectOptions {
  int64_t run_id = 0;  // 0: the trace's only run
  // Called as work proceeds: (snapshots done, estimated total, what is being evaluated).
  std::function<void(int, int, const std::string&)> progress;
};

// Throws BisectError (or ReplayError) when the run cannot be replayed or the replay does not
// reproduce the trace's passes.
BisectResult bisect(TraceReader& reader, const BisectOptions& options = {});

}  // namespace rw
