// --run N (or --run-a / --run-b) for commands that read runs of a trace; absent: the trace's
// only run (engine/inspect/trace_points.h pick_run).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "app/cli/options.h"

namespace rw::cli {

// Throws UsageError naming the command and option when the value is not a run id from 1.
std::optional<int64_t> run_option(const ParsedArgs& args, const std::string& command, const std::string& option = "run");

}  // namespace rw::cli
