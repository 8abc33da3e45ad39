#include "engine/inspect/node_history.h"

#include <algorithm>
#include <climits>
#include <map>
#include <unordered_map>

#include "engine/inspect/reach.h"

namespace rw {

const char* origin_name(Origin o) {
  switch (o) {
    case Origin::Program: return "program";
    case Origin::Step: return "step";
    case Origin::Pass: return "pass";
    case Origin::Unused: return "unused";
  }
  return "?";
}

StepRef step_ref(const RunSteps& steps, const TimedStep& s) {
  StepRef r;
  r.pass_id = s.pass_id;
  if (auto p = steps.passes.find(s.pass_id); p != steps.passes.end()) r.pass_name = p->second.name;
  r.step = s.step;
  r.rule_id = s.rule_id;
  if (auto it = steps.rules.find(s.rule_id); it != steps.rules.end()) {
    r.rule = it->second.text;
    if (!it->second.file.empty()) r.rule_location = it->second.file + ":" + std::to_string(it->second.line);
  }
  r.matched = s.matched;
  r.replacement = s.replacement;
  return r;
}

namespace {

// "file:line:col" -> line (0 when the text is not of that form).
int64_t provenance_line(const std::string& p) {
  size_t last = p.rfind(':');
  if (last == std::string::npos || last == 0) return 0;
  size_t prev = p.rfind(':', last - 1);
  if (prev == std::string::npos) return 0;
  try {
    return std::stoll(p.substr(prev + 1, last - prev - 1));
  } catch (const std::exception&) {
    return 0;
  }
}

std::string nth_line(const std::string& text, int64_t line) {
  size_t start = 0;
  for (int64_t i = 1; i < line; ++i) {
    start = text.find('\n', start);
    if (start == std::string::npos) return "";
    ++start;
  }
  size_t end = text.find('\n', start);
  return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// Whether a pass's graph after `step` holds the node; snapshots are remembered, since the
// removal search asks about neighbouring steps.
class GraphMembership {
 public:
  GraphMembership(TraceReader& reader, int64_t node) : reader_(reader), node_(node) {}
  bool holds(const PassRow& pass, int64_t step) {
    if (!pass.input_root) return false;
    auto key = std::make_pair(pass.id, step);
    if (auto it = known_.find(key); it != known_.end()) return it->second;
    GraphAt g = reader_.graph_at(pass.id, step);
    bool in = std::any_of(g.nodes.begin(), g.nodes.end(), [&](const NodeRow& n) { return n.id == node_; });
    known_[key] = in;
    return in;
  }

 private:
  TraceReader& reader_;
  int64_t node_;
  std::map<std::pair<int64_t, int64_t>, bool> known_;
};

}  // namespace

NodeHistory node_history(TraceReader& reader, int64_t run_id, int64_t node_id) {
  return node_history(reader, load_run_steps(reader, run_id), node_id);
}

NodeHistory node_history(TraceReader& reader, const RunSteps& rs, int64_t id) {
  NodeHistory h;
  h.run_id = rs.run_id;
  const std::string run_name = "run " + std::to_string(rs.run_id) + " of " + reader.path();
  auto row = reader.node(rs.run_id, id);
  if (!row)
    throw TraceError(run_name + " stores no node " + std::to_string(id) +
                     "; node ids are per run (try --run N), and `rewind query " + reader.path() + " find --op OP` lists nodes that exist");
  h.node = *row;
  h.location = row->provenance;
  h.line = provenance_line(row->provenance);
  if (h.line > 0)
    for (const RunRow& r : reader.runs())
      if (r.id == rs.run_id) h.program_line = nth_line(r.program_text, h.line);

  Reach reach(reader, rs.run_id, id);
  for (const TimedStep& s : rs.steps) {
    if (s.matched == id) h.rewritten_by.push_back(step_ref(rs, s));
    if (s.replacement == id) h.replaced_in.push_back(step_ref(rs, s));
  }

  // Created: the program, a step, or a pass's own code.
  size_t search_from = 0;  // removal is looked for after the creation
  if (!rs.pass_order.empty()) {
    const PassRow& first = rs.passes.at(rs.pass_order.front());
    if (first.input_root && reach.from(*first.input_root)) {
      h.origin = Origin::Program;
      h.created_in_pass = first.id;
    }
  }
  if (h.origin == Origin::Unused) {
    int64_t newest_seen = INT64_MIN;  // the largest id any earlier step referred to
    for (size_t i = 0; i < rs.steps.size(); ++i) {
      const TimedStep& s = rs.steps[i];
      if (id >= 0 && newest_seen > id) break;  // it existed before this step
      if ((id < 0 || s.replacement >= id) && reach.from(s.replacement) && !reach.from(s.matched)) {
        h.origin = Origin::Step;
        h.created_by = step_ref(rs, s);
        search_from = i + 1;
        break;
      }
      newest_seen = std::max({newest_seen, s.matched, s.replacement});
      for (int64_t b : s.bound) newest_seen = std::max(newest_seen, b);
    }
  }
  if (h.origin == Origin::Unused)
    for (int64_t pid : rs.pass_order) {
      const PassRow& p = rs.passes.at(pid);
      bool in = p.input_root && reach.from(*p.input_root);
      bool out = !in && p.output_root && reach.from(*p.output_root);
      if (in || out) {
        h.origin = Origin::Pass;
        h.created_in_pass = p.id;
        h.created_in_output = out;
        break;
      }
    }

  // Removed: only a step whose matched subgraph holds the node can take it out of its pass's
  // graph (its replacement is rebuilt with the pass's other rewrites, so holding the node there
  // proves nothing). Per pass, in trace order: when the pass's last graph no longer holds it,
  // the first such step after which it stays out, found by bisection (a node out of a pass's
  // graph does not come back in practice), so a long pass costs a few snapshots.
  GraphMembership graph(reader, id);
  std::vector<int64_t> pass_seen;
  std::unordered_map<int64_t, std::vector<const TimedStep*>> candidates;
  for (size_t i = search_from; i < rs.steps.size(); ++i) {
    const TimedStep& s = rs.steps[i];
    if (!reach.from(s.matched)) continue;
    if (!candidates.count(s.pass_id)) pass_seen.push_back(s.pass_id);
    candidates[s.pass_id].push_back(&s);
  }
  for (int64_t pid : pass_seen) {
    const PassRow& p = rs.passes.at(pid);
    if (graph.holds(p, p.step_count)) continue;  // still there at the end of the pass
    const auto& c = candidates.at(pid);
    size_t lo = 0, hi = c.size();  // the first candidate whose graph no longer holds it
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      if (graph.holds(p, c[mid]->step)) lo = mid + 1;
      else hi = mid;
    }
    if (lo == c.size() || !graph.holds(p, c[lo]->step - 1)) continue;  // never in this pass's graph
    h.removed_by = step_ref(rs, *c[lo]);
    h.removed_as_matched = c[lo]->matched == id;
    break;
  }

  for (DecisionRow& d : reader.decisions(rs.run_id))
    if (d.node == id) h.decisions.push_back(std::move(d));
  for (const KernelRow& k : reader.kernels(rs.run_id)) {
    if (std::find(k.computes.begin(), k.computes.end(), id) != k.computes.end()) h.kernels_computing.push_back(k.name);
    if (k.ast_root && reach.from(*k.ast_root)) h.kernels_in_ast.push_back(k.name);
  }
  return h;
}

}  // namespace rw
