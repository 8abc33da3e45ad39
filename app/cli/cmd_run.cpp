// rewind run PROG.tg: the whole pipeline — parse, schedule, codegen, compile, run, check
// against the reference interpreter — recorded in a trace.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

#include "app/cli/array_format.h"
#include "app/cli/command.h"
#include "app/cli/schedule_flags.h"
#include "app/cli/trace_session.h"
#include "engine/frontend/npy.h"
#include "engine/frontend/program.h"
#include "engine/frontend/program_trace.h"
#include "engine/ir/verify.h"
#include "engine/reference/program_reference.h"
#include "engine/runtime/compiled_program.h"
#include "engine/trace/json_writer.h"

namespace rw::cli {
namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

CompiledOptions compiled_options(const ParsedArgs& args, std::vector<std::pair<std::string, std::string>>& record) {
  CompiledOptions o;
  o.schedule.fusion = args.get_or("fusion", "rangeify");
  o.schedule.verify = args.has("verify");
  try {
    FaultSet faults = FaultSet::parse(args.get_or("inject-fault", ""));
    o.schedule.faults = faults;
    o.run.codegen.faults = faults;
    o.run.codegen.opts = OptSet::parse(args.get_or("opt", "all"));
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string("rewind run: ") + e.what());
  }
  if (args.has("linear")) o.run.executor = Executor::Linear;
  o.run.codegen.checked = args.has("checked");
  record.emplace_back("fusion", o.schedule.fusion);
  record.emplace_back("opt", o.run.codegen.opts.to_string());
  record.emplace_back("executor", args.has("linear") ? "linear" : "llvm");
  if (o.schedule.verify) record.emplace_back("verify", "true");
  if (!o.schedule.faults.empty()) record.emplace_back("inject-fault", o.schedule.faults.to_string());
  if (o.run.codegen.checked) record.emplace_back("checked", "true");
  read_schedule_limits(args, "run", o.schedule, record);
  return o;
}

void save_outputs(const ParsedArgs& args, const NamedArrays& outputs) {
  auto dir = args.get("save-outputs");
  if (!dir) return;
  std::filesystem::create_directories(*dir);
  for (const auto& [name, array] : outputs) write_npy(std::filesystem::path(*dir) / (name + ".npy"), array);
}

void print_kernels(const CompiledRun& run) {
  std::printf("%-24s %10s %12s %12s %10s %10s  %s\n", "kernel", "compile ms", "min us", "median us", "GFLOP/s", "GB/s", "check");
  for (const KernelRun& k : run.result.kernels) {
    std::string check = "-";
    for (const CheckRecord& c : run.result.checks)
      if (c.kernel == k.program.name) check = c.ok ? "ok" : "WRONG";
    double us = k.timing.min_us > 0 ? k.timing.min_us : 1e-9;
    std::printf("%-24s %10.2f %12.2f %12.2f %10.3f %10.3f  %s\n", k.program.name.c_str(), k.compile_ms, k.timing.min_us, k.timing.median_us,
                double(k.program.flops) / us / 1e3, double(k.program.bytes) / us / 1e3, check.c_str());
  }
  std::printf("FLOPs: %s\n", describe_run_flops(run.flops).c_str());
}

int run_reference(const ParsedArgs& args, const std::string& path) {
  std::vector<std::pair<std::string, std::string>> options{{"evaluator", "reference"}};
  Arena arena;
  Program program = load_program(arena, path);
  std::unique_ptr<TraceSession> trace;
  if (auto out = args.get("out")) {
    trace = std::make_unique<TraceSession>(*out, program_run_info("run", path, program.source(), options));
    trace_program_inputs(trace->tracer(), program);
  }
  if (args.has("verify")) verify_graph_or_throw(program.sink(), Stage::Tensor, "frontend", 0);
  NamedArrays outputs = evaluate_reference(program);
  save_outputs(args, outputs);
  if (trace) {
    trace_outputs(trace->tracer(), outputs);
    trace->finish(true);
  }
  for (const auto& [name, array] : outputs) std::cout << name << " = " << preview(array) << "\n";
  if (trace) std::cout << "trace: " << trace->path() << "\n";
  return 0;
}

int run_program(const ParsedArgs& args) {
  if (args.positional.size() != 1) throw UsageError("rewind run: expected one program file, e.g. rewind run resources/examples/softmax.tg -o out.rwd");
  const std::string path = args.positional[0];
  if (args.has("reference")) return run_reference(args, path);

  std::vector<std::pair<std::string, std::string>> options;
  CompiledOptions co = compiled_options(args, options);

  Arena arena;
  auto t_parse = Clock::now();
  Program program = load_program(arena, path);
  double parse_ms = ms_since(t_parse);
  std::unique_ptr<TraceSession> trace;
  if (auto out = args.get("out")) {
    trace = std::make_unique<TraceSession>(*out, program_run_info("run", path, program.source(), options));
    trace_program_inputs(trace->tracer(), program);
  }
  CompiledRun run;
  try {
    run = run_compiled(program, co);
  } catch (const std::exception& e) {
    if (trace) {
      trace->tracer().log(LogLevel::Error, e.what());  // the trace keeps the error with the steps before it
      trace->finish(false);
    }
    std::cerr << "rewind run: " << e.what() << "\n";
    return 1;
  }
  save_outputs(args, run.outputs);
  const std::vector<std::string> failures = run.failures();
  double trace_ms = 0;
  if (trace) {
    auto t0 = Clock::now();
    trace_outputs(trace->tracer(), run.outputs);
    trace->finish(failures.empty());
    trace_ms = ms_since(t0);
  }

  if (args.has("timings")) {
    double execute_ms = run.run_ms - run.codegen_ms() - run.compile_ms();
    JsonWriter j;
    j.begin_object();
    j.key("parse_ms").value(parse_ms);
    j.key("reference_ms").value(run.reference_ms);
    j.key("schedule_ms").value(run.schedule_ms);
    j.key("codegen_ms").value(run.codegen_ms());
    j.key("compile_ms").value(run.compile_ms());
    j.key("execute_ms").value(execute_ms);
    j.key("trace_ms").value(trace_ms);
    j.key("kernels").value(int64_t(run.result.kernels.size()));
    j.end_object();
    std::cout << j.str() << "\n";
  } else {
    print_kernels(run);
    for (const auto& [name, array] : run.outputs) std::cout << name << " = " << preview(array) << "\n";
    if (auto dir = args.get("save-outputs")) std::cout << "saved " << run.outputs.size() << " output(s) to " << *dir << "\n";
    if (trace) std::cout << "trace: " << trace->path() << "\n";
  }
  for (const std::string& f : failures) std::cerr << "rewind run: " << f << "\n";
  return failures.empty() ? 0 : 1;
}

}  // namespace

Command run_command() {
  return Command{
      "run",
      "compile and run a .tg program, check every kernel, record everything in a trace",
      "rewind run PROG.tg [-o OUT.rwd] [--fusion=P] [--recompute-threshold N] [--max-buffers N] [--opt=LIST]\n"
      "                   [--verify] [--inject-fault=NAME] [--checked] [--linear]\n"
      "                   [--save-outputs DIR] [--timings] | rewind run PROG.tg --reference [...]",
      "Parses the program, schedules it into kernels, generates C and LLVM IR for each, compiles them\n"
      "with the LLVM JIT, runs them (warm-up, then timed runs: min and median) and checks every output\n"
      "buffer against the reference interpreter. The exit status is 1 when a check fails; the failing\n"
      "kernel is named. With --reference the program is only evaluated by the reference interpreter\n"
      "(float64 inside, rounded to each node's dtype): the oracle the kernels are checked against.\n"
      "With --checked every load and store of the generated code is tested against its buffer's size;\n"
      "an access outside is skipped and reported as 'kernel K, buffer slot S (B), index I out of bounds\n"
      "[0, N)', and the run fails instead of crashing.\n"
      "Deliberately wrong rules for --inject-fault (comma-separated), to test checks and bisection:\n" +
          fault_table().substr(0, fault_table().size() - 1),
      with_limits({
          {"out", "o", "OUT.rwd", "write the trace here"},
          {"fusion", "", "P", "fusion policy (default rangeify)"},
          {"opt", "", "LIST", "codegen optimizations: off, all (default) or a list such as upcast,unroll"},
          {"verify", "", "", "verify every rewrite step and every pass's output graph"},
          {"inject-fault", "", "NAME", "switch on a deliberately wrong rule (" + fault_names() + ")"},
          {"checked", "", "", "bounds-checked kernels: report out-of-bounds accesses instead of crashing"},
          {"linear", "", "", "run the kernels with the linear evaluator instead of the LLVM JIT"},
          {"reference", "", "", "only evaluate with the reference interpreter"},
          {"save-outputs", "", "DIR", "write each output as DIR/<name>.npy"},
          {"timings", "", "", "print per-phase times as JSON (parse, reference, schedule, codegen, compile, execute, trace)"},
      }),
      run_program,
  };
}

}  // namespace rw::cli
