// A traced run replayed with a recorder on: the program, the compiled run and every pass and
// step as nodes, each recorded pass tied to the trace's pass (same begin order, same name,
// same step count — else the replay does not reproduce the trace and says so). What bisect
// and "why didn't this rule fire?" work from.
#pragma once
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/debug/pass_recorder.h"
#include "engine/debug/replay.h"

namespace rw {

// The replay took other passes or steps than the trace holds.
class ReproduceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct RecordedRun {
  Replay replay;
  std::unique_ptr<PassRecorder> recorder;
  CompiledRun run;
  std::string error;              // the replay stopped with this error (passes up to it are recorded)
  std::vector<int64_t> pass_ids;  // recorded pass index -> the trace's pass id

  int64_t run_id() const { return replay.run.id; }
  // The recorded pass of a trace pass id (-1: none).
  int index_of(int64_t pass_id) const;
};

// `quick`: one untimed run of each kernel with bounds-checked code (values are judged, not
// timings, and a wrong kernel must not take the judge down with it).
// Throws what load_replay throws, and ReproduceError.
RecordedRun record_run(TraceReader& reader, int64_t run_id, bool quick = true);

}  // namespace rw
