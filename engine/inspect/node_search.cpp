#include "engine/inspect/node_search.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace rw {

namespace {

std::string upper(std::string s) {
  for (char& c : s) c = char(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string joined(const std::vector<std::string>& v, size_t cap = 30) {
  std::string out;
  for (size_t i = 0; i < v.size() && i < cap; ++i) out += (i ? ", " : "") + v[i];
  if (v.size() > cap) out += ", ... (" + std::to_string(v.size() - cap) + " more)";
  return out;
}

using Candidates = std::map<int64_t, std::vector<std::string>>;  // id -> notes

// Op and argument filters run in SQL over the node blocks: no node is decoded in C++.
std::set<int64_t> by_op_and_arg(TraceReader& reader, int64_t run_id, const NodeQuery& q, const std::string& run_name) {
  std::optional<int64_t> op_id;
  if (q.op) {
    Stmt st(reader.db(), "SELECT id FROM strings WHERE text = ?");
    st.bind(1, upper(*q.op));
    if (st.step()) op_id = st.i64(0);
    bool used = false;
    if (op_id) {
      Stmt any(reader.db(), "SELECT 1 FROM uops WHERE run_id = ? AND op = ? LIMIT 1");
      any.bind(1, run_id).bind(2, *op_id);
      used = any.step();
    }
    if (!used) {
      std::vector<std::string> ops;
      Stmt all(reader.db(), "SELECT DISTINCT s.text FROM uops u JOIN strings s ON s.id = u.op WHERE u.run_id = ? ORDER BY s.text");
      all.bind(1, run_id);
      while (all.step()) ops.push_back(all.text(0));
      throw TraceError("no node of " + run_name + " has op '" + upper(*q.op) + "'; its ops are " + joined(ops, 200));
    }
  }
  std::set<int64_t> out;
  Stmt st(reader.db(), "SELECT DISTINCT id FROM uops WHERE run_id = ?1 AND (?2 IS NULL OR op = ?2) AND (?3 IS NULL OR instr(arg, ?3) > 0)");
  st.bind(1, run_id).bind(2, op_id).bind(3, q.arg);
  while (st.step()) out.insert(st.i64(0));
  return out;
}

Candidates by_rule(TraceReader& reader, int64_t run_id, const std::string& rule, const std::string& run_name) {
  std::map<int64_t, std::string> rules;  // id -> text
  for (const RuleRow& r : reader.rules(run_id))
    if (std::to_string(r.id) == rule || r.family.find(rule) != std::string::npos || r.text.find(rule) != std::string::npos) rules[r.id] = r.text;
  if (rules.empty()) {
    std::vector<std::string> fired;
    for (const RuleRow& r : reader.rules(run_id))
      if (r.fire_count > 0) fired.push_back(std::to_string(r.id) + " '" + r.text + "' (" + r.family + ")");
    throw TraceError("no rule of " + run_name + " matches '" + rule + "' (a rule id, a family, or part of a rule's text); rules that fired: " +
                     joined(fired, 20));
  }
  Candidates out;
  Stmt st(reader.db(), "SELECT s.pass_id, s.step, s.rule_id, s.matched, s.replacement FROM steps s "
                       "WHERE s.pass_id IN (SELECT id FROM " + reader.run_passes(run_id) + ") ORDER BY s.pass_id, s.step");
  while (st.step()) {
    auto r = rules.find(st.i64(2));
    if (r == rules.end()) continue;
    const std::string at = " at pass " + std::to_string(st.i64(0)) + " step " + std::to_string(st.i64(1)) + " (" + r->second + ")";
    int64_t matched = st.i64(3), replacement = st.i64(4);
    out[matched].push_back("matched" + at);
    // Created by the step: the replacement's nodes newer than the matched node (which existed
    // before the step, so everything the step built has a larger id).
    std::vector<int64_t> todo{replacement};
    std::set<int64_t> seen;
    while (!todo.empty()) {
      int64_t id = todo.back();
      todo.pop_back();
      if (id <= matched || !seen.insert(id).second) continue;
      auto n = reader.node(run_id, id);
      if (!n) continue;
      out[id].push_back("created" + at);
      for (int64_t s : n->srcs) todo.push_back(s);
    }
  }
  return out;
}

const KernelRow& pick_kernel(const std::vector<KernelRow>& kernels, const std::string& name, const std::string& run_name) {
  for (const KernelRow& k : kernels)
    if (k.name == name) return k;
  std::vector<std::string> names;
  for (const KernelRow& k : kernels) names.push_back(k.name);
  throw TraceError("no kernel named '" + name + "' in " + run_name + "; " + (names.empty() ? "the run made no kernels" : "its kernels are " + joined(names)));
}

}  // namespace

NodeSearch find_nodes(TraceReader& reader, int64_t run_id, const NodeQuery& q) {
  const std::string run_name = "run " + std::to_string(run_id) + " of " + reader.path();
  std::optional<Candidates> picked;  // the filters applied so far
  auto narrow = [&](Candidates c) {
    if (!picked) {
      picked = std::move(c);
      return;
    }
    Candidates both;
    for (auto& [id, notes] : *picked)
      if (auto it = c.find(id); it != c.end()) {
        notes.insert(notes.end(), it->second.begin(), it->second.end());
        both.emplace(id, std::move(notes));
      }
    picked = std::move(both);
  };
  if (q.rule) narrow(by_rule(reader, run_id, *q.rule, run_name));
  if (q.kernel || q.computed_by) {
    std::vector<KernelRow> kernels = reader.kernels(run_id);
    if (q.kernel) {
      const KernelRow& k = pick_kernel(kernels, *q.kernel, run_name);
      Candidates c;
      if (k.ast_root)
        for (const NodeRow& n : reader.graph_nodes(run_id, *k.ast_root)) c[n.id];
      narrow(std::move(c));
    }
    if (q.computed_by) {
      Candidates c;
      for (int64_t id : pick_kernel(kernels, *q.computed_by, run_name).computes) c[id];
      narrow(std::move(c));
    }
  }
  if (q.op || q.arg || !picked) {
    Candidates c;
    for (int64_t id : by_op_and_arg(reader, run_id, q, run_name)) c[id];
    narrow(std::move(c));
  }
  NodeSearch out;
  out.total = picked->size();
  for (auto& [id, notes] : *picked) {
    if (q.limit && out.nodes.size() >= q.limit) break;
    auto n = reader.node(run_id, id);
    if (!n) continue;
    out.nodes.push_back({std::move(*n), std::move(notes)});
  }
  return out;
}

}  // namespace rw
