#include "app/cli/run_number.h"

#include <charconv>

namespace rw::cli {

std::optional<int64_t> run_option(const ParsedArgs& args, const std::string& command, const std::string& option) {
  auto text = args.get(option);
  if (!text) return std::nullopt;
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || end != text->data() + text->size() || v < 1)
    throw UsageError("rewind " + command + ": --" + option + " takes a run id from 1 (see `rewind report FILE.rwd`), not '" + *text + "', e.g. --" +
                     option + " 1");
  return v;
}

}  // namespace rw::cli
