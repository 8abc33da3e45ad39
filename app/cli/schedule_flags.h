// The scheduler's numeric limits as command-line options, shared by `rewind run` and
// `rewind schedule`: --recompute-threshold N and --max-buffers N.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "app/cli/options.h"
#include "engine/schedule/schedule_program.h"

namespace rw::cli {

std::vector<OptionSpec> schedule_limit_options();
// `specs` followed by schedule_limit_options().
std::vector<OptionSpec> with_limits(std::vector<OptionSpec> specs);

// Reads the options into `opts` (leaving the defaults when absent) and appends them to the
// run's recorded options. Throws UsageError naming `command` for a value that is not a whole
// number >= 0.
void read_schedule_limits(const ParsedArgs& args, const std::string& command, ScheduleOptions& opts,
                          std::vector<std::pair<std::string, std::string>>& record);

}  // namespace rw::cli
