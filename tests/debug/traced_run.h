// Traces a program the way `rewind run PROG -o FILE` does, for the bisect and rerun tests.
#pragma once
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "engine/frontend/program.h"
#include "engine/frontend/program_trace.h"
#include "engine/runtime/compiled_program.h"
#include "engine/trace/sqlite_tracer.h"

namespace rw::test {

inline const std::filesystem::path kShared = REWIND_SHARED_DIR;

inline std::filesystem::path temp_trace(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("rewind-debug-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto path = dir / (name + ".rwd");
  std::filesystem::remove(path);
  return path;
}

// Returns whether the run's checks passed.
// `checked`: bounds-checked kernels (faults that push an index past a buffer).
inline bool trace_run(const std::filesystem::path& program_file, const std::string& faults, const std::filesystem::path& out,
                      SqliteTracerOptions tracer_options = {}, bool checked = false) {
  Arena arena;
  Program program = load_program(arena, program_file);
  CompiledOptions o;
  o.schedule.faults = o.run.codegen.faults = FaultSet::parse(faults);
  o.run.warmup = 0;
  o.run.iterations = 1;
  o.run.codegen.checked = checked;
  std::vector<std::pair<std::string, std::string>> recorded{{"fusion", "rangeify"}, {"opt", o.run.codegen.opts.to_string()}, {"executor", "llvm"}};
  if (!faults.empty()) recorded.emplace_back("inject-fault", faults);
  if (checked) recorded.emplace_back("checked", "true");
  SqliteTracer tracer(out.string(), tracer_options);
  bool ok = false;
  {
    TracerScope scope(tracer);
    tracer.begin_run(program_run_info("run", program_file.string(), program.source(), recorded));
    trace_program_inputs(tracer, program);
    CompiledRun run = run_compiled(program, o);
    trace_outputs(tracer, run.outputs);
    ok = run.failures().empty();
    tracer.end_run(ok);
  }
  tracer.close();
  return ok;
}

}  // namespace rw::test
