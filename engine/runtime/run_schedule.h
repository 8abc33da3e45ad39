// Running a schedule end to end: every kernel generated (engine/codegen), compiled by the
// LLVM JIT (or executed by the linear evaluator), run in order over host buffers and timed;
// every buffer with reference values checked. Each kernel is reported to the tracer with
// on_kernel and on_timing, each check with on_check.
//
//   Schedule s = ...;                       // the scheduler's output
//   RunOptions opt;
//   opt.expected = expected_outputs(s, evaluate_reference(program));
//   RunResult r = run_schedule(s, program.buffers, opt);
//   r.ok(); r.outputs(); r.kernels[i].timing.median_us; r.checks
#pragma once
#include <map>
#include <string>
#include <vector>

#include "engine/codegen/codegen.h"
#include "engine/ir/buffer_table.h"
#include "engine/reference/evaluator.h"
#include "engine/schedule/schedule.h"
#include "engine/trace/tracer.h"

namespace rw {

enum class Executor {
  Llvm,    // compiled by the LLVM JIT at -O2 (the real run)
  Linear,  // the linear evaluator (no LLVM; bounds-checked; slow)
};

struct RunOptions {
  CodegenOptions codegen;  // codegen.checked: bounds-checked kernels, see RunResult::out_of_bounds
  Executor executor = Executor::Llvm;
  int warmup = 1;      // untimed runs of each kernel before the timed ones
  int iterations = 5;  // timed runs (at least 1)
  std::map<int, HostArray> expected;  // buffer id -> reference values
};

struct KernelRun {
  KernelProgram program;
  std::vector<int> globals;  // buffer ids, as in the ScheduledKernel
  double compile_ms = 0;     // JIT (parse, -O2, machine code); 0 for the linear evaluator
  TimingRecord timing;
};

// A checked kernel's accesses outside a buffer (the first one, and how many in its last run).
struct BoundsReport {
  std::string kernel;
  int64_t slot = 0;      // the DEFINE_GLOBAL slot
  std::string buffer;    // the schedule buffer bound to it
  int64_t index = 0;     // the first out-of-bounds element index
  int64_t size = 0;      // the buffer's element count
  int64_t count = 0;     // out-of-bounds accesses in one run of the kernel
  // "kernel K, buffer slot 1 (buf3), index 16 out of bounds [0, 16) (4 accesses)"
  std::string to_string() const;
};

struct RunResult {
  std::vector<HostArray> buffers;  // by ScheduleBuffer id, after the run
  std::vector<KernelRun> kernels;  // in run order
  std::vector<CheckRecord> checks; // one per buffer with expected values, in buffer id order
  std::vector<BoundsReport> out_of_bounds;  // checked runs: one per kernel that left a buffer
  bool ok() const;                 // every check passed and no access was out of bounds
  NamedArrays outputs(const Schedule& s) const;  // Output buffers by name, in buffer order
};

// Throws CodegenError, JitError or EvalError (linear evaluator), naming the kernel. A checked
// run (codegen.checked) runs every kernel to its end and reports accesses outside a buffer in
// RunResult::out_of_bounds (and to the tracer's log) instead of touching that memory.
RunResult run_schedule(const Schedule& schedule, const BufferTable& inputs, const RunOptions& options = {});

// The expected values of the schedule's Output buffers, matched by name with `reference`
// (evaluate_reference's result).
std::map<int, HostArray> expected_outputs(const Schedule& schedule, const NamedArrays& reference);

// The expected values of every realized buffer (outputs and intermediates): each buffer's
// tensor node evaluated by `reference`, so a wrong intermediate kernel is caught where it
// writes, not only where an output goes wrong later.
std::map<int, HostArray> expected_buffers(const Schedule& schedule, Evaluator& reference);

}  // namespace rw
