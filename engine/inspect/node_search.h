// Finding nodes of a run: by op, by a piece of their argument, by the rule that matched or
// created them, by the kernel whose AST holds them or that computes them. Filters combine:
// a node is listed when it passes every filter given.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/trace/trace_reader.h"

namespace rw {

struct NodeQuery {
  std::optional<std::string> op;           // exact op name, any case ("ADD", "add")
  std::optional<std::string> arg;          // substring of the argument text
  std::optional<std::string> rule;         // a rule id, or part of a rule family ("symbolic_div") or of a rule's text
  std::optional<std::string> kernel;       // nodes of this kernel's AST
  std::optional<std::string> computed_by;  // tensor nodes this kernel computes
  size_t limit = 0;                        // 0 = all
};

struct NodeMatch {
  NodeRow node;
  // Why a rule filter chose it: "matched at pass 6 step 3 (x+0 -> x)", "created at ...".
  std::vector<std::string> notes;
};

struct NodeSearch {
  std::vector<NodeMatch> nodes;  // id order
  size_t total = 0;              // matches before the limit
};

// Throws TraceError naming the run and listing valid values for an unknown op, rule or kernel.
NodeSearch find_nodes(TraceReader& reader, int64_t run_id, const NodeQuery& query);

}  // namespace rw
