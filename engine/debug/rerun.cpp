#include "engine/debug/rerun.h"

#include "engine/debug/replay.h"
#include "engine/frontend/program_trace.h"
#include "engine/runtime/compiled_program.h"
#include "engine/trace/sqlite_tracer.h"

namespace rw {

namespace {

// The pass's begin order in its run, checked against the run and the pass's step count.
int64_t pass_seq(TraceReader& reader, int64_t run_id, int64_t pass_id, int64_t step) {
  std::optional<PassRow> pass = reader.pass(pass_id);
  if (!pass || pass->run_id != run_id)
    throw std::invalid_argument(reader.path() + ": run " + std::to_string(run_id) + " has no pass " + std::to_string(pass_id) +
                                "; `rewind report " + reader.path() + "` lists the passes (the viewer shows their ids)");
  if (step < 1 || step > pass->step_count)
    throw std::invalid_argument(reader.path() + ": pass " + std::to_string(pass_id) + " '" + pass->name + "' has " + std::to_string(pass->step_count) +
                                " step(s); step " + std::to_string(step) + " does not exist");
  return pass->seq;
}

}  // namespace

RerunResult rerun(TraceReader& reader, const RerunRequest& request) {
  if (!request.skip_pass_id && request.disable_rules.empty())
    throw std::invalid_argument("nothing to switch off: give a step to skip or a rule to disable");
  Replay replay = load_replay(reader, request.run_id);
  SwitchSettings settings = replay.switches;  // a re-run of a re-run keeps the earlier switches
  std::vector<std::pair<std::string, std::string>> options = replay.run.options;
  if (request.skip_pass_id) {
    if (settings.skip_step)
      throw std::invalid_argument(reader.path() + ", run " + std::to_string(replay.run.id) +
                                  " already skips a step (skip-step=" + std::to_string(settings.skip_step->first) + ":" +
                                  std::to_string(settings.skip_step->second) + "); re-run the original trace instead");
    int64_t seq = pass_seq(reader, replay.run.id, request.skip_pass_id, request.skip_step);
    settings.skip_step = std::make_pair(seq, request.skip_step);
    options.emplace_back("skip-step", std::to_string(seq) + ":" + std::to_string(request.skip_step));
  }
  for (const std::string& rule : request.disable_rules) {
    settings.disabled_rules.push_back(rule);
    options.emplace_back("disable-rule", rule);
  }

  RerunResult out;
  out.out_path = request.out_path;
  SqliteTracer tracer(request.out_path);
  RewriteSwitch sw(settings, &tracer);
  {
    TracerScope scope(sw);
    RewriteGateScope gate(&sw);
    RunInfo info;
    info.command = "run";
    info.program_path = replay.run.program_path;
    info.program_text = replay.run.program_text;
    info.options = options;
    info.engine_version = REWIND_ENGINE_VERSION;
    sw.begin_run(info);
    trace_program_inputs(sw, *replay.program);
    try {
      CompiledRun run = run_compiled(*replay.program, replay.options);
      trace_outputs(sw, run.outputs);
      out.failures = run.failures();
      out.ok = out.failures.empty();
    } catch (const std::exception& e) {
      out.error = e.what();
      sw.log(LogLevel::Error, e.what());
    }
    sw.end_run(out.ok);
  }
  tracer.close();
  out.switched = sw.skipped() || sw.refused_firings() > 0;
  if (sw.skipped()) out.switched_what = "skipped " + sw.skipped_rule();
  if (sw.refused_firings() > 0)
    out.switched_what += (out.switched_what.empty() ? "" : "; ") + std::string("refused ") + std::to_string(sw.refused_firings()) + " firing(s) of the disabled rule(s)";
  return out;
}

}  // namespace rw
