// Naming the things of a trace the way people type them: a run (`--run 2`), a pass (its id,
// or its name when the run has only one pass of that name) and a graph of a pass at a step
// (`rangeify:12`, `rangeify:in`, `rangeify:out`). Every error names the file and lists what
// would have been valid, so a typo is one retry away.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/trace/trace_reader.h"

namespace rw {

// The run `wanted`, or the file's only run when none is given. Throws TraceError listing the
// runs when the run does not exist or when the file holds several and none was chosen.
RunRow pick_run(TraceReader& reader, std::optional<int64_t> wanted);

// A pass of `run_id` by id ("6") or by name ("rangeify", "codegen r_6_10"). A name shared by
// a pass and the passes nested in it (one chain, parent to child) means the innermost; any
// other name that several passes of the run share is an error listing their ids.
PassRow pick_pass(TraceReader& reader, int64_t run_id, const std::string& spec);

// One graph of a run: a pass's graph after `step` rewrites, or its output.
struct GraphPoint {
  PassRow pass;
  int64_t step = 0;     // 0 = the pass input
  bool output = false;  // the pass's output graph (its output_root)
  std::string label() const;  // "pass 6 (rangeify) after step 12", "... output"
};

// "PASS", "PASS:STEP", "PASS:in" or "PASS:out" (PASS alone means its output). A pass name may
// itself contain ':' ("opt: upcast"); only a last part that is a step number, `in` or `out`
// is read as the step.
GraphPoint parse_graph_point(TraceReader& reader, int64_t run_id, const std::string& spec);

// The nodes of that graph, root last for graph_at points (any order for outputs).
struct PointGraph {
  int64_t root = 0;
  std::vector<NodeRow> nodes;
};
PointGraph load_graph(TraceReader& reader, const GraphPoint& point);

}  // namespace rw
