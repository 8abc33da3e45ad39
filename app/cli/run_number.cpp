#include "app/cli/run_number.h"

#include <charconv>

namespace rw::cli {

int64_t run_number(const ParsedArgs& args, const std::string& command) {
  auto text = args.get("run");
  if (!text) return 0;
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || end != text->data() + text->size() || v < 1)
    throw UsageError("rewind " + command + ": --run expects a run id from 1 (see `rewind report FILE.rwd`), got '" + *text + "'");
  return v;
}

}  // namespace rw::cli
