#include "engine/inspect/trace_points.h"

#include <algorithm>
#include <cctype>

namespace rw {

namespace {

std::string run_list(const std::vector<RunRow>& runs) {
  std::string out;
  for (const RunRow& r : runs) {
    if (!out.empty()) out += ", ";
    out += std::to_string(r.id) + " (" + r.command + (r.program_path.empty() ? "" : " " + r.program_path) + ")";
  }
  return out;
}

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

std::string pass_label(const PassRow& p) { return "pass " + std::to_string(p.id) + " (" + p.name + ")"; }

// The passes of the run, one per line, for error messages (capped: a compiled run has hundreds).
std::string pass_list(const std::vector<PassRow>& passes) {
  std::string out;
  size_t shown = 0;
  for (const PassRow& p : passes) {
    if (shown++ == 40) {
      out += "\n  ... and " + std::to_string(passes.size() - 40) + " more";
      break;
    }
    out += "\n  " + std::to_string(p.id) + "  " + std::string(size_t(2 * p.depth), ' ') + p.name + "  (" + std::to_string(p.step_count) + " steps)";
  }
  return out;
}

}  // namespace

RunRow pick_run(TraceReader& reader, std::optional<int64_t> wanted) {
  std::vector<RunRow> runs = reader.runs();
  if (runs.empty()) throw TraceError("trace " + reader.path() + " holds no runs yet; record one with `rewind run PROG.tg -o " + reader.path() + "`");
  if (!wanted) {
    if (runs.size() == 1) return runs[0];
    throw TraceError("trace " + reader.path() + " holds " + std::to_string(runs.size()) + " runs: " + run_list(runs) + "; choose one with --run N");
  }
  for (RunRow& r : runs)
    if (r.id == *wanted) return r;
  throw TraceError("trace " + reader.path() + " has no run " + std::to_string(*wanted) + "; its runs are " + run_list(runs));
}

PassRow pick_pass(TraceReader& reader, int64_t run_id, const std::string& spec) {
  std::vector<PassRow> passes = reader.passes(run_id);
  const std::string where = " in run " + std::to_string(run_id) + " of " + reader.path();
  if (all_digits(spec)) {
    int64_t id = std::stoll(spec);
    for (PassRow& p : passes)
      if (p.id == id) return p;
    throw TraceError("no pass " + spec + where + "; its passes are:" + pass_list(passes));
  }
  std::vector<const PassRow*> named;
  for (const PassRow& p : passes)
    if (p.name == spec) named.push_back(&p);
  if (named.size() == 1) return *named[0];
  // A pass and the passes of the same name nested inside it (a schedule step wrapping its
  // rewrite) have the same input and output: the name means the innermost.
  bool chain = named.size() > 1;
  for (size_t i = 1; i < named.size(); ++i) chain = chain && named[i]->parent_id == named[i - 1]->id;
  if (chain) return *named.back();
  if (named.empty()) throw TraceError("no pass named '" + spec + "'" + where + "; give a pass id or one of these names:" + pass_list(passes));
  std::string ids;
  for (const PassRow* p : named) ids += (ids.empty() ? "" : ", ") + std::to_string(p->id);
  throw TraceError(std::to_string(named.size()) + " passes are named '" + spec + "'" + where + " (ids " + ids + "); give the pass id instead");
}

std::string GraphPoint::label() const {
  if (output) return pass_label(pass) + " output";
  if (step == 0) return pass_label(pass) + " input";
  return pass_label(pass) + " after step " + std::to_string(step);
}

GraphPoint parse_graph_point(TraceReader& reader, int64_t run_id, const std::string& spec) {
  std::string pass_spec = spec, step_spec = "out";
  if (auto colon = spec.rfind(':'); colon != std::string::npos) {
    std::string tail = spec.substr(colon + 1);
    if (all_digits(tail) || tail == "in" || tail == "out") {
      pass_spec = spec.substr(0, colon);
      step_spec = tail;
    }
  }
  GraphPoint g;
  g.pass = pick_pass(reader, run_id, pass_spec);
  const std::string steps = "it has steps 0.." + std::to_string(g.pass.step_count) + ", `in` and `out`";
  if (step_spec == "out") {
    g.output = true;
    g.step = g.pass.step_count;
    if (!g.pass.output_root)
      throw TraceError(pass_label(g.pass) + " in " + reader.path() + " has no output graph (" +
                       (g.pass.ok == false ? "it failed: " + g.pass.error : std::string("it has not ended")) + "); " + steps);
  } else {
    g.step = step_spec == "in" ? 0 : std::stoll(step_spec);
    if (g.step > g.pass.step_count) throw TraceError("step " + step_spec + " is out of range for " + pass_label(g.pass) + " in " + reader.path() + ": " + steps);
    if (!g.pass.input_root) throw TraceError(pass_label(g.pass) + " in " + reader.path() + " has no input graph, so it has no steps to show; try `" + pass_spec + ":out`");
  }
  return g;
}

PointGraph load_graph(TraceReader& reader, const GraphPoint& point) {
  PointGraph g;
  if (point.output) {
    g.root = *point.pass.output_root;
    g.nodes = reader.graph_nodes(point.pass.run_id, g.root);
    return g;
  }
  GraphAt at = reader.graph_at(point.pass.id, point.step);
  g.root = at.root;
  g.nodes = std::move(at.nodes);
  return g;
}

}  // namespace rw
