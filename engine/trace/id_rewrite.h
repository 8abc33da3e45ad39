// apply_rewrites at the level of trace node ids, without creating engine nodes. The tracer
// uses it to compute checkpoints and the reader to rebuild a snapshot from a checkpoint, so
// both follow exactly the same rules (those of engine/ir/graph.h apply_rewrites).
#pragma once
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

namespace rw {

// A graph of nodes known by id. Negative ids are synthesized nodes: stand-ins for a node the
// trace had not stored when they were made. They are provisional: whenever one is met it is
// resolved again through rebuild(), so it becomes the stored node once there is one. Implementations decide where nodes come from (the writer's
// live nodes, the reader's tables) and what a node that does not exist yet becomes.
class IdGraph {
 public:
  virtual ~IdGraph() = default;
  virtual std::vector<int64_t> srcs(int64_t id) = 0;
  // The node equal to `like` except for its sources: an existing node with those fields if
  // there is one (preferring a stored node over a synthesized one), else a newly synthesized
  // node (negative id).
  virtual int64_t rebuild(int64_t like, const std::vector<int64_t>& srcs) = 0;
};

// Which node a node was rewritten to, if it was (matched -> replacement).
class IdRewrites {
 public:
  virtual ~IdRewrites() = default;
  virtual std::optional<int64_t> find(int64_t matched) const = 0;
};

using IdMap = std::unordered_map<int64_t, int64_t>;

class IdMapRewrites : public IdRewrites {
 public:
  explicit IdMapRewrites(const IdMap& m) : m_(m) {}
  std::optional<int64_t> find(int64_t matched) const override {
    auto it = m_.find(matched);
    return it == m_.end() ? std::nullopt : std::optional<int64_t>(it->second);
  }

 private:
  const IdMap& m_;
};

// The graph under `root` after the rewrites (matched -> replacement): every node is rebuilt
// from its rebuilt sources and, when the rebuilt node was rewritten, replaced by the
// rewrite's result, itself rebuilt the same way. Throws TraceError on a rewrite cycle.
int64_t apply_rewrites_by_id(int64_t root, const IdRewrites& rewrites, IdGraph& g);
inline int64_t apply_rewrites_by_id(int64_t root, const IdMap& map, IdGraph& g) {
  if (map.empty()) return root;
  return apply_rewrites_by_id(root, IdMapRewrites(map), g);
}

// Children before parents, siblings in source order, root last (the engine's toposort order).
std::vector<int64_t> toposort_by_id(int64_t root, IdGraph& g);

}  // namespace rw
