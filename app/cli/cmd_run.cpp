// rewind run PROG.tg: evaluate a program and record the run.
#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>

#include "app/cli/array_format.h"
#include "app/cli/command.h"
#include "app/cli/trace_session.h"
#include "engine/frontend/npy.h"
#include "engine/frontend/program.h"
#include "engine/frontend/program_trace.h"
#include "engine/ir/verify.h"
#include "engine/reference/program_reference.h"
#include "engine/trace/json_writer.h"

namespace rw::cli {
namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

int run_program(const ParsedArgs& args) {
  if (args.positional.size() != 1) throw UsageError("rewind run: expected one program file, e.g. rewind run resources/examples/softmax.tg --reference");
  if (!args.has("reference"))
    throw UsageError("rewind run: this build evaluates programs with the reference interpreter only; add --reference");
  const std::string path = args.positional[0];

  std::vector<std::pair<std::string, std::string>> options{{"evaluator", "reference"}};
  if (args.has("verify")) options.emplace_back("verify", "true");

  Arena arena;
  std::unique_ptr<TraceSession> trace;
  auto t_parse = Clock::now();
  Program program = load_program(arena, path);
  double parse_ms = ms_since(t_parse);
  if (auto out = args.get("out")) {
    trace = std::make_unique<TraceSession>(*out, program_run_info("run", path, program.source(), options));
    trace_program_inputs(trace->tracer(), program);
  }
  if (args.has("verify")) verify_graph_or_throw(program.sink(), Stage::Tensor, "frontend", 0);

  auto t_eval = Clock::now();
  NamedArrays outputs = evaluate_reference(program);
  double eval_ms = ms_since(t_eval);

  if (auto dir = args.get("save-outputs")) {
    std::filesystem::create_directories(*dir);
    for (const auto& [name, array] : outputs) write_npy(std::filesystem::path(*dir) / (name + ".npy"), array);
  }
  double trace_ms = 0;
  if (trace) {
    auto t_trace = Clock::now();
    trace_outputs(trace->tracer(), outputs);
    trace->finish(true);
    trace_ms = ms_since(t_trace);
  }

  if (args.has("timings")) {
    JsonWriter j;
    j.begin_object();
    j.key("parse_ms").value(parse_ms);
    j.key("evaluate_ms").value(eval_ms);
    j.key("trace_ms").value(trace_ms);
    j.end_object();
    std::cout << j.str() << "\n";
    return 0;
  }
  for (const auto& [name, array] : outputs) std::cout << name << " = " << preview(array) << "\n";
  if (auto dir = args.get("save-outputs")) std::cout << "saved " << outputs.size() << " output(s) to " << *dir << "\n";
  if (trace) std::cout << "trace: " << trace->path() << "\n";
  return 0;
}

}  // namespace

Command run_command() {
  return Command{
      "run",
      "evaluate a .tg program and record the run in a trace",
      "rewind run PROG.tg --reference [-o OUT.rwd] [--save-outputs DIR] [--verify] [--timings]",
      "With --reference the program is evaluated by the reference interpreter (float64 inside,\n"
      "rounded to each node's dtype): the oracle every compiled kernel is checked against.\n"
      "The trace holds the program text, the options, every input and every output array.",
      {
          {"reference", "", "", "evaluate with the reference interpreter"},
          {"out", "o", "OUT.rwd", "write the trace here"},
          {"save-outputs", "", "DIR", "write each output as DIR/<name>.npy"},
          {"verify", "", "", "check the tensor graph with the verifier before evaluating"},
          {"timings", "", "", "print per-phase times (parse, evaluate, trace) as JSON instead of the outputs"},
      },
      run_program,
  };
}

}  // namespace rw::cli
