// rewind report FILE.rwd: what a trace holds, for people or (with --json) for programs.
#include <iostream>

#include "app/cli/command.h"
#include "engine/trace/report.h"
#include "engine/trace/trace_reader.h"

namespace rw::cli {
namespace {

int run(const ParsedArgs& args) {
  if (args.positional.size() != 1) throw UsageError("rewind report: expected one trace file, e.g. rewind report out/run.rwd");
  ReportOptions options;
  if (auto top = args.get("top")) {
    try {
      options.top_rules = size_t(std::stoul(*top));
    } catch (const std::exception&) {
      throw UsageError("rewind report: --top takes a number of rules, not '" + *top + "'");
    }
  }
  TraceReader reader(args.positional[0]);
  std::cout << (args.has("json") ? report_json(reader, options) : report_text(reader, options));
  return 0;
}

}  // namespace

Command report_command() {
  return Command{
      "report",
      "summarize a trace: runs, the pass tree, most-fired rules, kernels, timings, checks",
      "rewind report FILE.rwd [--json] [--top N]",
      "Reads the trace read-only; works on a trace that is still being written.",
      {
          {"json", "", "", "print JSON instead of text"},
          {"top", "", "N", "how many of the most-fired rules to list (default 10)"},
      },
      run,
  };
}

}  // namespace rw::cli
