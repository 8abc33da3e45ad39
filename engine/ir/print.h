// Readable text forms of a graph.
#pragma once
#include <string>

#include "engine/ir/uop.h"

namespace rw {

// One line per node in toposort order, children first, numbered by arena id:
//   %3 = ADD index (%1, %2)
//   %1 = DEFINE_VAR index ('x', 0, 15)
// This is the text form the viewer shows and the trace stores for a node.
std::string print_graph(UOpPtr root);
std::string node_line(UOpPtr node);  // the one-line form of one node

// Infix form for index/ALU expressions: "((x*4)+y)//4". Nodes it cannot write infix appear
// as OP(src, ...) so the output is always complete.
std::string render_expr(UOpPtr node);
// The same, `max_depth` levels deep: deeper nodes with sources are written as "%<id>" (the
// node's id), so a rewrite deep in a big graph still reads as a line.
std::string render_expr(UOpPtr node, int max_depth);

}  // namespace rw
