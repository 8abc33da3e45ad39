#include "app/cli/command.h"

namespace rw::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> all = {
      run_command(),
      schedule_command(),
      conformance_command(),
      simplify_command(),
      report_command(),
      bisect_command(),
      rerun_command(),
      why_command(),
      query_command(),
      diff_command(),
      view_command(),
  };
  return all;
}

}  // namespace rw::cli
