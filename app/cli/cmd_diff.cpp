// rewind diff: a structural diff of two graphs (steps of a pass, two passes, a pass in two
// runs or traces), or, with no graphs named, how two runs split the program into kernels.
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/diff_output.h"
#include "app/cli/run_number.h"

namespace rw::cli {
namespace {

int run(const ParsedArgs& args) {
  const auto& pos = args.positional;
  if (pos.empty() || pos.size() > 2)
    throw UsageError("rewind diff: expected one or two trace files, e.g. rewind diff a.rwd b.rwd, or rewind diff run.rwd --from rangeify:in --to rangeify:out");
  TraceReader reader_a(pos[0]);
  std::optional<TraceReader> second;
  if (pos.size() == 2) second.emplace(pos[1]);
  TraceReader& reader_b = second ? *second : reader_a;
  std::optional<int64_t> run_all = run_option(args, "diff");
  std::optional<int64_t> wanted_a = run_option(args, "diff", "run-a"), wanted_b = run_option(args, "diff", "run-b");
  RunRow run_a = pick_run(reader_a, wanted_a ? wanted_a : run_all);
  RunRow run_b = pick_run(reader_b, wanted_b ? wanted_b : run_all);
  const bool json = args.has("json");

  std::optional<std::string> from = args.get("from"), to = args.get("to");
  if (auto pass = args.get("pass")) {
    if (from || to) throw UsageError("rewind diff: give either --pass or --from/--to, not both");
    from = to = *pass;
  }
  if (!from && !to) {
    FusionComparison c = compare_fusion(reader_a, run_a.id, reader_b, run_b.id);
    std::cout << (json ? fusion_json(c) : fusion_text(c));
    return 0;
  }
  if (!from || !to) throw UsageError("rewind diff: --from and --to go together (each PASS[:STEP]); or use --pass PASS[:STEP] for the same pass on both sides");
  GraphPoint pa = parse_graph_point(reader_a, run_a.id, *from);
  GraphPoint pb = parse_graph_point(reader_b, run_b.id, *to);
  PointGraph ga = load_graph(reader_a, pa), gb = load_graph(reader_b, pb);
  GraphDiff d = diff_graphs(ga.nodes, ga.root, gb.nodes, gb.root);
  auto where = [](const GraphPoint& p, const TraceReader& r) { return p.label() + " of run " + std::to_string(p.pass.run_id) + " in " + r.path(); };
  DiffSides sides{where(pa, reader_a), where(pb, reader_b), &ga, &gb};
  size_t max_roots = 20;
  if (auto m = args.get("max-roots")) {
    try {
      max_roots = size_t(std::stoul(*m));
    } catch (const std::exception&) {
      throw UsageError("rewind diff: --max-roots takes a number, not '" + *m + "'");
    }
  }
  std::cout << (json ? graph_diff_json(d, sides) : graph_diff_text(d, sides, max_roots));
  return 0;
}

}  // namespace

Command diff_command() {
  return Command{
      "diff",
      "structural diff of two graphs of a trace (or of two traces), or compare how two runs fused into kernels",
      "rewind diff FILE.rwd --from PASS[:STEP] --to PASS[:STEP] [--run N] [--json] [--max-roots N]\n"
      "       rewind diff A.rwd B.rwd --pass PASS[:STEP] | --from PASS[:STEP] --to PASS[:STEP] [--run-a N] [--run-b M] [--json]\n"
      "       rewind diff A.rwd B.rwd [--run-a N] [--run-b M] [--json]",
      "With --from/--to (or --pass, the same graph on both sides): the nodes of the two graphs keyed by\n"
      "structural hash, never by id or line: unchanged, changed (in the place of a node of the same op),\n"
      "removed and added, with the roots of each. PASS is a pass id or a pass name unique in its run; STEP\n"
      "is a step number, `in` (the pass input) or `out` (its output, the default). --from names a graph\n"
      "of the first trace, --to one of the second (or of the first, when only one is given).\n"
      "With no graphs named: a fusion comparison of two runs (two traces, or --run-a/--run-b of one):\n"
      "kernels matched by the tensor node they write, kernels whose nodes the other run computes in other\n"
      "kernels with the decision reasons, buffers only one run allocates and their bytes, moved tensor\n"
      "nodes, and time deltas. docs/inspect.md has examples.",
      {
          {"from", "", "PASS[:STEP]", "the left graph (in the first trace)"},
          {"to", "", "PASS[:STEP]", "the right graph (in the second trace, if given)"},
          {"pass", "", "PASS[:STEP]", "the same graph on both sides (two runs or traces)"},
          {"run", "", "N", "the run of both sides"},
          {"run-a", "", "N", "the run of the first side"},
          {"run-b", "", "N", "the run of the second side"},
          {"max-roots", "", "N", "list at most N roots of each kind (default 20)"},
          {"json", "", "", "print JSON instead of text (graph diffs list every node's class)"},
      },
      run,
  };
}

}  // namespace rw::cli
