#include "engine/debug/recorded_run.h"

#include <algorithm>

namespace rw {

namespace {

// The replay must take the trace's passes in the trace's order, or its step numbers would
// name other rewrites. A replay that stopped early matches the trace up to where it stopped.
std::vector<int64_t> map_passes(TraceReader& reader, int64_t run_id, const std::vector<RecordedPass>& rec) {
  std::vector<PassRow> rows = reader.passes(run_id);
  std::sort(rows.begin(), rows.end(), [](const PassRow& a, const PassRow& b) { return a.seq < b.seq; });
  std::vector<int64_t> ids;
  for (size_t i = 0; i < rec.size(); ++i) {
    bool ended_same = i < rows.size() && (!rec[i].ended || rows[i].step_count == int64_t(rec[i].steps.size()));
    if (i >= rows.size() || rows[i].name != rec[i].name || !ended_same)
      throw ReproduceError(reader.path() + ", run " + std::to_string(run_id) + ": the re-run does not reproduce the trace at pass #" +
                           std::to_string(i + 1) + " (" +
                           (i < rows.size() ? "the trace has '" + rows[i].name + "' with " + std::to_string(rows[i].step_count) + " steps"
                                            : std::string("the trace has no such pass")) +
                           ", the re-run '" + rec[i].name + "' with " + std::to_string(rec[i].steps.size()) +
                           " steps); was it written by another version of Rewind (trace: " + reader.meta().engine_version + ")?");
    ids.push_back(rows[i].id);
  }
  return ids;
}

}  // namespace

int RecordedRun::index_of(int64_t pass_id) const {
  auto it = std::find(pass_ids.begin(), pass_ids.end(), pass_id);
  return it == pass_ids.end() ? -1 : int(it - pass_ids.begin());
}

RecordedRun record_run(TraceReader& reader, int64_t run_id, bool quick) {
  RecordedRun r;
  r.replay = load_replay(reader, run_id);
  r.recorder = std::make_unique<PassRecorder>();
  if (quick) {
    r.replay.options.run.warmup = 0;
    r.replay.options.run.iterations = 1;
    r.replay.options.run.codegen.checked = true;
  }
  try {
    // A re-run's trace replays with its own switches, or its steps would not be its own.
    RewriteSwitch sw(r.replay.switches, r.recorder.get());
    TracerScope scope(sw);
    RewriteGateScope gate(r.replay.has_switches() ? &sw : nullptr);
    RewriteObserverScope observe(r.recorder.get());
    r.run = run_compiled(*r.replay.program, r.replay.options);
  } catch (const std::exception& e) {
    r.error = e.what();
  }
  r.pass_ids = map_passes(reader, r.run_id(), r.recorder->passes());
  return r;
}

}  // namespace rw
