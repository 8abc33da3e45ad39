// Where a node of a run came from and where it went: the step (or the program, or the pass)
// that created it, the step that removed it, the steps that rewrote it, the decisions and
// kernels about it, and the .tg line it traces back to. docs/inspect.md gives the exact
// definitions; in short, in trace order (engine/inspect/run_steps.h):
//
//  created  - `program` when it is in the input graph of the run's first pass (the program as
//             the frontend built it); else `step`: the first step whose replacement subgraph
//             holds it while its matched subgraph does not, before any step referred to a
//             node created after it (ids are creation indices: from then on it already
//             existed); else `pass`: the first pass whose input or output graph holds it
//             (built by a pass's own code, e.g. REALIZE by realize decisions); else `unused`.
//  removed  - in the first pass (in trace order of its steps) whose last graph no longer holds
//             it: the step after which it is out of that pass's graph for good
//             (graph_at(pass, step - 1) holds it, graph_at(pass, step) does not, nor any
//             later). Only a step whose matched subgraph holds it can remove it. `rewritten`
//             when it was the matched node itself, `dropped` when a user of it was rewritten
//             into a graph without it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/inspect/run_steps.h"
#include "engine/trace/trace_reader.h"

namespace rw {

// One step, with what a person needs to find it again.
struct StepRef {
  int64_t pass_id = 0;
  std::string pass_name;
  int64_t step = 0;
  int64_t rule_id = 0;
  std::string rule;           // the rule as algebra
  std::string rule_location;  // "engine/rewrite/symbolic.cpp:40", empty when unknown
  int64_t matched = 0, replacement = 0;
};
StepRef step_ref(const RunSteps& steps, const TimedStep& s);

enum class Origin { Program, Step, Pass, Unused };
const char* origin_name(Origin o);  // "program", "step", "pass", "unused"

struct NodeHistory {
  int64_t run_id = 0;
  NodeRow node;
  std::string location;      // provenance "file:line:col", empty when none
  int64_t line = 0;          // its line, 0 when none
  std::string program_line;  // the text of that line in the run's program, when stored

  Origin origin = Origin::Unused;
  std::optional<StepRef> created_by;      // origin Step
  std::optional<int64_t> created_in_pass; // origin Program (the first pass) or Pass
  bool created_in_output = false;         // origin Pass: first seen in that pass's output

  std::optional<StepRef> removed_by;
  bool removed_as_matched = false;  // rewritten (the matched node), else dropped
  std::vector<StepRef> rewritten_by;  // every step whose matched node it was
  std::vector<StepRef> replaced_in;   // every step whose replacement it was

  std::vector<DecisionRow> decisions;        // scheduling decisions about it
  std::vector<std::string> kernels_computing;  // kernels whose `computes` lists it
  std::vector<std::string> kernels_in_ast;     // kernels whose AST holds it
};

// Throws TraceError naming the file and the run when the node is not stored.
NodeHistory node_history(TraceReader& reader, int64_t run_id, int64_t node_id);
NodeHistory node_history(TraceReader& reader, const RunSteps& steps, int64_t node_id);

}  // namespace rw
