// rewind schedule PROG.tg: schedule a program into kernels, print what each kernel reads and
// writes and why each buffer exists, and record every pass, rewrite and decision.
#include <iostream>
#include <memory>

#include "app/cli/command.h"
#include "app/cli/schedule_flags.h"
#include "app/cli/trace_session.h"
#include "engine/frontend/program.h"
#include "engine/frontend/program_trace.h"
#include "engine/ir/print.h"
#include "engine/ir/shape.h"
#include "engine/reference/program_reference.h"
#include "engine/reference/stage_evaluator.h"
#include "engine/runtime/conformance.h"
#include "engine/schedule/schedule_program.h"

namespace rw::cli {
namespace {

std::string buffer_label(const ScheduleBuffer& b, const BufferTable& table) {
  std::string name = b.role == ScheduleBuffer::Role::Input ? b.name + " (" + table.at(b.input_slot).label + ")" : b.name;
  return name + " " + std::string(scalar_name(b.dtype.scalar)) + shape_str(b.shape);
}

void print_schedule(const Schedule& s, const BufferTable& table, bool ast) {
  std::cout << s.kernels.size() << " kernel" << (s.kernels.size() == 1 ? "" : "s") << "\n";
  for (size_t i = 0; i < s.kernels.size(); ++i) {
    const ScheduledKernel& k = s.kernels[i];
    std::cout << "  " << i << ". " << k.name << "  (computes " << k.computes.size() << " tensor node" << (k.computes.size() == 1 ? "" : "s") << ")\n";
    const ScheduleBuffer& out = s.buffers.at(size_t(k.globals.at(0)));
    std::cout << "       writes " << buffer_label(out, table) << "  [" << out.reason << "]\n";
    for (size_t g = 1; g < k.globals.size(); ++g) {
      const ScheduleBuffer& in = s.buffers.at(size_t(k.globals[g]));
      std::cout << "       reads  " << buffer_label(in, table) << "  [" << in.reason << "]\n";
    }
    if (ast) std::cout << print_graph(k.ast);
  }
}

// Runs the kernels with the stage evaluator and compares every output with the reference.
bool check_schedule(const Program& program, const Schedule& s) {
  NamedArrays want = evaluate_reference(program);
  NamedArrays got = evaluate_schedule(s, program.buffers());
  bool ok = true;
  for (const auto& [name, w] : want) {
    auto it = std::find_if(got.begin(), got.end(), [&](const auto& g) { return g.first == name; });
    if (it == got.end()) continue;  // an output that is the same tensor as an earlier one
    Comparison c = compare_arrays(it->second, w, name);
    std::cout << "check " << name << ": " << (c.ok ? "ok" : "WRONG " + c.message) << " (max error " << c.max_error << ")\n";
    ok &= c.ok;
  }
  return ok;
}

int run_schedule_command(const ParsedArgs& args) {
  if (args.positional.size() != 1) throw UsageError("rewind schedule: expected one program file, e.g. rewind schedule resources/examples/softmax.tg -o s.rwd");
  const std::string path = args.positional[0];
  ScheduleOptions opts;
  opts.fusion = args.get_or("fusion", "rangeify");
  opts.verify = args.has("verify");
  try {
    opts.faults = FaultSet::parse(args.get_or("inject-fault", ""));
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string("rewind schedule: ") + e.what());
  }

  std::vector<std::pair<std::string, std::string>> options{{"fusion", opts.fusion}};
  if (opts.verify) options.emplace_back("verify", "true");
  if (!opts.faults.empty()) options.emplace_back("inject-fault", opts.faults.to_string());
  read_schedule_limits(args, "schedule", opts, options);

  Arena arena;
  Program program = load_program(arena, path);
  std::unique_ptr<TraceSession> trace;
  if (auto out = args.get("out")) {
    trace = std::make_unique<TraceSession>(*out, program_run_info("schedule", path, program.source(), options));
    trace_program_inputs(trace->tracer(), program);
  }
  Schedule s;
  try {
    s = schedule_program(program, opts);
  } catch (const std::exception& e) {
    if (trace) {
      trace->tracer().log(LogLevel::Error, e.what());  // the trace keeps the error with the steps before it
      trace->finish(false);
    }
    std::cerr << "rewind schedule: " << e.what() << "\n";
    return 1;
  }
  print_schedule(s, program.buffers(), args.has("ast"));
  bool ok = !args.has("check") || check_schedule(program, s);
  if (trace) {
    trace->finish(ok);
    std::cout << "trace: " << trace->path() << "\n";
  }
  return ok ? 0 : 1;
}

}  // namespace

Command schedule_command() {
  return Command{
      "schedule",
      "schedule a .tg program into kernels and record every pass and decision",
      "rewind schedule PROG.tg [-o OUT.rwd] [--fusion=P] [--recompute-threshold N] [--max-buffers N] [--verify]\n"
      "                        [--inject-fault=NAME] [--check] [--ast]",
      "Runs the scheduler (early cleanups, realize decisions, rangeify, symbolic, bufferize to store,\n"
      "split kernels) and prints each kernel with the buffers it writes and reads; the code in brackets\n"
      "is why the buffer exists (docs/schedule-decisions.md). --check runs the kernels with the stage\n"
      "evaluator and compares every output with the reference interpreter.",
      with_limits({
          {"out", "o", "OUT.rwd", "write the trace here"},
          {"fusion", "", "P", "fusion policy: rangeify (default), conservative or none"},
          {"verify", "", "", "verify every rewrite step and every pass's output graph"},
          {"inject-fault", "", "NAME", "switch on a deliberately wrong rule of the scheduler (" + fault_names({"rangeify", "symbolic"}) + ")"},
          {"check", "", "", "run the kernels and compare the outputs with the reference"},
          {"ast", "", "", "print each kernel's AST (docs/kernel-ast.md)"},
      }),
      run_schedule_command,
  };
}

}  // namespace rw::cli
