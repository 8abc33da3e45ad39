#include "engine/inspect/reach.h"

#include <vector>

namespace rw {

bool Reach::from(int64_t root) {
  // Stand-ins (negative ids) are not ordered by creation: no pruning below one.
  auto prunable = [&](int64_t id) { return target_ >= 0 && id >= 0 && id < target_; };
  if (root == target_) return true;
  if (prunable(root)) return false;
  if (auto it = known_.find(root); it != known_.end()) return it->second;
  struct Frame {
    int64_t id;
    std::vector<int64_t> srcs;
    size_t next = 0;
  };
  std::vector<Frame> stack;  // no recursion: graphs of long passes are deep chains
  auto enter = [&](int64_t id) {
    known_[id] = false;  // final once its sources are done: a DAG never leads back to it
    Frame f{id, {}, 0};
    if (auto n = reader_.node(run_id_, id)) f.srcs = n->srcs;
    stack.push_back(std::move(f));
  };
  enter(root);
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (f.next == f.srcs.size()) {
      stack.pop_back();
      continue;
    }
    int64_t c = f.srcs[f.next++];
    bool hit = c == target_;
    if (!hit && !prunable(c)) {
      auto it = known_.find(c);
      if (it == known_.end()) {
        enter(c);
        continue;
      }
      hit = it->second;
    }
    if (hit) {
      for (const Frame& g : stack) known_[g.id] = true;  // each reaches it through the next
      return true;
    }
  }
  return false;
}

}  // namespace rw
