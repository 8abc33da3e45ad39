#include "engine/runtime/compiled_program.h"

#include <chrono>

#include "engine/ir/arena.h"
#include "engine/ir/graph_flops.h"
#include "engine/trace/tracer.h"

namespace rw {

namespace {
using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }
}  // namespace

double CompiledRun::codegen_ms() const {
  double s = 0;
  for (const KernelRun& k : result.kernels) s += k.program.codegen_ms;
  return s;
}

double CompiledRun::compile_ms() const {
  double s = 0;
  for (const KernelRun& k : result.kernels) s += k.compile_ms;
  return s;
}

std::vector<std::string> CompiledRun::failures() const {
  std::vector<std::string> out;
  for (const BoundsReport& b : result.out_of_bounds) out.push_back(b.to_string());
  for (const CheckRecord& c : result.checks)
    if (!c.ok) {
      std::string line = "kernel " + c.kernel + " wrote buffer " + c.buffer + " wrong: " + std::to_string(c.mismatches) + " mismatch(es)";
      if (c.first_bad_index >= 0)
        line += ", first at index " + std::to_string(c.first_bad_index) + " (got " + std::to_string(c.got) + ", want " + std::to_string(c.want) + ")";
      if (!c.detail.empty()) line += "; " + c.detail;
      out.push_back(line);
    }
  return out;
}

CompiledRun run_compiled(const Program& program, const CompiledOptions& options) {
  CompiledRun run;
  auto t0 = Clock::now();
  Evaluator reference(program.buffers());
  run.reference = reference.evaluate(program.output_nodes());
  run.reference_ms = ms_since(t0);

  t0 = Clock::now();
  run.schedule = schedule_program(program, options.schedule);
  run.schedule_ms = ms_since(t0);

  RunOptions ro = options.run;
  t0 = Clock::now();
  ro.expected = expected_buffers(run.schedule, reference);
  for (auto& [id, want] : expected_outputs(run.schedule, run.reference)) ro.expected.try_emplace(id, std::move(want));
  run.reference_ms += ms_since(t0);
  t0 = Clock::now();
  run.result = run_schedule(run.schedule, program.buffers(), ro);
  run.run_ms = ms_since(t0);
  run.outputs = run.result.outputs(run.schedule);
  run.flops.graph = graph_flops(program.sink());
  for (const KernelRun& k : run.result.kernels) run.flops.executed += k.program.flops;
  Tracer& t = current_tracer();
  if (t.active()) t.log(LogLevel::Info, format_run_flops(run.flops));
  return run;
}

CaseEvaluator compiled_evaluator(CompiledOptions options) {
  options.run.warmup = 0;  // conformance checks values; timing runs would only cost time
  options.run.iterations = 1;
  return [options](const std::filesystem::path& program_file) {
    Arena arena;
    Program program = load_program(arena, program_file);
    CompiledRun run = run_compiled(program, options);
    // An intermediate buffer that is wrong fails the case even if the outputs come out right.
    std::vector<std::string> failures = run.failures();
    if (!failures.empty()) {
      std::string all;
      for (const std::string& f : failures) all += (all.empty() ? "" : "; ") + f;
      throw std::runtime_error(all);
    }
    return run.outputs;
  };
}

}  // namespace rw
