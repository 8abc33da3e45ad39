#include "engine/ir/graph.h"

#include <stdexcept>
#include <unordered_set>

#include "engine/ir/arena.h"

namespace rw {

std::vector<UOpPtr> toposort(std::span<const UOpPtr> roots) {
  // The walk's bookkeeping is kept per thread and reused: passes walk their graph again and
  // again, and a node set built per walk cost an allocation per node (a fifth of a short
  // scheduling run). The walk calls nothing that could start another walk on this thread.
  thread_local NodeTable<char> seen;
  thread_local std::vector<std::pair<UOpPtr, size_t>> stack;  // iterative: deep index chains must not overflow the stack
  // The order is gathered here and copied out at its final size: grown in the result, it
  // took one allocation per doubling, a dozen per walk of a few thousand nodes.
  thread_local std::vector<UOpPtr> order;
  seen.clear();
  stack.clear();
  order.clear();
  for (UOpPtr root : roots) {
    if (!root || !seen.emplace(root, 0).second) continue;
    stack.emplace_back(root, 0);
    while (!stack.empty()) {
      auto& [node, next] = stack.back();
      if (next < node->src.size()) {
        UOpPtr child = node->src[next++];
        if (seen.emplace(child, 0).second) stack.emplace_back(child, 0);
      } else {
        order.push_back(node);
        stack.pop_back();
      }
    }
  }
  return std::vector<UOpPtr>(order.begin(), order.end());
}

std::vector<UOpPtr> toposort(UOpPtr root) { return toposort(std::span<const UOpPtr>(&root, 1)); }

UOpPtr with_source_images(UOpPtr n, NodeTable<UOpPtr>& image, std::vector<UOpPtr>& scratch) {
  scratch.clear();
  bool changed = false;
  for (UOpPtr s : n->src) {
    UOpPtr i = *image.find(s);
    changed |= i != s;
    scratch.push_back(i);
  }
  return changed ? n->with_src(std::span<const UOpPtr>(scratch)) : n;
}

UOpPtr substitute(UOpPtr root, const NodeMap& map) {
  // A flat table and one source buffer: a node map and a vector per node cost an allocation
  // or two per node of the graph.
  NodeTable<UOpPtr> built;
  std::vector<UOpPtr> src;
  for (UOpPtr n : toposort(root)) {
    if (auto it = map.find(n); it != map.end()) {
      built.emplace(n, it->second);
      continue;
    }
    built.emplace(n, with_source_images(n, built, src));  // sources come first in toposort order
  }
  return *built.find(root);
}

UOpPtr apply_rewrites(UOpPtr root, const NodeMap& map) {
  if (map.empty()) return root;
  NodeMap done;
  std::unordered_set<UOpPtr> in_progress;  // guards against a rewrite cycle in `map`
  // Explicit stack of (node, phase): phase 0 = rebuild sources, phase 1 = follow the rewrite.
  struct Frame { UOpPtr node; int phase; UOpPtr rebuilt; };
  std::vector<Frame> stack{{root, 0, nullptr}};
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (done.count(f.node)) { stack.pop_back(); continue; }
    if (f.phase == 0) {
      bool pending = false;
      for (UOpPtr s : f.node->src)
        if (!done.count(s)) {
          if (in_progress.count(s)) throw std::runtime_error("apply_rewrites: rewrite cycle through " + s->summary());
          stack.push_back({s, 0, nullptr});
          pending = true;
        }
      if (pending) { in_progress.insert(f.node); continue; }
      Frame& g = stack.back();  // stack unchanged: f is still valid
      std::vector<UOpPtr> src;
      bool changed = false;
      for (UOpPtr s : g.node->src) {
        UOpPtr b = done.at(s);
        changed |= b != s;
        src.push_back(b);
      }
      g.rebuilt = changed ? g.node->with_src(std::move(src)) : g.node;
      g.phase = 1;
      continue;
    }
    // phase 1
    UOpPtr node = f.node, rebuilt = f.rebuilt;
    auto it = map.find(rebuilt);
    if (it == map.end() || it->second == rebuilt) {
      done[node] = rebuilt;
      in_progress.erase(node);
      stack.pop_back();
      continue;
    }
    UOpPtr target = it->second;
    if (auto d = done.find(target); d != done.end()) {
      done[node] = d->second;
      if (rebuilt != node) done[rebuilt] = d->second;
      in_progress.erase(node);
      stack.pop_back();
      continue;
    }
    if (in_progress.count(target) || target == node) throw std::runtime_error("apply_rewrites: rewrite cycle through " + target->summary());
    in_progress.insert(node);
    stack.push_back({target, 0, nullptr});
  }
  return done.at(root);
}

std::unordered_map<UOpPtr, std::vector<UOpPtr>> consumers(UOpPtr root) {
  std::unordered_map<UOpPtr, std::vector<UOpPtr>> out;
  for (UOpPtr n : toposort(root)) {
    out.try_emplace(n);
    for (UOpPtr s : n->src) {
      auto& v = out[s];
      if (v.empty() || v.back() != n) v.push_back(n);
    }
  }
  return out;
}

}  // namespace rw
