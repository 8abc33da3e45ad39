// The realize-decisions pass (realize_rules.cpp). Internal to engine/schedule.
#pragma once
#include "engine/ir/graph.h"
#include "engine/schedule/schedule_state.h"

namespace rw::sched {

// SINK(outputs) of a tensor graph -> the same graph with every node that must be a buffer
// wrapped in REALIZE (and CONTIGUOUS replaced by the REALIZE of its source).
// `origin` receives, for every rebuilt node, the node of the input graph it stands for.
UOpPtr realize_pass(UOpPtr sink, State& st, NodeMap& origin);

}  // namespace rw::sched
