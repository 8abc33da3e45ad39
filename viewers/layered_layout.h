// A quick layered layout for graphs too big for Graphviz to lay out interactively (dot takes
// tens of seconds past ~1,000 nodes): ranks by longest path from the leaves, order within a
// rank by the mean position of the sources (two sweeps), straight edges. Same output as
// layout_graph, in milliseconds, with more crossings.
#pragma once
#include "viewers/graph_layout.h"

namespace rw::viewer {

GraphLayout layered_layout(const LayoutInput& input);

}  // namespace rw::viewer
