#include <algorithm>
#include <functional>
#include <unordered_map>
#include <unordered_set>

#include "app/cli/diff_output.h"
#include "app/cli/node_text.h"
#include "engine/trace/json_writer.h"

namespace rw::cli {

namespace {

using Rows = std::unordered_map<int64_t, const NodeRow*>;

Rows rows_of(const PointGraph& g) {
  Rows r;
  for (const NodeRow& n : g.nodes) r[n.id] = &n;
  return r;
}

// Nodes of the same class reachable from `root` through nodes of that class: the size of the
// subgraph a root stands for.
size_t class_size(int64_t root, const Rows& rows, const std::unordered_map<int64_t, NodeDiff>& cls) {
  DiffClass c = cls.at(root).cls;
  std::unordered_set<int64_t> seen{root};
  std::vector<int64_t> todo{root};
  while (!todo.empty()) {
    int64_t id = todo.back();
    todo.pop_back();
    for (int64_t s : rows.at(id)->srcs)
      if (auto it = cls.find(s); it != cls.end() && it->second.cls == c && seen.insert(s).second) todo.push_back(s);
  }
  return seen.size();
}

std::string list_roots(const std::string& title, const std::vector<int64_t>& roots, const Rows& rows, const std::unordered_map<int64_t, NodeDiff>& cls, size_t max_roots) {
  if (roots.empty()) return "";
  std::string out = title + " (" + std::to_string(roots.size()) + "):\n";
  for (size_t i = 0; i < roots.size() && i < max_roots; ++i) {
    size_t n = class_size(roots[i], rows, cls);
    out += "  " + node_line(*rows.at(roots[i])) + "   " + std::to_string(n) + " node" + (n == 1 ? "" : "s") + "\n";
  }
  if (roots.size() > max_roots) out += "  ... " + std::to_string(roots.size() - max_roots) + " more (--max-roots N)\n";
  return out;
}

std::string list_pairs(const std::string& title, const std::vector<std::pair<int64_t, int64_t>>& pairs, const Rows& ra, const Rows& rb, size_t max_roots) {
  if (pairs.empty()) return "";
  std::string out = title + " (" + std::to_string(pairs.size()) + "):\n";
  for (size_t i = 0; i < pairs.size() && i < max_roots; ++i)
    out += "  " + node_line(*ra.at(pairs[i].first)) + "\n    -> " + node_line(*rb.at(pairs[i].second)) + "\n";
  if (pairs.size() > max_roots) out += "  ... " + std::to_string(pairs.size() - max_roots) + " more (--max-roots N)\n";
  return out;
}

}  // namespace

std::string graph_diff_text(const GraphDiff& d, const DiffSides& s, size_t max_roots) {
  Rows ra = rows_of(*s.a), rb = rows_of(*s.b);
  std::string out = "from  " + s.label_a + "  (" + std::to_string(s.a->nodes.size()) + " nodes)\n" + "to    " + s.label_b + "  (" +
                    std::to_string(s.b->nodes.size()) + " nodes)\n";
  if (d.identical()) return out + "no differences: the two graphs have the same structure (root hash on both sides)\n";
  out += "left:  " + std::to_string(d.count(DiffClass::Unchanged, true)) + " unchanged, " + std::to_string(d.count(DiffClass::Changed, true)) +
         " changed, " + std::to_string(d.count(DiffClass::Removed, true)) + " removed\n";
  out += "right: " + std::to_string(d.count(DiffClass::Unchanged, false)) + " unchanged, " + std::to_string(d.count(DiffClass::Changed, false)) +
         " changed, " + std::to_string(d.count(DiffClass::Added, false)) + " added\n";
  out += list_pairs("changed roots", d.changed_roots, ra, rb, max_roots);
  out += list_pairs("innermost changes", d.changed_innermost, ra, rb, max_roots);
  out += list_roots("removed subgraphs", d.removed_roots, ra, d.a, max_roots);
  out += list_roots("added subgraphs", d.added_roots, rb, d.b, max_roots);
  out += "unchanged subgraphs: " + std::to_string(d.unchanged_roots.size()) + "\n";
  auto stand_ins = [](const PointGraph& g) { return std::any_of(g.nodes.begin(), g.nodes.end(), [](const NodeRow& n) { return n.id < 0; }); };
  if (stand_ins(*s.a) || stand_ins(*s.b))
    out += "(negative ids: parents the reader rebuilt for this snapshot; the trace stores no node for them)\n";
  return out;
}

std::string graph_diff_json(const GraphDiff& d, const DiffSides& s) {
  Rows ra = rows_of(*s.a), rb = rows_of(*s.b);
  JsonWriter j;
  j.begin_object();
  j.key("from").value(s.label_a).key("to").value(s.label_b);
  j.key("root_from").value(d.root_a).key("root_to").value(d.root_b);
  j.key("identical").value(d.identical());
  auto pairs = [&](const char* k, const std::vector<std::pair<int64_t, int64_t>>& v) {
    j.key(k).begin_array();
    for (auto [x, y] : v) j.begin_array().value(x).value(y).end_array();
    j.end_array();
  };
  auto ids = [&](const char* k, const std::vector<int64_t>& v) {
    j.key(k).begin_array();
    for (int64_t x : v) j.value(x);
    j.end_array();
  };
  pairs("changed_roots", d.changed_roots);
  pairs("changed_innermost", d.changed_innermost);
  ids("removed_roots", d.removed_roots);
  ids("added_roots", d.added_roots);
  pairs("unchanged_roots", d.unchanged_roots);
  // Every node of each side with its class and counterpart: what an overlay colours.
  auto side = [&](const char* k, const std::unordered_map<int64_t, NodeDiff>& cls, const Rows& rows) {
    std::vector<int64_t> order;
    for (const auto& [id, nd] : cls) order.push_back(id);
    std::sort(order.begin(), order.end());
    j.key(k).begin_array();
    for (int64_t id : order) {
      const NodeDiff& nd = cls.at(id);
      j.begin_object().key("id").value(id).key("op").value(rows.at(id)->op).key("class").value(diff_class_name(nd.cls)).key("other");
      if (nd.other) j.value(*nd.other);
      else j.null();
      j.end_object();
    }
    j.end_array();
  };
  side("nodes_from", d.a, ra);
  side("nodes_to", d.b, rb);
  j.end_object();
  return j.str() + "\n";
}

}  // namespace rw::cli
