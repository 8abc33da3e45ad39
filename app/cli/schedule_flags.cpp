#include "app/cli/schedule_flags.h"

#include <charconv>

namespace rw::cli {

namespace {

int64_t whole_number(const ParsedArgs& args, const std::string& command, const std::string& name, int64_t fallback) {
  auto text = args.get(name);
  if (!text) return fallback;
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || end != text->data() + text->size() || v < 0)
    throw UsageError("rewind " + command + ": --" + name + " expects a whole number >= 0 (0 switches the limit off), got '" + *text + "'");
  return v;
}

}  // namespace

std::vector<OptionSpec> schedule_limit_options() {
  return {
      {"recompute-threshold", "", "N",
       "realize an expensive value (transcendental or reduce) that fusion would compute more than N times per element (default " +
           std::to_string(kDefaultRecomputeThreshold) + ", 0 = off; fusion rangeify only)"},
      {"max-buffers", "", "N", "at most N input buffers per kernel (default " + std::to_string(kDefaultMaxBuffers) + ", 0 = no limit)"},
  };
}

std::vector<OptionSpec> with_limits(std::vector<OptionSpec> specs) {
  for (OptionSpec& s : schedule_limit_options()) specs.push_back(std::move(s));
  return specs;
}

void read_schedule_limits(const ParsedArgs& args, const std::string& command, ScheduleOptions& opts,
                          std::vector<std::pair<std::string, std::string>>& record) {
  opts.recompute_threshold = whole_number(args, command, "recompute-threshold", opts.recompute_threshold);
  opts.max_buffers = whole_number(args, command, "max-buffers", opts.max_buffers);
  record.emplace_back("recompute-threshold", std::to_string(opts.recompute_threshold));
  record.emplace_back("max-buffers", std::to_string(opts.max_buffers));
}

}  // namespace rw::cli
