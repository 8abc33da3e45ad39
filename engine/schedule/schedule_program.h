// The scheduler: a program's tensor graph to kernels, as named, traced passes
// (docs/kernel-ast.md is the output format; docs/schedule-decisions.md the reason codes).
//
//   schedule
//   ├─ early cleanups        merge reshapes, drop movement ops that change nothing
//   ├─ realize decisions     REALIZE the nodes that must become buffers (outputs, contiguous, policy)
//   ├─ rangeify              push INDEX(RANGE...) from every realized node down to the inputs
//   ├─ symbolic              simplify every index expression
//   ├─ bufferize to store    BUFFERIZE -> a buffer and the STORE that fills it
//   └─ split kernels         one KERNEL (AST per docs/kernel-ast.md) per store
#pragma once
#include <stdexcept>
#include <string>

#include "engine/frontend/program.h"
#include "engine/rewrite/faults.h"
#include "engine/schedule/schedule.h"

namespace rw {

// Above the repetition tinygrad's rangeify scheduler accepts on the benchmark programs (a
// row's reduce recomputed once per element of the row: up to 128 times, in softmax and
// layernorm).
inline constexpr int64_t kDefaultRecomputeThreshold = 256;

// Buffers one kernel may read (its output not counted), like a GPU's argument limits.
inline constexpr int64_t kDefaultMaxBuffers = 16;

struct ScheduleOptions {
  // "rangeify" (fuse as far as is correct and not wasteful), "conservative" (tinygrad's older
  // scheduler: realize before an expand, at most one reduce per kernel), "none" (realize
  // every compute node).
  std::string fusion = "rangeify";
  FaultSet faults;
  // Default policy: an expensive value (a transcendental or a reduce, up to the buffers it
  // reads) that fusion would compute more than this many times per element, because an
  // expand broadcast it across other loops, is realized instead (reason "recompute").
  // 0 switches the rule off.
  int64_t recompute_threshold = kDefaultRecomputeThreshold;
  // Every policy: a kernel reads at most this many buffers; one that would read more gets an
  // input realized earlier (reason "max_buffers"). 0 means no limit.
  int64_t max_buffers = kDefaultMaxBuffers;
  bool verify = false;  // check every step's new nodes and every pass's output graph
};

// Something the scheduler cannot lower correctly. Names the node and the pass.
class ScheduleError : public std::runtime_error {
 public:
  ScheduleError(std::string pass, UOpPtr node, const std::string& what);
  const std::string& pass() const { return pass_; }
  UOpPtr node() const { return node_; }

 private:
  std::string pass_;
  UOpPtr node_;
};

// Throws ScheduleError, std::invalid_argument (unknown fusion policy), VerifyError (with
// verify on) or RewriteError.
Schedule schedule_program(const Program& program, const ScheduleOptions& options = {});

// The same on a bare graph: `sink` is SINK(realized outputs...) of a tensor graph; `names`
// names the outputs (SINK order; missing names become "out<i>").
Schedule schedule_graph(UOpPtr sink, const std::vector<std::string>& names, const ScheduleOptions& options = {});

}  // namespace rw
