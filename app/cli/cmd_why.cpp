// rewind why FILE.rwd PASS:STEP --node ID: why didn't a rule fire on this node?
#include <charconv>
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/run_number.h"
#include "engine/debug/why_not.h"
#include "engine/inspect/trace_points.h"
#include "engine/trace/json_writer.h"

namespace rw::cli {
namespace {

int64_t node_id(const ParsedArgs& args) {
  auto text = args.get("node");
  if (!text) throw UsageError("rewind why: say which node with --node ID (the id the viewer and `rewind query` show)");
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || end != text->data() + text->size()) throw UsageError("rewind why: --node takes a node id, e.g. --node 42; got '" + *text + "'");
  return v;
}

std::string to_json(const WhyNot& w) {
  JsonWriter j;
  j.begin_object();
  j.key("run").value(w.run_id);
  j.key("pass_id").value(w.pass_id);
  j.key("pass").value(w.pass);
  j.key("step").value(w.step);
  j.key("node_id").value(w.node_id);
  j.key("node").value(w.node);
  j.key("next").value(w.next);
  j.key("other_rules").value(w.other_rules);
  j.key("rules").begin_array();
  for (const RuleAnswer& a : w.rules) {
    j.begin_object();
    j.key("rule").value(a.rule);
    j.key("location").value(a.location);
    j.key("outcome").value(outcome_name(a.outcome));
    j.key("detail").value(a.detail);
    j.end_object();
  }
  j.end_array();
  j.end_object();
  return j.str();
}

void print_text(const WhyNot& w) {
  std::cout << "node " << w.node_id << " at pass " << w.pass_id << " '" << w.pass << "' step " << w.step << ":\n  " << w.node << "\n";
  std::cout << w.next << "\n\n";
  std::cout << w.rules.size() << " rule(s) of the pass can apply to its op (" << w.other_rules << " others are for other ops):\n";
  for (const RuleAnswer& a : w.rules) {
    std::cout << "  [" << outcome_name(a.outcome) << "] " << a.rule << (a.location.empty() ? "" : "  (" + a.location + ")") << "\n";
    std::cout << "      " << a.detail << "\n";
  }
}

int run(const ParsedArgs& args) {
  if (args.positional.size() != 2)
    throw UsageError("rewind why: expected a trace and a pass step, e.g. rewind why out/run.rwd symbolic:3 --node 42");
  const int64_t id = node_id(args);
  TraceReader reader(args.positional[0]);
  RunRow run = pick_run(reader, run_option(args, "why"));
  GraphPoint at = parse_graph_point(reader, run.id, args.positional[1]);
  const int64_t step = at.output ? at.pass.step_count : at.step;
  WhyNot w = why_not(reader, run.id, at.pass.id, step, id);  // errors: main prints "rewind why: ..."
  if (args.has("json")) std::cout << to_json(w) << "\n";
  else print_text(w);
  return 0;
}

}  // namespace

Command why_command() {
  return Command{
      "why",
      "why didn't a rule fire on a node? every rule of the pass for its op, and where each pattern fails",
      "rewind why FILE.rwd PASS:STEP --node ID [--run N] [--json]",
      "Replays the run from the trace, takes the pass's graph after STEP rewrites (PASS by id or name; STEP a number, `in` or "
      "`out`), finds node ID there and asks each rule of the pass whose pattern can match the node's op: the first sub-pattern "
      "that fails (on which node, wanting what), or that the pattern matches and whether the rule fires later or declines.",
      {
          {"node", "", "ID", "the node (its id in the trace, as the viewer and `rewind query` show it)"},
          {"run", "", "N", "the run (default: the trace's only run)"},
          {"json", "", "", "print JSON"},
      },
      run,
  };
}

}  // namespace rw::cli
