#include "viewers/compare_frame.h"

#include <functional>
#include <unordered_set>

#include "viewers/graph_loader.h"
#include "viewers/layered_layout.h"

namespace rw::viewer {
namespace {

// The graph in the order the scene expects, sources before users and the root last. A pass
// output comes in any order.
FrameGraph ordered(const PointGraph& g) {
  std::unordered_map<int64_t, const NodeRow*> by_id;
  for (const NodeRow& n : g.nodes) by_id[n.id] = &n;
  FrameGraph out;
  std::unordered_set<int64_t> seen;
  // Iterative post-order: graphs of big kernels are deep enough to matter for the stack.
  std::vector<std::pair<int64_t, size_t>> stack;
  if (by_id.count(g.root)) stack.push_back({g.root, 0});
  seen.insert(g.root);
  while (!stack.empty()) {
    auto& [id, next] = stack.back();
    const NodeRow* n = by_id.at(id);
    if (next < n->srcs.size()) {
      const int64_t s = n->srcs[next++];
      if (by_id.count(s) && seen.insert(s).second) stack.push_back({s, 0});
      continue;
    }
    out.position[id] = out.nodes.size();
    out.nodes.push_back(*n);
    stack.pop_back();
  }
  out.root = g.root;
  return out;
}

}  // namespace

std::shared_ptr<const GraphFrame> compare_frame(const PointGraph& graph, const std::unordered_map<int64_t, NodeDiff>& classes,
                                                const std::string& label, const LabelMetrics& metrics) {
  auto g = std::make_shared<const FrameGraph>(ordered(graph));
  auto picture = std::make_shared<PassPicture>();
  picture->input_root = g->root;
  auto frame = std::make_shared<GraphFrame>();
  frame->pass_name = label;
  frame->before_graph = frame->after_graph = g;
  for (const NodeRow& n : g->nodes)
    if (auto it = classes.find(n.id); it != classes.end()) frame->diff_classes[n.id] = it->second.cls;
  if (g->nodes.size() > GraphLoader::kMaxDrawableNodes) {
    picture->too_big_nodes = g->nodes.size();
    frame->before_graph = frame->after_graph = std::make_shared<const FrameGraph>();
  } else {
    for (const NodeRow& n : g->nodes) picture->nodes.emplace(n.id, n);
    LayoutInput input = layout_input(picture->nodes, metrics, &picture->copies);
    picture->layout = input.nodes.size() > GraphLoader::kMaxGraphvizNodes ? layered_layout(input) : layout_graph(input);
  }
  frame->picture = std::move(picture);
  return frame;
}

}  // namespace rw::viewer
