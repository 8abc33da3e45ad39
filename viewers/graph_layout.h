// Hierarchical layout of a graph with Graphviz dot. Input: nodes with their box sizes and
// edges; output: node boxes and edge Bézier paths in points, y pointing down (Qt's way).
// Graphviz is neither thread-safe nor cancellable: calls are serialized process-wide, and
// the viewer makes them from one worker thread only.
#pragma once
#include <QPointF>
#include <QRectF>
#include <cstdint>
#include <stdexcept>
#include <unordered_map>
#include <vector>

namespace rw::viewer {

struct LayoutNode {
  int64_t key = 0;
  double width = 0, height = 0;  // points
};

// An edge from a node's source to the node: data flows down the picture.
struct LayoutEdge {
  int64_t from = 0, to = 0;
};

struct LayoutInput {
  std::vector<LayoutNode> nodes;  // laid out in this order (keep it canonical: stable pictures)
  std::vector<LayoutEdge> edges;
};

struct EdgePath {
  int64_t from = 0, to = 0;
  std::vector<QPointF> bezier;  // 1 + 3k cubic Bézier control points, ending at the arrowhead's base
  QPointF arrow_tip;            // where the arrowhead points (the `to` node's border)
};

struct GraphLayout {
  std::unordered_map<int64_t, QRectF> nodes;  // key -> box
  std::vector<EdgePath> edges;
  QRectF bounds;
};

class LayoutError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

GraphLayout layout_graph(const LayoutInput& input);

}  // namespace rw::viewer
