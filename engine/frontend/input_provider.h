// Where load(path) gets its array when not from the file: a re-run from a trace takes the
// arrays the trace recorded, so it needs nothing but the trace.
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "engine/ir/host_array.h"

namespace rw {

// The array for load(path), by the path as written in the program; nullopt: read the file.
using InputProvider = std::function<std::optional<HostArray>(const std::string& path)>;

}  // namespace rw
