// --run N for commands that read one run of a trace (0: the trace's last run).
#pragma once
#include <cstdint>
#include <string>

#include "app/cli/options.h"

namespace rw::cli {

int64_t run_number(const ParsedArgs& args, const std::string& command);

}  // namespace rw::cli
