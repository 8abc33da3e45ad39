// Real traces of one conformance program compiled and run under a fusion policy (the shared
// softmax: rangeify makes 2 kernels, conservative 3), for the compare view's tests. Each is
// written once per test process.
#pragma once
#include <map>
#include <string>

#include "engine/frontend/program.h"
#include "engine/frontend/program_trace.h"
#include "engine/runtime/compiled_program.h"
#include "engine/trace/sqlite_tracer.h"
#include "tests/viewers/fixture_trace.h"

namespace rw::viewer_testing {

inline std::string conformance_program(const std::string& name) {
  return std::string(REWIND_SHARED_DIR) + "/conformance/" + name + "/program.tg";
}

inline std::string fusion_trace(const std::string& program, const std::string& fusion) {
  static std::map<std::string, std::string> made;
  const std::string key = program + "_" + fusion;
  if (auto it = made.find(key); it != made.end()) return it->second;
  static const std::filesystem::path dir = temp_dir("fusion-traces");
  const std::string path = (dir / (key + ".rwd")).string();
  Arena arena;
  Program p = load_program(arena, conformance_program(program));
  SqliteTracer tracer(path);
  {
    TracerScope scope(tracer);
    tracer.begin_run(program_run_info("run", conformance_program(program), p.source(), {{"fusion", fusion}}));
    trace_program_inputs(tracer, p);
    CompiledOptions options;
    options.schedule.fusion = fusion;
    CompiledRun run = run_compiled(p, options);
    trace_outputs(tracer, run.outputs);
    tracer.end_run(run.failures().empty());
  }
  tracer.close();
  return made[key] = path;
}

}  // namespace rw::viewer_testing
