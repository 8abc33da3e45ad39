// Finalizing the order. A block (the kernel body, or one loop) holds items: its own nodes
// and its child loops, each child loop emitted whole as RANGE, its block, END. Items are
// ordered by their dependencies; among ready items the one whose first node came first in
// the kernel's toposort goes first, so the order depends only on the graph.
#include <algorithm>
#include <set>
#include <unordered_map>

#include "engine/codegen/linearize.h"
#include "engine/ir/print.h"
#include "engine/rewrite/graph_rewrite.h"
#include "engine/trace/tracer.h"

namespace rw {

namespace {
class Orderer {
 public:
  Orderer(const BasicBlocks& b, const std::string& kernel) : b_(b), kernel_(kernel) {}

  void emit_block(UOpPtr loop, std::vector<UOpPtr>& out) {
    // The item of each node under `loop`: the node itself, or the child loop containing it.
    std::unordered_map<UOpPtr, UOpPtr> item_of;
    for (UOpPtr n : b_.nodes) {
      if (n->op == Op::RANGE && n == loop) continue;
      UOpPtr where = n->op == Op::END ? n->src[1] : n->op == Op::RANGE ? n : b_.block.at(n);
      // Walk up from the node's loop to the child of `loop` on the way, if any.
      UOpPtr child = nullptr;
      UOpPtr l = where;
      while (l && l != loop) child = l, l = b_.parent.at(l);
      if (l != loop) continue;  // not inside this block
      if (n->op == Op::END && where == loop) continue;
      item_of[n] = child ? child : n;
    }
    std::unordered_map<UOpPtr, std::set<UOpPtr>> deps;  // item -> items it waits for
    std::unordered_map<UOpPtr, size_t> first;           // item -> its earliest toposort index
    for (auto& [n, item] : item_of) {
      deps[item];
      size_t i = b_.topo_index.at(n);
      if (!first.count(item) || i < first[item]) first[item] = i;
      for (UOpPtr s : n->src)
        if (auto it = item_of.find(s); it != item_of.end() && it->second != item) deps[item].insert(it->second);
    }
    // Kahn's algorithm; ready items keyed by their first toposort index (unique per item).
    std::unordered_map<UOpPtr, std::vector<UOpPtr>> users;
    std::unordered_map<UOpPtr, size_t> waiting;
    std::set<std::pair<size_t, UOpPtr>> ready;
    for (auto& [item, waits] : deps) {
      waiting[item] = waits.size();
      for (UOpPtr w : waits) users[w].push_back(item);
      if (waits.empty()) ready.insert({first[item], item});
    }
    size_t emitted = 0;
    while (!ready.empty()) {
      UOpPtr best = ready.begin()->second;
      ready.erase(ready.begin());
      ++emitted;
      out.push_back(best);
      if (best->op == Op::RANGE) {
        emit_block(best, out);
        out.push_back(b_.end_of.at(best));
      }
      for (UOpPtr u : users[best])
        if (--waiting[u] == 0) ready.insert({first[u], u});
    }
    if (emitted < deps.size()) throw LinearizeError("kernel " + kernel_ + ": the nodes of one block depend on each other in a cycle");
  }

 private:
  const BasicBlocks& b_;
  const std::string& kernel_;
};
}  // namespace

std::vector<UOpPtr> finalize_order(const BasicBlocks& blocks, const std::string& kernel) {
  std::vector<UOpPtr> out;
  Orderer(blocks, kernel).emit_block(nullptr, out);
  return out;
}

std::vector<UOpPtr> linearize(UOpPtr sink, const std::string& kernel, const FaultSet& faults) {
  static const PatternMatcher merge_ends = merge_ends_rules();  // outlives the trace's rule references
  UOpPtr merged = graph_rewrite(sink, merge_ends, "merge block ends");
  BasicBlocks blocks;
  {
    PassScope pass("create basic blocks", "codegen", merged);
    blocks = create_basic_blocks(merged, kernel);
    if (faults.has("acc-reset-in-loop")) misplace_accumulator_resets(blocks, kernel);
    pass.finish(merged);
  }
  PassScope pass("finalize order", "codegen", merged);
  std::vector<UOpPtr> program = finalize_order(blocks, kernel);
  pass.finish(merged);
  return program;
}

std::string print_linear(const std::vector<UOpPtr>& program) {
  std::string out;
  int depth = 0;
  for (UOpPtr n : program) {
    if (n->op == Op::END) --depth;
    out += std::string(size_t(2 * std::max(depth, 0)), ' ') + node_line(n) + "\n";
    if (n->op == Op::RANGE) ++depth;
  }
  return out;
}

}  // namespace rw
