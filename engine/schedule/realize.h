// The realize-decisions pass (realize_rules.cpp). Internal to engine/schedule.
#pragma once
#include "engine/schedule/schedule_state.h"

namespace rw::sched {

// SINK(outputs) of a tensor graph -> the same graph with every node that must be a buffer
// wrapped in REALIZE (and CONTIGUOUS replaced by the REALIZE of its source).
UOpPtr realize_pass(UOpPtr sink, State& st);

}  // namespace rw::sched
