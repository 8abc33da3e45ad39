// rewind rerun FILE.rwd --skip-step PASS:STEP | --disable-rule RULE -o NEW.rwd: the traced run
// again, from the trace alone, with one rewrite or one rule switched off.
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/run_number.h"
#include "engine/debug/rerun.h"
#include "engine/inspect/trace_points.h"

namespace rw::cli {
namespace {

int run(const ParsedArgs& args) {
  if (args.positional.size() != 1)
    throw UsageError("rewind rerun: expected one trace file, e.g. rewind rerun out/run.rwd --skip-step 12:7 -o out/skipped.rwd");
  auto out = args.get("out");
  if (!out) throw UsageError("rewind rerun: give the new trace's file with -o NEW.rwd");
  RerunRequest req;
  const std::optional<int64_t> wanted_run = run_option(args, "rerun");
  req.run_id = wanted_run.value_or(0);
  req.out_path = *out;
  req.disable_rules = args.all("disable-rule");
  std::optional<std::string> skip = args.get("skip-step");
  if (skip) {
    // PASS:STEP, PASS by id or by name ("rangeify:4"); the step is after the last ':'.
    size_t colon = skip->rfind(':');
    bool number = colon != std::string::npos && colon + 1 < skip->size() &&
                  skip->find_first_not_of("0123456789", colon + 1) == std::string::npos;
    if (!number || colon == 0)
      throw UsageError("rewind rerun: --skip-step takes PASS:STEP (a pass id or name, a step from 1), e.g. 6:4 or rangeify:4; got '" + *skip + "'");
    req.skip_step = std::stoll(skip->substr(colon + 1));
  }
  if (!skip && req.disable_rules.empty())
    throw UsageError("rewind rerun: say what to switch off: --skip-step PASS:STEP or --disable-rule RULE (its text or file:line)");
  if (*out == args.positional[0]) throw UsageError("rewind rerun: -o must name a new file, not the trace being re-run");

  // Errors (an unknown pass, a run that cannot be replayed): main prints "rewind rerun: ...".
  TraceReader reader(args.positional[0]);
  if (skip) {
    RunRow run = pick_run(reader, wanted_run);
    req.run_id = run.id;
    req.skip_pass_id = pick_pass(reader, run.id, skip->substr(0, skip->rfind(':'))).id;
  }
  RerunResult r = rerun(reader, req);
  if (!r.switched)
    std::cout << "note: nothing was switched off: the step or rule never came up in the re-run (the run is the same as the original)\n";
  else
    std::cout << r.switched_what << "\n";
  if (!r.error.empty()) std::cout << "the re-run stopped with an error: " << r.error << "\n";
  else std::cout << (r.ok ? "the re-run's checks all pass" : "the re-run's checks fail:") << "\n";
  for (const std::string& f : r.failures) std::cout << "  " << f << "\n";
  std::cout << "trace: " << r.out_path << "\n";
  return 0;
}

}  // namespace

Command rerun_command() {
  return Command{
      "rerun",
      "re-run a traced run with one rewrite or one rule switched off, into a new trace",
      "rewind rerun FILE.rwd [--run N] (--skip-step PASS:STEP | --disable-rule RULE ...) -o NEW.rwd",
      "Builds the run again from what the trace holds (program, options, inputs) and leaves out step STEP of pass PASS (the "
      "pass id `rewind report` and the viewer show, or the pass's name), or every firing of a rule, given by its text (\"x*1 -> x\") or its location "
      "(engine/rewrite/symbolic_identity.cpp:37). A refused rewrite is not taken: the node is offered to the pass's other rules. "
      "The new trace records the switch in its options, so it can be bisected, re-run and compared with the original "
      "(rewind diff). Exits 0 when the re-run was made, whether or not its checks pass.",
      {
          {"run", "", "N", "the run to re-run (default: the trace's only run)"},
          {"skip-step", "", "PASS:STEP", "leave out this one rewrite (PASS: its id, or its name when unique, e.g. rangeify:4)"},
          {"disable-rule", "", "RULE", "never take a rewrite of this rule (text or file:line; repeatable)", true},
          {"out", "o", "NEW.rwd", "the new trace"},
      },
      run,
  };
}

}  // namespace rw::cli
