// The verifier: per-op typing rules and which ops may appear at which compilation stage.
//
// A graph that passes the verifier for a stage is one the stage's evaluator and the next
// passes can trust. graph_rewrite checks each replacement's new nodes as they are built (so a
// bad rule is caught at the step that fired it) and the whole graph at the end of a pass.
//
// Which ops each stage allows (x = allowed). The table is stage_rules() in verify_stage.cpp.
//
//   ops                                         Tensor  Rangeified  Lowered  Linear
//   SINK NOOP GROUP                               x         x          x        x
//   KERNEL                                        .         x          .        .
//   BUFFER COPY ASSIGN BUFFER_VIEW                x         x          .        .
//   CONTIGUOUS REALIZE                            x         .          .        .
//   BUFFERIZE                                     .         x          .        .
//   RESHAPE PERMUTE EXPAND PAD SHRINK FLIP        x         .          .        .
//   REDUCE_AXIS                                   x         .          .        .
//   REDUCE                                        .         x          x        .
//   INDEX RANGE END                               .         x          x        x
//   VALID INVALID                                 .         x          .        .
//   DEFINE_GLOBAL                                 .         x          x        x
//   DEFINE_LOCAL DEFINE_REG                       .         .          x        x
//   DEFINE_VAR                                    x         x          x        x
//   unary, binary, ternary ALU, CONST             x         x          x        x
//   VCONST VECTORIZE GEP                          .         .          x        x
//   LOAD STORE                                    .         x          x        x
//   IF ENDIF BARRIER                              .         .          x        x
//
// Stage::Scheduling (the graph while rangeify runs) allows the Tensor and Rangeified ops.
//
// Beyond the op sets:
// - Tensor and Rangeified: the operands of INDEX are index-typed (multi-dimensional
//   indexing with symbolic index arithmetic).
// - Lowered and Linear: INDEX is pointer arithmetic, like tinygrad's programs:
//   INDEX(pointer, offset[, bool gate]) with one integer offset; it stays (rather than being
//   expanded to ADD on pointers) so a LOAD/STORE always names the buffer it touches, which
//   the bounds checks and the evaluators rely on.
// - Linear: no index dtype remains (codegen has chosen int32/int64), and REDUCE has become
//   explicit accumulators.
#pragma once
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "engine/ir/uop.h"

namespace rw {

enum class Stage : uint8_t {
  Tensor,      // before rangeify: movement ops, REDUCE_AXIS, BUFFER, CONTIGUOUS...
  Rangeified,  // after rangeify and kernel split: INDEX, RANGE, BUFFERIZE, REDUCE, STORE...
  Lowered,     // after codegen lowering: DEFINE_GLOBAL, loops, pointer INDEX, LOAD/STORE, IF
  Linear,      // the linearized program: lowered ops in execution order, no index dtype
  // Inside the rangeify pass: INDEX nodes are pushed through a tensor graph step by step, so
  // a snapshot holds both (the union of Tensor and Rangeified). Last, so the values above keep
  // their numbers.
  Scheduling,
};

std::string_view stage_name(Stage s);  // "tensor", "rangeified", "lowered", "linear"

struct Violation {
  UOpPtr node = nullptr;        // the offending node (valid while its arena lives)
  uint32_t node_id = 0;
  std::string node_summary;     // UOp::summary(): "CAST int32"
  std::vector<uint32_t> src_ids;
  std::string rule;             // "index-arith-dtype", "stage-op", "movement-arg", ...
  std::string message;          // what is wrong and what was expected

  // "node %7 CAST int32 (%5): <message>"
  std::string to_string() const;
};

// The first rule `node` breaks at `stage`, looking at the node and its direct sources only.
std::optional<Violation> verify_node(UOpPtr node, Stage stage);

// Every violation in the graph under root, children first.
std::vector<Violation> verify_graph(UOpPtr root, Stage stage);

// Verifies the nodes under `replacement` that are not in `seen`, adding each checked node to
// `seen`; stops at nodes already seen, so a pass pays only for the nodes its rewrites build.
// Returns the first violation, children first.
std::optional<Violation> verify_new_nodes(UOpPtr replacement, Stage stage, std::unordered_set<UOpPtr>& seen);

// A linearized program: every node verified for Stage::Linear, and every source defined
// before its use ("linear-order").
std::vector<Violation> verify_program(std::span<const UOpPtr> program);

class VerifyError;

// verify_graph for a pass's end: throws VerifyError(pass, step, the first violation, how many
// more) when the graph breaks any rule.
void verify_graph_or_throw(UOpPtr root, Stage stage, const std::string& pass, int64_t step);

// Thrown when verification is on and a pass produced a graph its stage does not allow.
class VerifyError : public std::runtime_error {
 public:
  // `step` is the number of rewrites the pass had applied when the violation was found.
  // `more` counts further violations found alongside this one (graph checks).
  VerifyError(std::string pass, int64_t step, Violation violation, size_t more = 0);

  const std::string& pass() const { return pass_; }
  int64_t step() const { return step_; }
  const Violation& violation() const { return violation_; }

 private:
  std::string pass_;
  int64_t step_;
  Violation violation_;
};

}  // namespace rw
