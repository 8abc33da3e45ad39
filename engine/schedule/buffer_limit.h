// The buffer-count limit per kernel (ScheduleOptions::max_buffers), decided on the tensor
// graph before rangeify: walking sources before users, each node's kernel region reads the
// program inputs and realized nodes below it up to other realized nodes. A node whose region
// would read more than the limit gets its costliest sources (those reading the most buffers)
// realized until it fits: they become kernels of their own, read as one buffer each.
// Internal to engine/schedule.
#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "engine/ir/uop.h"

namespace rw::sched {

// `realized`: nodes already realized for other reasons. Returns the further nodes to realize,
// each with a sentence saying why. Throws ScheduleError ("unsupported") when a single op reads
// more buffers than the limit allows even with every source realized.
std::unordered_map<UOpPtr, std::string> buffer_limit_plan(UOpPtr sink, const std::unordered_set<UOpPtr>& realized, int64_t max_buffers);

}  // namespace rw::sched
