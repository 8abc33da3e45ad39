#include "app/cli/query_output.h"

#include "app/cli/node_text.h"
#include "engine/trace/json_writer.h"

namespace rw::cli {

namespace {

std::string step_text(const StepRef& s) {
  std::string out = "pass " + std::to_string(s.pass_id) + " (" + s.pass_name + ") step " + std::to_string(s.step) + ": " +
                    (s.rule.empty() ? "rule " + std::to_string(s.rule_id) : s.rule);
  if (!s.rule_location.empty()) out += "  [" + s.rule_location + "]";
  return out + "  %" + std::to_string(s.matched) + " -> %" + std::to_string(s.replacement);
}

void write_step_json(JsonWriter& j, const StepRef& s) {
  j.begin_object();
  j.key("pass_id").value(s.pass_id).key("pass").value(s.pass_name).key("step").value(s.step);
  j.key("rule_id").value(s.rule_id).key("rule").value(s.rule).key("rule_location").value(s.rule_location);
  j.key("matched").value(s.matched).key("replacement").value(s.replacement);
  j.end_object();
}

void write_steps_json(JsonWriter& j, const std::vector<StepRef>& steps) {
  j.begin_array();
  for (const StepRef& s : steps) write_step_json(j, s);
  j.end_array();
}

std::string created_text(const NodeHistory& h) {
  switch (h.origin) {
    case Origin::Program: return "program: in the input of pass " + std::to_string(*h.created_in_pass) + ", the program as the frontend built it";
    case Origin::Step: return step_text(*h.created_by);
    case Origin::Pass:
      return std::string("pass ") + std::to_string(*h.created_in_pass) + ": first in its " + (h.created_in_output ? "output" : "input") +
             " graph, built outside any rewrite step";
    case Origin::Unused: return "unused: no pass graph or step of the run holds it";
  }
  return "";
}

}  // namespace

std::string history_text(const NodeHistory& h) {
  std::string out = "node " + std::to_string(h.node.id) + " of run " + std::to_string(h.run_id) + ": " + node_line(h.node) + "\n";
  out += "  srcs     [";
  for (size_t i = 0; i < h.node.srcs.size(); ++i) out += (i ? ", " : "") + std::to_string(h.node.srcs[i]);
  out += "]   hash " + std::to_string(h.node.hash) + "\n";
  if (!h.location.empty()) {
    out += "  source   " + h.location + "\n";
    if (!h.program_line.empty()) out += "           " + std::to_string(h.line) + " | " + h.program_line + "\n";
  }
  out += "  created  " + created_text(h) + "\n";
  if (h.removed_by)
    out += "  removed  " + step_text(*h.removed_by) + (h.removed_as_matched ? "  (rewritten: it was the matched node)\n" : "  (dropped: a user was rewritten without it)\n");
  else
    out += "  removed  never: it is in the graph of every pass that reached it, to the end\n";
  for (const StepRef& s : h.rewritten_by) out += "  matched  " + step_text(s) + "\n";
  for (const StepRef& s : h.replaced_in) out += "  result   " + step_text(s) + "\n";
  for (const DecisionRow& d : h.decisions) out += "  decision " + d.decision + " " + d.reason + ": " + d.detail + "\n";
  for (const std::string& k : h.kernels_computing) out += "  computed by kernel " + k + "\n";
  for (const std::string& k : h.kernels_in_ast) out += "  in the AST of kernel " + k + "\n";
  return out;
}

std::string history_json(const NodeHistory& h) {
  JsonWriter j;
  j.begin_object();
  j.key("run_id").value(h.run_id);
  j.key("node");
  write_node_json(j, h.node);
  j.key("location").value(h.location).key("line").value(h.line).key("program_line").value(h.program_line);
  j.key("created").begin_object().key("origin").value(origin_name(h.origin));
  if (h.created_by) write_step_json(j.key("step"), *h.created_by);
  if (h.created_in_pass) j.key("pass_id").value(*h.created_in_pass).key("in_output").value(h.created_in_output);
  j.end_object();
  j.key("removed");
  if (h.removed_by) {
    j.begin_object().key("how").value(h.removed_as_matched ? "rewritten" : "dropped");
    write_step_json(j.key("step"), *h.removed_by);
    j.end_object();
  } else {
    j.null();
  }
  write_steps_json(j.key("matched_in"), h.rewritten_by);
  write_steps_json(j.key("result_of"), h.replaced_in);
  j.key("decisions").begin_array();
  for (const DecisionRow& d : h.decisions) j.begin_object().key("decision").value(d.decision).key("reason").value(d.reason).key("detail").value(d.detail).end_object();
  j.end_array();
  j.key("kernels_computing").begin_array();
  for (const std::string& k : h.kernels_computing) j.value(k);
  j.end_array().key("kernels_in_ast").begin_array();
  for (const std::string& k : h.kernels_in_ast) j.value(k);
  j.end_array();
  j.end_object();
  return j.str() + "\n";
}

std::string search_text(const NodeSearch& s, int64_t run_id) {
  std::string out = std::to_string(s.total) + " node" + (s.total == 1 ? "" : "s") + " of run " + std::to_string(run_id);
  if (s.nodes.size() < s.total) out += " (showing " + std::to_string(s.nodes.size()) + "; raise --limit for more)";
  out += "\n";
  for (const NodeMatch& m : s.nodes) {
    out += "  " + node_line(m.node) + "\n";
    for (const std::string& n : m.notes) out += "      " + n + "\n";
  }
  return out;
}

std::string search_json(const NodeSearch& s, int64_t run_id) {
  JsonWriter j;
  j.begin_object().key("run_id").value(run_id).key("total").value(int64_t(s.total)).key("nodes").begin_array();
  for (const NodeMatch& m : s.nodes) {
    j.begin_object().key("node");
    write_node_json(j, m.node);
    j.key("notes").begin_array();
    for (const std::string& n : m.notes) j.value(n);
    j.end_array().end_object();
  }
  j.end_array().end_object();
  return j.str() + "\n";
}

}  // namespace rw::cli
