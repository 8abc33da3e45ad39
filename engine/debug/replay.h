// A traced run, made runnable again from the trace alone: its program text, its options and
// the input arrays it recorded (or, for arrays over the trace's size limit, the files it
// names, checked against the recorded SHA-256). Bisect and rerun start here.
//
//   TraceReader reader("t.rwd");
//   Replay r = load_replay(reader, run_id);   // run_id 0: the trace's last run
//   run_compiled(*r.program, r.options);
#pragma once
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "engine/debug/rewrite_switch.h"
#include "engine/frontend/program.h"
#include "engine/ir/arena.h"
#include "engine/runtime/compiled_program.h"
#include "engine/trace/trace_reader.h"

namespace rw {

// Why a run cannot be replayed: names the trace and run and says what to try.
class ReplayError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Replay {
  RunRow run;                        // as recorded: program text and path, options (for a re-run to record again)
  std::unique_ptr<Arena> arena;      // owns the program's nodes
  std::unique_ptr<Program> program;
  CompiledOptions options;           // as the run was made
  // A re-run's switched-off step and rules (options skip-step, disable-rule): replaying it
  // needs the same switches to take the same steps.
  SwitchSettings switches;
  bool has_switches() const { return switches.skip_step || !switches.disabled_rules.empty(); }
};

// "SEQ:STEP" -> (pass seq, step); throws std::invalid_argument saying what is expected.
std::pair<int64_t, int64_t> parse_step_ref(const std::string& text);

// `run_id` 0: the trace's only run. Throws TraceError (no such run; several runs and none
// chosen), ReplayError (a run of the reference interpreter or of `simplify`, an option this
// engine does not know, an input that is neither in the trace nor readable) or ProgramError
// (the program text no longer builds).
Replay load_replay(TraceReader& reader, int64_t run_id);

}  // namespace rw
