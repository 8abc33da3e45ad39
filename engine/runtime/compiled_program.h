// A whole program through the compiled path: schedule, codegen, JIT, run, and check every
// output against the reference interpreter. What `rewind run` and `rewind conformance` do.
#pragma once
#include <string>

#include "engine/frontend/program.h"
#include "engine/reference/evaluator.h"
#include "engine/runtime/conformance.h"
#include "engine/runtime/run_schedule.h"
#include "engine/schedule/schedule_program.h"
#include "engine/trace/run_flops.h"

namespace rw {

struct CompiledOptions {
  ScheduleOptions schedule;
  RunOptions run;  // codegen options, executor, timing iterations (expected is filled here)
};

struct CompiledRun {
  NamedArrays reference;  // the interpreter's outputs: what every kernel is checked against
  Schedule schedule;
  RunResult result;
  NamedArrays outputs;    // the compiled outputs, by program output name
  // Wall-clock milliseconds per phase.
  double reference_ms = 0, schedule_ms = 0, run_ms = 0;
  // The kernels' FLOPs against the tensor graph's own (also logged to the tracer).
  RunFlops flops;
  double codegen_ms() const;  // sum over kernels
  double compile_ms() const;  // sum over kernels (JIT)
  // Out-of-bounds reports (checked runs) and failed checks as "kernel K wrote buffer B
  // wrong: ..." lines; empty when all passed.
  std::vector<std::string> failures() const;
};

CompiledRun run_compiled(const Program& program, const CompiledOptions& options);

// A conformance evaluator for the compiled path: each case's outputs from the kernels.
CaseEvaluator compiled_evaluator(CompiledOptions options);

}  // namespace rw
