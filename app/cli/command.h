// A rewind subcommand: its name, one-line summary, usage, options and handler.
#pragma once
#include <string>
#include <vector>

#include "app/cli/options.h"

namespace rw::cli {

struct Command {
  std::string name;
  std::string summary;  // one line, for `rewind --help`
  std::string usage;    // "rewind simplify 'EXPR' --var X=LO..HI ... [-o FILE.rwd]"
  std::string details;  // paragraphs for `rewind CMD --help`
  std::vector<OptionSpec> options;
  int (*run)(const ParsedArgs& args) = nullptr;
};

// Every command, in the order `rewind --help` lists them.
const std::vector<Command>& commands();

// Each command file defines one of these.
Command simplify_command();
Command report_command();
Command run_command();
Command conformance_command();
Command view_command();
Command schedule_command();
Command bisect_command();
Command rerun_command();
Command why_command();
Command query_command();
Command diff_command();

}  // namespace rw::cli
