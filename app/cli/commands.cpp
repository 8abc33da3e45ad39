#include "app/cli/command.h"

namespace rw::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> all = {
      simplify_command(),
      report_command(),
  };
  return all;
}

}  // namespace rw::cli
