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
  options.rules_per_pass = args.has("rules");
  if (auto pass = args.get("pass")) {
    try {
      size_t used = 0;
      options.pass = std::stoll(*pass, &used);
      if (used != pass->size()) throw std::invalid_argument("trailing text");
    } catch (const std::exception&) {
      throw UsageError("rewind report: --pass takes a pass id (a number, as listed by --rules or --json), not '" + *pass + "'");
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
      "summarize a trace: runs, the pass tree, most-fired rules, rule statistics, kernels, timings, checks",
      "rewind report FILE.rwd [--json] [--top N] [--rules | --pass ID]",
      "Reads the trace read-only; works on a trace that is still being written. Rule statistics\n"
      "(tries, hits, hit rate, time per rule) are shown per run; --rules adds them per pass.",
      {
          {"json", "", "", "print JSON instead of text"},
          {"top", "", "N", "how many rules to list: most-fired, and rows per rule statistics table (default 10)"},
          {"rules", "", "", "rule statistics for every pass, not only per run"},
          {"pass", "", "ID", "rule statistics of this pass only (ids are in --rules and --json)"},
      },
      run,
  };
}

}  // namespace rw::cli
