// rewind query FILE.rwd node ID | find ...: where a node came from and went, and which nodes
// have an op, an argument, a rule or a kernel in common.
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/query_output.h"
#include "app/cli/run_number.h"
#include "engine/inspect/trace_points.h"

namespace rw::cli {
namespace {

int64_t number(const std::string& what, const std::string& text, const std::string& example) {
  try {
    size_t used = 0;
    int64_t v = std::stoll(text, &used);
    if (used == text.size()) return v;
  } catch (const std::exception&) {
  }
  throw UsageError("rewind query: " + what + " must be a number, not '" + text + "', e.g. " + example);
}

int run(const ParsedArgs& args) {
  const auto& pos = args.positional;
  if (pos.size() < 2)
    throw UsageError("rewind query: expected a trace and a question, e.g. rewind query out/run.rwd node 12, or rewind query out/run.rwd find --op ADD");
  TraceReader reader(pos[0]);
  RunRow run = pick_run(reader, run_option(args, "query"));
  const bool json = args.has("json");
  if (pos[1] == "node") {
    if (pos.size() != 3) throw UsageError("rewind query: 'node' takes one node id, e.g. rewind query " + pos[0] + " node 12");
    for (const char* o : {"op", "arg", "rule", "kernel", "computed-by", "limit"})
      if (args.has(o)) throw UsageError(std::string("rewind query: --") + o + " belongs to 'find', not 'node'");
    NodeHistory h = node_history(reader, run.id, number("the node id", pos[2], "node 12"));
    std::cout << (json ? history_json(h) : history_text(h));
    return 0;
  }
  if (pos[1] == "find") {
    if (pos.size() != 2) throw UsageError("rewind query: 'find' takes options only (--op, --arg, --rule, --kernel, --computed-by), not '" + pos[2] + "'");
    NodeQuery q;
    if (auto v = args.get("op")) q.op = *v;
    if (auto v = args.get("arg")) q.arg = *v;
    if (auto v = args.get("rule")) q.rule = *v;
    if (auto v = args.get("kernel")) q.kernel = *v;
    if (auto v = args.get("computed-by")) q.computed_by = *v;
    if (!q.op && !q.arg && !q.rule && !q.kernel && !q.computed_by)
      throw UsageError("rewind query: 'find' needs at least one of --op, --arg, --rule, --kernel, --computed-by");
    q.limit = size_t(number("--limit", args.get_or("limit", "200"), "--limit 50"));
    NodeSearch s = find_nodes(reader, run.id, q);
    std::cout << (json ? search_json(s, run.id) : search_text(s, run.id));
    return 0;
  }
  throw UsageError("rewind query: unknown question '" + pos[1] + "'; ask 'node ID' or 'find --op OP ...'");
}

}  // namespace

Command query_command() {
  return Command{
      "query",
      "a node's history (created by, removed by, back to its .tg line), or find nodes by op, argument, rule, kernel",
      "rewind query FILE.rwd node ID [--run N] [--json]\n"
      "       rewind query FILE.rwd find [--op OP] [--arg TEXT] [--rule RULE] [--kernel NAME] [--computed-by NAME]\n"
      "                                  [--limit N] [--run N] [--json]",
      "node ID: the step (or the program, or the pass) that created the node, the step that removed it\n"
      "from its pass's graph, every step that matched it or produced it, the decisions and kernels about\n"
      "it, and the program line it comes from. Node ids are per run (--run N when the trace has several).\n"
      "find: nodes passing every filter given: --op (exact, any case), --arg (part of the argument text),\n"
      "--rule (a rule id, family or part of its text: the nodes its steps matched or created), --kernel\n"
      "(the nodes of that kernel's AST), --computed-by (the tensor nodes that kernel computes).\n"
      "docs/inspect.md defines each answer precisely.",
      {
          {"run", "", "N", "the run to look in (needed when the trace holds several)"},
          {"op", "", "OP", "find: nodes with this op (ADD, REDUCE_AXIS...)"},
          {"arg", "", "TEXT", "find: nodes whose argument contains TEXT"},
          {"rule", "", "RULE", "find: nodes matched or created by steps of this rule (id, family or text)"},
          {"kernel", "", "NAME", "find: nodes of this kernel's AST"},
          {"computed-by", "", "NAME", "find: tensor-graph nodes this kernel computes"},
          {"limit", "", "N", "find: print at most N nodes (default 200; 0 = all)"},
          {"json", "", "", "print JSON instead of text"},
      },
      run,
  };
}

}  // namespace rw::cli
