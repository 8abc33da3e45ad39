// The graph of one step drawn on the pass's picture. Items for every node of the picture
// are made once per pass; a step only changes which are visible and highlighted, so
// stepping is cheap and the picture stays put. Nodes outside the picture (the union was
// sampled) get items for the frame that shows them.
#pragma once
#include <QGraphicsScene>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "viewers/graph_frame.h"
#include "viewers/graph_items.h"

namespace rw::viewer {

enum class FrameSide { Before, After };

class GraphScene : public QGraphicsScene {
  Q_OBJECT
 public:
  explicit GraphScene(QObject* parent = nullptr);

  void showFrame(std::shared_ptr<const GraphFrame> frame);
  void setSide(FrameSide side);
  // Rebuilds every item with the current palette's colours (light/dark switch).
  void restyle();
  FrameSide side() const { return side_; }
  const GraphFrame* frame() const { return frame_.get(); }
  const FrameGraph* shownGraph() const;  // the side on screen

  std::vector<int64_t> visibleNodeKeys() const;  // sorted
  bool hasVisibleNodes() const;
  std::vector<int64_t> highlightedKeys() const;  // sorted
  int visibleEdgeCount() const;
  NodeItem* nodeItem(int64_t key) const;  // a visible item of the node if any, else any; nullptr when unknown
  QRectF visibleBounds() const;

  void markNodes(const std::vector<int64_t>& keys);  // search hits, the clicked node
  std::vector<int64_t> markedKeys() const;
  // Fills by node key that replace the op colours (the diff overlay); empty: op colours.
  void setOverlayFills(std::unordered_map<int64_t, QColor> fills);
  bool hasOverlay() const { return !overlay_.empty(); }
  std::vector<int64_t> visibleKeysFilled(const QColor& fill) const;  // sorted

 signals:
  void nodeClicked(int64_t key);
  void nodeContextMenuRequested(int64_t key, QPoint screen_pos);

 protected:
  void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
  void contextMenuEvent(QGraphicsSceneContextMenuEvent* event) override;

 private:
  struct ProvisionalNode {
    const NodeRow* node;
    QRectF box;
    std::optional<int64_t> user;  // a copy of a shared leaf: the node it is drawn for
  };
  void buildPicture(const PassPicture& picture);
  void refresh();
  void showProvisional(const std::vector<ProvisionalNode>& nodes, const std::vector<EdgePath>& edges);
  void clearProvisional();
  template <class F> void forEachItem(F&& f) const;  // picture and provisional node items
  template <class F> void forEachProvisional(F&& f) const;

  std::shared_ptr<const GraphFrame> frame_;
  const PassPicture* picture_ = nullptr;
  std::shared_ptr<const PassPicture> picture_owner_;
  FrameSide side_ = FrameSide::After;
  std::unordered_map<int64_t, std::vector<NodeItem*>> nodes_;  // picture nodes by key (shared leaves: a copy per user)
  std::vector<EdgeItem*> edges_;                               // picture edges, between node keys
  std::unordered_map<int64_t, std::vector<NodeItem*>> provisional_nodes_;
  std::vector<EdgeItem*> provisional_edges_;
  std::vector<NodeItem*> spare_nodes_;  // hidden, for the next frames' provisional nodes
  std::vector<EdgeItem*> spare_edges_;
  std::unordered_set<int64_t> marked_;
  std::unordered_map<int64_t, QColor> overlay_;
  bool dark_ = false;
};

}  // namespace rw::viewer
