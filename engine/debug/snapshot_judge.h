// Judging snapshots by their values alone. A snapshot of the program's graph (scheduling) is
// evaluated by the stage evaluator and its outputs compared with the reference interpreter's;
// a snapshot of a kernel (codegen) is run on the reference values of the buffers it reads and
// the buffers it writes are compared with their reference values. Lowered kernel snapshots
// are finished with the lowering passes and the linearizer as they are meant to be (no
// faults, no tracing) and run by the linear evaluator.
//
// A snapshot no evaluator accepts is not evaluable (its error says why). Judgements are
// cached by the snapshot's structural hash: equal graphs are judged once.
#pragma once
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/frontend/program.h"
#include "engine/reference/evaluator.h"
#include "engine/schedule/schedule.h"
#include "engine/trace/tracer.h"

namespace rw {

struct Judgement {
  bool evaluable = false;
  bool right = false;
  std::string why_not;  // not evaluable: what the evaluator said
  CheckRecord diff;     // wrong: the first output or buffer that differs (kernel may be empty)
};

class ProgramJudge {
 public:
  // `reference`: the interpreter's outputs, by the program's output names.
  ProgramJudge(const Program& program, const NamedArrays& reference);
  // A whole graph of the program (a SINK whose sources line up with the program's sink).
  const Judgement& judge(UOpPtr graph);

 private:
  const Program& program_;
  std::vector<std::pair<size_t, std::pair<std::string, HostArray>>> wanted_;  // sink position -> (name, value)
  std::unordered_map<uint64_t, Judgement> cache_;
};

class KernelJudge {
 public:
  // Kernel `index` of `schedule`; `expected` holds the reference value of every realized
  // buffer (expected_buffers + expected_outputs).
  KernelJudge(const Schedule& schedule, size_t index, const BufferTable& inputs, const std::map<int, HostArray>& expected);

  const std::string& kernel() const { return kernel_; }
  // A snapshot of the kernel's graph during codegen. `pass` is the codegen pass it was taken
  // in: snapshots from "lower reduce" on are finished by the remaining lowering passes.
  const Judgement& judge(UOpPtr graph, const std::string& pass);
  // The kernel's linear program.
  Judgement judge_linear(const std::vector<UOpPtr>& linear) const;

 private:
  std::vector<HostArray> fresh_globals() const;
  Judgement compare(const std::vector<HostArray>& globals) const;
  Judgement run_ast(UOpPtr graph) const;
  Judgement run_lowered(UOpPtr graph, const std::string& pass) const;

  const Schedule& schedule_;
  const ScheduledKernel& k_;
  const BufferTable& inputs_;
  const std::map<int, HostArray>& expected_;
  std::string kernel_;
  std::vector<size_t> written_slots_;
  std::unordered_map<uint64_t, Judgement> cache_;
};

}  // namespace rw
