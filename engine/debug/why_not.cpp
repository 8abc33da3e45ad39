#include "engine/debug/why_not.h"

#include "engine/debug/recorded_run.h"
#include "engine/debug/snapshots.h"
#include "engine/ir/graph.h"
#include "engine/ir/print.h"
#include "engine/trace/trace_error.h"

namespace rw {

std::string_view outcome_name(RuleAnswer::Outcome o) {
  switch (o) {
    case RuleAnswer::Outcome::Mismatch: return "mismatch";
    case RuleAnswer::Outcome::PatternMatches: return "pattern-matches";
    case RuleAnswer::Outcome::Fires: return "fires";
  }
  return "?";
}

namespace {

std::string location(const RuleInfo& info) { return info.file.empty() ? "" : info.file + ":" + std::to_string(info.line); }

// The node's structural hash, read from the trace's graph at that step (the id the viewer
// shows may be a node the reader rebuilt).
uint64_t traced_hash(TraceReader& reader, int64_t pass_id, int64_t step, int64_t node_id) {
  GraphAt g = reader.graph_at(pass_id, step);
  for (const NodeRow& n : g.nodes)
    if (n.id == node_id) return n.hash;
  throw TraceError("node " + std::to_string(node_id) + " is not in the graph of pass " + std::to_string(pass_id) + " at step " + std::to_string(step) +
                   " (" + std::to_string(g.nodes.size()) + " nodes); pick a node the viewer shows at that step");
}

}  // namespace

WhyNot why_not(TraceReader& reader, int64_t run_id, int64_t pass_id, int64_t step, int64_t node_id) {
  std::optional<PassRow> row = reader.pass(pass_id);
  if (!row) throw TraceError(reader.path() + " has no pass " + std::to_string(pass_id) + "; `rewind report` lists the passes");
  if (step < 0 || step > row->step_count)
    throw TraceError("pass " + std::to_string(pass_id) + " '" + row->name + "' has steps 0.." + std::to_string(row->step_count) + "; there is no step " +
                     std::to_string(step));
  const uint64_t hash = traced_hash(reader, pass_id, step, node_id);
  RecordedRun rec = record_run(reader, run_id ? run_id : row->run_id);
  const int index = rec.index_of(pass_id);
  if (index < 0) throw ReproduceError("the replay stopped before pass " + std::to_string(pass_id) + ": " + rec.error);
  const RecordedPass& pass = rec.recorder->passes()[size_t(index)];
  if (!pass.rules)
    throw std::invalid_argument("pass " + std::to_string(pass_id) + " '" + pass.name + "' is a " + pass.kind +
                                " pass, not a rewrite pass: it applies no rules; pick one of its rewrite passes");

  Snapshots snaps(rec.recorder->passes());
  UOpPtr node = nullptr;
  for (UOpPtr n : toposort(snaps.local(index, step)))
    if (n->hash == hash) node = n;
  if (!node) throw ReproduceError("node " + std::to_string(node_id) + " of the trace is not in the replayed graph of pass " + std::to_string(pass_id) + " at step " + std::to_string(step));

  WhyNot w;
  w.run_id = rec.run_id();
  w.pass_id = pass_id;
  w.pass = pass.name;
  w.step = step;
  w.node_id = node_id;
  w.node = node_line(node);
  // The next step of this pass that rewrites the node, if any.
  int64_t next_step = 0;
  const Rule* next_rule = nullptr;
  for (size_t i = size_t(step); i < pass.steps.size() && !next_step; ++i)
    if (pass.steps[i].matched == node) {
      next_step = int64_t(i) + 1;
      for (const RulePtr& r : pass.rules->rules())
        if (&r->info == pass.steps[i].rule) next_rule = r.get();
      w.next = "step " + std::to_string(next_step) + " rewrites it with '" + (pass.steps[i].rule ? pass.steps[i].rule->text : "?") + "'";
    }
  if (!next_step) w.next = "no later step of this pass rewrites it";

  // Rules are tried in table order: one after the rule that fired never got its turn.
  bool after_next = false;
  for (const RulePtr& r : pass.rules->rules()) {
    if (r.get() == next_rule) after_next = true;
    if (!r->pattern.root_any_op() && !r->pattern.root_ops().contains(node->op)) {
      ++w.other_rules;
      continue;
    }
    RuleAnswer a;
    a.rule = r->info.text;
    a.location = location(r->info);
    a.detail = r->pattern.explain_mismatch(node);
    if (!a.detail.empty()) {
      a.outcome = RuleAnswer::Outcome::Mismatch;
    } else if (r.get() == next_rule) {
      a.outcome = RuleAnswer::Outcome::Fires;
      a.detail = "fires at step " + std::to_string(next_step);
    } else {
      a.outcome = RuleAnswer::Outcome::PatternMatches;
      a.detail = after_next ? "the pattern matches, but '" + next_rule->info.text + "', earlier in the table, rewrites the node first (step " +
                                  std::to_string(next_step) + ")"
                            : "the pattern matches, but the rule's own condition declined (its function returned no rewrite), or the node's "
                              "sources were not final yet";
    }
    w.rules.push_back(std::move(a));
  }
  return w;
}

}  // namespace rw
