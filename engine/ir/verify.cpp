// The verifier's driver: runs the stage rules and the typing rules on nodes and graphs, and
// turns what they find into Violations and VerifyErrors a person can act on.
#include "engine/ir/verify.h"

#include <unordered_map>

#include "engine/ir/graph.h"
#include "engine/ir/verify_rules.h"

namespace rw {

namespace {

Violation make_violation(UOpPtr checked, verify_detail::Problem p) {
  UOpPtr n = p.blame ? p.blame : checked;
  Violation v;
  v.node = n;
  v.node_id = n->id;
  v.node_summary = n->summary();
  for (UOpPtr s : n->src) v.src_ids.push_back(s->id);
  v.rule = std::move(p.rule);
  v.message = std::move(p.message);
  return v;
}

std::string error_message(const std::string& pass, int64_t step, const Violation& v, size_t more) {
  std::string s = "verify failed in pass '" + pass + "' at step " + std::to_string(step) + ": " + v.to_string() + " [rule " + v.rule + "]";
  if (more) s += "; " + std::to_string(more) + " more violation" + (more == 1 ? "" : "s") + " in the same graph";
  return s;
}

}  // namespace

std::string Violation::to_string() const {
  std::string s = "node %" + std::to_string(node_id) + " " + node_summary;
  if (!src_ids.empty()) {
    s += " (";
    for (size_t i = 0; i < src_ids.size(); ++i) s += (i ? ", %" : "%") + std::to_string(src_ids[i]);
    s += ")";
  }
  return s + ": " + message;
}

std::optional<Violation> verify_node(UOpPtr node, Stage stage) {
  // Stage first: an op that does not belong to the stage is the clearer message.
  if (auto p = verify_detail::check_stage(node, stage)) return make_violation(node, std::move(*p));
  if (auto p = verify_detail::check_typing(node)) return make_violation(node, std::move(*p));
  return std::nullopt;
}

std::vector<Violation> verify_graph(UOpPtr root, Stage stage) {
  std::vector<Violation> out;
  for (UOpPtr n : toposort(root))
    if (auto v = verify_node(n, stage)) out.push_back(std::move(*v));
  return out;
}

std::optional<Violation> verify_new_nodes(UOpPtr replacement, Stage stage, std::unordered_set<UOpPtr>& seen) {
  if (!replacement || seen.count(replacement)) return std::nullopt;
  // Children first, without recursion (index chains can be deep); seen nodes are not entered.
  std::vector<std::pair<UOpPtr, size_t>> stack{{replacement, 0}};
  seen.insert(replacement);
  while (!stack.empty()) {
    auto& [node, next] = stack.back();
    if (next < node->src.size()) {
      UOpPtr child = node->src[next++];
      if (seen.insert(child).second) stack.emplace_back(child, 0);
      continue;
    }
    UOpPtr done = node;
    stack.pop_back();
    if (auto v = verify_node(done, stage)) return v;
  }
  return std::nullopt;
}

std::vector<Violation> verify_program(std::span<const UOpPtr> program) {
  std::vector<Violation> out;
  std::unordered_map<UOpPtr, size_t> position;
  for (size_t i = 0; i < program.size(); ++i) position.emplace(program[i], i);
  for (size_t i = 0; i < program.size(); ++i) {
    UOpPtr n = program[i];
    if (auto v = verify_node(n, Stage::Linear)) out.push_back(std::move(*v));
    for (UOpPtr s : n->src) {
      auto it = position.find(s);
      if (it != position.end() && it->second < i) continue;
      std::string where = it == position.end() ? "is not in the program" : "comes later, at position " + std::to_string(it->second);
      out.push_back(make_violation(n, {"linear-order", "source %" + std::to_string(s->id) + " " + where + "; a linear program defines every value before its use (position " + std::to_string(i) + ")"}));
      break;
    }
  }
  return out;
}

void verify_graph_or_throw(UOpPtr root, Stage stage, const std::string& pass, int64_t step) {
  std::vector<Violation> found = verify_graph(root, stage);
  if (!found.empty()) throw VerifyError(pass, step, std::move(found.front()), found.size() - 1);
}

VerifyError::VerifyError(std::string pass, int64_t step, Violation violation, size_t more)
    : std::runtime_error(error_message(pass, step, violation, more)), pass_(std::move(pass)), step_(step), violation_(std::move(violation)) {}

}  // namespace rw
