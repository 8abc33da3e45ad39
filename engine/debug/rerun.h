// Re-running a traced run with one rewrite, or every firing of one rule, switched off (like
// MLIR's debug counters), into a new trace. The new run records the same program, inputs and
// options plus the switch (options skip-step=SEQ:STEP, disable-rule=RULE), so it can itself
// be replayed, bisected and compared with the original.
#pragma once
#include <string>
#include <vector>

#include "engine/debug/rewrite_switch.h"
#include "engine/trace/trace_reader.h"

namespace rw {

struct RerunRequest {
  int64_t run_id = 0;            // 0: the trace's only run
  int64_t skip_pass_id = 0;      // the trace's pass id of the step to skip (0: none)
  int64_t skip_step = 0;         // its step number, from 1
  std::vector<std::string> disable_rules;  // rule texts or file:line
  std::string out_path;          // the new trace
};

struct RerunResult {
  std::string out_path;
  bool switched = false;         // the step came up and was skipped / a disabled rule was refused
  std::string switched_what;     // what was left out, for people
  bool ok = false;               // the new run's checks all pass
  std::string error;             // the new run stopped with this error (also in its trace)
  std::vector<std::string> failures;  // failed checks, "kernel K wrote buffer B wrong: ..."
};

// Throws ReplayError (the run cannot be replayed), std::invalid_argument (a pass id not of
// this run, a step the pass does not have, no switch given) or TraceError (the new file).
RerunResult rerun(TraceReader& reader, const RerunRequest& request);

}  // namespace rw
