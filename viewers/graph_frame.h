// What the graph view shows for one step of a pass: the graph before and after the step,
// the nodes the rule matched (before) and the replacement subgraph (after), and the pass's
// picture (one Graphviz layout of the union of the pass's graphs) the nodes are placed on.
//
// Graphs carry stable keys instead of raw ids: a node the trace stored keeps its id; a node
// the reader synthesized for one snapshot (negative id, unique only within that snapshot)
// gets a negative key that is the same for equal nodes across every step of the pass.
#pragma once
#include <QRectF>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "engine/inspect/graph_diff.h"
#include "engine/trace/trace_records.h"
#include "viewers/graph_layout.h"
#include "viewers/node_label.h"

namespace rw::viewer {

struct DiffLine;

struct FrameGraph {
  std::vector<NodeRow> nodes;  // ids and srcs are keys; children first, root last
  std::unordered_map<int64_t, size_t> position;  // key -> index in nodes
  int64_t root = 0;
  bool contains(int64_t key) const { return position.count(key) > 0; }
  const NodeRow* find(int64_t key) const;
  std::vector<int64_t> users_of(int64_t key) const;
};

// Per pass: gives synthesized nodes keys that stay the same across steps.
class StableKeys {
 public:
  FrameGraph normalize(const GraphAt& g);

 private:
  std::map<std::string, int64_t> synthesized_;  // node fields with keyed sources -> key
  int64_t next_ = -1;
};

// One Graphviz layout for a pass, shared by every frame of the pass. It holds the nodes the
// trace stored (the pass input and what rules built), never the parents the reader rebuilt
// for one snapshot: those differ at every step, would multiply the picture, and are drawn
// where the node they were rebuilt from is.
struct LeafCopy {
  int64_t leaf = 0, user = 0;
};

struct PassPicture {
  int64_t pass_id = 0;
  int64_t input_root = 0;
  // Layout keys are node keys, except for leaves (no sources: constants, variables) that
  // several nodes use: those are drawn once above each user, under a layout key far below
  // every node key.
  // One constant shared by hundreds of nodes would otherwise pull edges across the whole
  // picture, and Graphviz spends minutes routing them.
  GraphLayout layout;
  std::unordered_map<int64_t, LeafCopy> copies;  // layout key -> the leaf and the user it is drawn for
  std::unordered_map<int64_t, NodeRow> nodes;  // every laid-out node, by key (for labels)
  std::vector<int64_t> sampled_steps;          // the snapshots whose union was laid out
  // Nonzero when the pass input alone has more nodes than the viewer draws: the pass is
  // then stepped through by its rules and steps only.
  size_t too_big_nodes = 0;
};

struct GraphFrame {
  int64_t pass_id = 0, step = 0, step_count = 0;
  std::string pass_name;
  // Shared with the loader's cache of recent snapshots (no copy per frame); the same graph
  // at step 0 (the pass input).
  std::shared_ptr<const FrameGraph> before_graph = std::make_shared<const FrameGraph>();
  std::shared_ptr<const FrameGraph> after_graph = before_graph;
  const FrameGraph& before() const { return *before_graph; }
  const FrameGraph& after() const { return *after_graph; }
  std::unordered_set<int64_t> matched;      // in `before`: the matched root, bound nodes and the pattern between
  std::unordered_set<int64_t> replacement;  // in `after`: the replacement and every node new in this step
  std::optional<int64_t> matched_root, replacement_root;
  std::optional<StepRow> step_row;
  // The step's text diff (see graph_diff.h), made with the frame off the UI thread: a step
  // that rebuilds a big graph changes thousands of lines. Null at step 0.
  std::shared_ptr<const std::vector<DiffLine>> diff;
  std::shared_ptr<const PassPicture> picture;
  // Boxes for nodes of this frame that are not in the picture (the union was sampled):
  // placed where the node they stand for was, or below their sources.
  std::unordered_map<int64_t, QRectF> provisional;
  // Set by the compare view: each node's class in a structural diff against the other run's
  // graph, highlighted instead of the step's match and replacement.
  std::unordered_map<int64_t, DiffClass> diff_classes;
};

// The matched pattern in `before`: walk down from the matched root, stopping at bound nodes.
std::unordered_set<int64_t> matched_nodes(const FrameGraph& before, int64_t matched, const std::vector<int64_t>& bound);
// The replacement root and every node of `after` that `before` does not have.
std::unordered_set<int64_t> replacement_nodes(const FrameGraph& before, const FrameGraph& after, int64_t replacement);

// Boxes for the nodes of `g` the picture lacks. A rebuilt node is matched to the node it was
// rebuilt from by walking down from the root alongside the picture (the root stands for the
// pass input's root, the i-th source for the i-th source) and drawn at its place, beside it
// when that node is shown too; anything else goes below its sources.
std::unordered_map<int64_t, QRectF> place_missing(const FrameGraph& g, const PassPicture& picture,
                                                  const std::unordered_map<int64_t, QRectF>& already, const LabelMetrics& metrics);

// The Graphviz input for a set of nodes: canonical order (by key), label-sized boxes, a copy
// of each shared leaf per user (recorded in *copies).
LayoutInput layout_input(const std::unordered_map<int64_t, NodeRow>& nodes, const LabelMetrics& metrics,
                         std::unordered_map<int64_t, LeafCopy>* copies);

}  // namespace rw::viewer
