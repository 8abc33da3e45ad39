// Traces a program the way `rewind run PROG -o FILE` does (program text, options, inputs,
// outputs, every pass and kernel), for tests that need real traces.
#pragma once
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "engine/frontend/program.h"
#include "engine/frontend/program_trace.h"
#include "engine/runtime/compiled_program.h"
#include "engine/trace/sqlite_tracer.h"

namespace rw::test_support {

struct TraceRunOptions {
  std::string fusion = "rangeify";
  std::string faults;    // --inject-fault
  bool checked = false;  // bounds-checked kernels (faults that push an index past a buffer)
  SqliteTracerOptions tracer;
};

// Writes the trace to `out` (replacing it); returns whether every check passed.
inline bool trace_program_run(const std::filesystem::path& program_file, const std::filesystem::path& out, const TraceRunOptions& o = {}) {
  std::filesystem::remove(out);
  Arena arena;
  Program program = load_program(arena, program_file);
  CompiledOptions co;
  co.schedule.fusion = o.fusion;
  co.schedule.faults = co.run.codegen.faults = FaultSet::parse(o.faults);
  co.run.warmup = 0;
  co.run.iterations = 1;
  co.run.codegen.checked = o.checked;
  std::vector<std::pair<std::string, std::string>> recorded{{"fusion", o.fusion}, {"opt", co.run.codegen.opts.to_string()}, {"executor", "llvm"}};
  if (!o.faults.empty()) recorded.emplace_back("inject-fault", o.faults);
  if (o.checked) recorded.emplace_back("checked", "true");
  SqliteTracer tracer(out.string(), o.tracer);
  bool ok = false;
  {
    TracerScope scope(tracer);
    tracer.begin_run(program_run_info("run", program_file.string(), program.source(), recorded));
    trace_program_inputs(tracer, program);
    CompiledRun run = run_compiled(program, co);
    trace_outputs(tracer, run.outputs);
    ok = run.failures().empty();
    tracer.end_run(ok);
  }
  tracer.close();
  return ok;
}

}  // namespace rw::test_support
