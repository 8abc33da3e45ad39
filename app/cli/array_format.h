// Short human-readable previews of arrays for the command line.
#pragma once
#include <string>

#include "engine/ir/host_array.h"

namespace rw::cli {

// "float32 (8, 8) [0.0123, 0.0334, ... 0.871]" with at most `max_values` values shown.
std::string preview(const HostArray& a, size_t max_values = 6);

}  // namespace rw::cli
