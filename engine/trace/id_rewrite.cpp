#include "engine/trace/id_rewrite.h"

#include <string>
#include <unordered_set>

#include "engine/trace/trace_error.h"

namespace rw {

int64_t apply_rewrites_by_id(int64_t root, const IdRewrites& map, IdGraph& g) {
  std::unordered_map<int64_t, int64_t> done;
  std::unordered_set<int64_t> in_progress;  // guards against a rewrite cycle in `map`
  // Explicit stack (deep index chains must not overflow the call stack). phase 0 = rebuild
  // sources, phase 1 = follow the rewrite of the rebuilt node.
  struct Frame {
    int64_t node;
    int phase;
    int64_t rebuilt;
    std::vector<int64_t> srcs;
  };
  std::vector<Frame> stack;
  stack.push_back({root, 0, 0, g.srcs(root)});
  auto cycle = [](int64_t id) { return TraceError("rewrite cycle through node " + std::to_string(id) + " while rebuilding a snapshot; the trace's steps rewrite a node back into itself"); };
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (done.count(f.node)) {
      stack.pop_back();
      continue;
    }
    if (f.phase == 0) {
      bool pending = false;
      std::vector<int64_t> todo;
      for (int64_t s : f.srcs)
        if (!done.count(s)) {
          if (in_progress.count(s)) throw cycle(s);
          todo.push_back(s);
        }
      if (!todo.empty()) {
        in_progress.insert(f.node);
        for (int64_t s : todo) stack.push_back({s, 0, 0, g.srcs(s)});
        pending = true;
      }
      if (pending) continue;
      std::vector<int64_t> src;
      src.reserve(f.srcs.size());
      bool changed = false;
      for (int64_t s : f.srcs) {
        int64_t b = done.at(s);
        changed |= b != s;
        src.push_back(b);
      }
      f.rebuilt = changed || f.node < 0 ? g.rebuild(f.node, src) : f.node;
      f.phase = 1;
      continue;
    }
    int64_t node = f.node, rebuilt = f.rebuilt;
    std::optional<int64_t> image = map.find(rebuilt);
    if (!image || *image == rebuilt) {
      done[node] = rebuilt;
      in_progress.erase(node);
      stack.pop_back();
      continue;
    }
    int64_t target = *image;
    if (auto d = done.find(target); d != done.end()) {
      done[node] = d->second;
      if (rebuilt != node) done[rebuilt] = d->second;
      in_progress.erase(node);
      stack.pop_back();
      continue;
    }
    if (in_progress.count(target) || target == node) throw cycle(target);
    in_progress.insert(node);
    stack.push_back({target, 0, 0, g.srcs(target)});
  }
  return done.at(root);
}

std::vector<int64_t> toposort_by_id(int64_t root, IdGraph& g) {
  std::vector<int64_t> order;
  std::unordered_set<int64_t> seen{root};
  struct Frame {
    int64_t node;
    std::vector<int64_t> srcs;
    size_t next;
  };
  std::vector<Frame> stack;
  stack.push_back({root, g.srcs(root), 0});
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (f.next < f.srcs.size()) {
      int64_t child = f.srcs[f.next++];
      if (seen.insert(child).second) stack.push_back({child, g.srcs(child), 0});
    } else {
      order.push_back(f.node);
      stack.pop_back();
    }
  }
  return order;
}

}  // namespace rw
