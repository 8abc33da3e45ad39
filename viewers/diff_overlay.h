// The structural-diff overlay: the shown graph coloured by how it differs from a reference
// graph (the pass input, or the graph before the step), by structural hash
// (engine/inspect/graph_diff.h): added, changed and unchanged nodes get a colour each; the
// reference's removed nodes have no place in the picture and are listed beside it.
#pragma once
#include <QColor>
#include <QString>
#include <memory>
#include <unordered_map>
#include <vector>

#include "engine/inspect/graph_diff.h"
#include "viewers/graph_frame.h"

namespace rw::viewer {

enum class DiffReference { PassInput, StepBefore };

struct DiffOverlay {
  int64_t pass_id = 0, step = 0;
  bool after_side = true;  // which side of the step was compared
  DiffReference reference = DiffReference::PassInput;
  std::unordered_map<int64_t, DiffClass> classes;  // every node of the shown graph, by key
  std::vector<NodeRow> removed;                    // reference nodes removed, in id order
  size_t removed_roots = 0;
  size_t count(DiffClass c) const;
  std::vector<int64_t> keys(DiffClass c) const;  // sorted
};

// Both graphs closed under sources (FrameGraph nodes are).
DiffOverlay diff_overlay(const FrameGraph& reference, const FrameGraph& shown);

QColor diff_class_fill(DiffClass c, bool dark);
// The side panel: what was compared with what, the counts and the removed nodes.
QString diff_overlay_html(const DiffOverlay& overlay, const QString& pass_name);

}  // namespace rw::viewer
