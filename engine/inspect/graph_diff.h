// Structural diff of two graphs, keyed by structural hash rather than by node ids or printed
// lines, so it compares graphs of different steps, passes, runs and trace files alike.
//
// Every node of each side gets a class:
//  - unchanged: a node with the same structure (hash) exists on the other side, so its whole
//    subgraph is unchanged too (the counterpart is that node);
//  - changed: it has no equal on the other side but stands where a node of the same op stands
//    there: the roots are paired, then, from every changed pair, their sources slot by slot
//    when both are not unchanged and have the same op (the counterpart is its pair);
//  - removed (left side only) / added (right side only): everything else.
// The maximal nodes of a class (none of their users on their side is of that class) are its
// roots: the removed and added subgraphs, the top of the changed spine, and the unchanged
// subgraphs. The innermost changed pairs (no source pair changed) are where an edit was made.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/trace/trace_records.h"

namespace rw {

enum class DiffClass { Unchanged, Changed, Removed, Added };
const char* diff_class_name(DiffClass c);  // "unchanged", "changed", "removed", "added"

struct NodeDiff {
  DiffClass cls = DiffClass::Unchanged;
  std::optional<int64_t> other;  // the counterpart's id on the other side (unchanged, changed)
};

struct GraphDiff {
  int64_t root_a = 0, root_b = 0;
  std::unordered_map<int64_t, NodeDiff> a, b;  // every node of each side, by its id
  // Roots of each class, ids of the side named, in id order.
  std::vector<int64_t> removed_roots;    // left
  std::vector<int64_t> added_roots;      // right
  std::vector<std::pair<int64_t, int64_t>> changed_roots;     // (left, right)
  std::vector<std::pair<int64_t, int64_t>> changed_innermost; // (left, right)
  std::vector<std::pair<int64_t, int64_t>> unchanged_roots;   // (left, right)
  bool identical() const { return removed_roots.empty() && added_roots.empty() && changed_roots.empty(); }
  size_t count(DiffClass c, bool left) const;
};

// Identity of a node for diffing: the stored structural hash when the node and all it depends
// on were stored by the engine, else a hash of its fields and its sources' identities
// (graph_at synthesizes a stand-in, with no hash, for a rebuilt parent the trace never stored).
// Two hashed nodes are equal when their hashes are; a node without one is equal to a node
// with the same fields and sources.
class NodeKeys {
 public:
  explicit NodeKeys(const std::vector<NodeRow>& nodes);
  uint64_t hash(int64_t id) const;     // engine hash (0 when not every node below is stored)
  uint64_t content(int64_t id) const;  // hash of fields and source contents, always set
  const NodeRow* row(int64_t id) const;

 private:
  std::unordered_map<int64_t, const NodeRow*> rows_;
  std::unordered_map<int64_t, std::pair<uint64_t, uint64_t>> keys_;  // id -> (hash, content)
};

// The nodes of both sides must each be closed under sources (a whole graph: graph_at, or
// graph_nodes of a root).
GraphDiff diff_graphs(const std::vector<NodeRow>& left, int64_t root_left, const std::vector<NodeRow>& right, int64_t root_right);

}  // namespace rw
