// Whole-graph utilities: deterministic toposort and substitution.
#pragma once
#include <functional>
#include <unordered_map>
#include <vector>

#include "engine/ir/node_table.h"
#include "engine/ir/uop.h"

namespace rw {

// Children before parents; siblings in source order; the root last. Deterministic: depends
// only on the graph's structure, never on pointer values.
std::vector<UOpPtr> toposort(UOpPtr root);
std::vector<UOpPtr> toposort(std::span<const UOpPtr> roots);

using NodeMap = std::unordered_map<UOpPtr, UOpPtr>;

// `n` rebuilt on the images of its sources in `image` (every source must have one), or `n`
// itself when every source is its own image. `scratch` holds the new sources: one buffer
// for a whole walk instead of a vector per node.
UOpPtr with_source_images(UOpPtr n, NodeTable<UOpPtr>& image, std::vector<UOpPtr>& scratch);

// Rebuilds `root` with each node found in `map` replaced by its image (one level: images
// are not substituted again).
UOpPtr substitute(UOpPtr root, const NodeMap& map);

// The graph after a sequence of rewrites: every node is rebuilt from its rebuilt sources and,
// when the result was rewritten, replaced by the rewrite's result, itself rebuilt the same
// way. This is the graph a rewrite pass holds after the rewrites in `map` were applied.
UOpPtr apply_rewrites(UOpPtr root, const NodeMap& map);

// Nodes that use each node (within the graph under root), in toposort order.
std::unordered_map<UOpPtr, std::vector<UOpPtr>> consumers(UOpPtr root);

}  // namespace rw
