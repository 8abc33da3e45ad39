// One side of the compare view as a frame the graph scene draws: a graph of one run (a pass's
// output or a step of it), laid out on its own, every node highlighted by its class in the
// structural diff against the other run's graph (unchanged nodes plain).
#pragma once
#include <memory>
#include <string>
#include <unordered_map>

#include "engine/inspect/graph_diff.h"
#include "engine/inspect/trace_points.h"
#include "viewers/graph_frame.h"

namespace rw::viewer {

// Ids are the keys (a pass output holds stored nodes only; a step's rebuilt nodes have
// negative ids, unique within the graph). A graph bigger than GraphLoader::kMaxDrawableNodes
// gets a picture marked too big and no layout; past kMaxGraphvizNodes the layered layout.
std::shared_ptr<const GraphFrame> compare_frame(const PointGraph& graph, const std::unordered_map<int64_t, NodeDiff>& classes,
                                                const std::string& label, const LabelMetrics& metrics);

}  // namespace rw::viewer
