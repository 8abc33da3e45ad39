#include "viewers/graph_scene.h"

#include <QGraphicsSceneMouseEvent>
#include <algorithm>

namespace rw::viewer {

GraphScene::GraphScene(QObject* parent) : QGraphicsScene(parent) {
  // Items only change visibility; a BSP index would be rebuilt on every step for nothing.
  setItemIndexMethod(QGraphicsScene::NoIndex);
}

const FrameGraph* GraphScene::shownGraph() const {
  if (!frame_) return nullptr;
  return side_ == FrameSide::Before ? &frame_->before : &frame_->after;
}

void GraphScene::showFrame(std::shared_ptr<const GraphFrame> frame) {
  frame_ = std::move(frame);
  if (frame_ && frame_->picture.get() != picture_) buildPicture(*frame_->picture);
  refresh();
}

void GraphScene::restyle() {
  if (frame_) buildPicture(*frame_->picture);
  refresh();
}

void GraphScene::setSide(FrameSide side) {
  side_ = side;
  refresh();
}

void GraphScene::buildPicture(const PassPicture& picture) {
  clearProvisional();
  clear();
  nodes_.clear();
  edges_.clear();
  picture_owner_ = frame_->picture;
  picture_ = &picture;
  dark_ = palette_is_dark();
  const QColor edge = dark_ ? QColor(0xa0, 0xa0, 0xa0) : QColor(0x55, 0x55, 0x55);
  for (auto& [key, box] : picture.layout.nodes) {
    auto* item = new NodeItem(picture.nodes.at(key), box, dark_);
    item->setVisible(false);
    addItem(item);
    nodes_[key] = item;
  }
  for (const EdgePath& e : picture.layout.edges) {
    auto* item = new EdgeItem(e, edge);
    item->setVisible(false);
    addItem(item);
    edges_.push_back(item);
  }
  setSceneRect(picture.layout.bounds.adjusted(-400, -400, 400, 400));
}

void GraphScene::clearProvisional() {
  for (auto& [key, item] : provisional_nodes_) delete item;
  for (EdgeItem* e : provisional_edges_) delete e;
  provisional_nodes_.clear();
  provisional_edges_.clear();
}

void GraphScene::refresh() {
  clearProvisional();
  const FrameGraph* g = shownGraph();
  if (!g) {
    for (auto& [key, item] : nodes_) item->setVisible(false);
    for (EdgeItem* e : edges_) e->setVisible(false);
    return;
  }
  const bool before = side_ == FrameSide::Before;
  const auto& lit = before ? frame_->matched : frame_->replacement;
  const std::optional<int64_t> root = before ? frame_->matched_root : frame_->replacement_root;
  const Highlight kind = before ? Highlight::Matched : Highlight::Replacement;
  auto style = [&](NodeItem* item) {
    bool on = lit.count(item->key()) > 0;
    item->setHighlight(on ? kind : Highlight::None, on && root == item->key());
  };
  for (auto& [key, item] : nodes_) {
    bool shown = g->contains(key);
    item->setVisible(shown);
    if (shown) style(item);
  }
  for (EdgeItem* e : edges_) e->setVisible(g->contains(e->to()) && g->contains(e->from()));

  // Nodes of this graph the picture lacks, with straight edges to and from them.
  const QColor edge = dark_ ? QColor(0xa0, 0xa0, 0xa0) : QColor(0x55, 0x55, 0x55);
  auto box_of = [&](int64_t key) -> std::optional<QRectF> {
    if (picture_)
      if (auto it = picture_->layout.nodes.find(key); it != picture_->layout.nodes.end()) return it->second;
    if (auto it = frame_->provisional.find(key); it != frame_->provisional.end()) return it->second;
    return std::nullopt;
  };
  for (const NodeRow& n : g->nodes) {
    if (nodes_.count(n.id)) continue;
    auto box = box_of(n.id);
    if (!box) continue;
    auto* item = new NodeItem(n, *box, dark_);
    style(item);
    item->setMarked(marked_.count(n.id) > 0);
    addItem(item);
    provisional_nodes_[n.id] = item;
  }
  for (const NodeRow& n : g->nodes) {
    bool user_new = provisional_nodes_.count(n.id) > 0;
    for (int64_t s : n.srcs) {
      if (!user_new && !provisional_nodes_.count(s)) continue;  // drawn by the picture
      auto a = box_of(s), b = box_of(n.id);
      if (!a || !b) continue;
      auto* e = new EdgeItem(EdgeItem::straight(s, *a, n.id, *b), edge);
      addItem(e);
      provisional_edges_.push_back(e);
    }
  }
}

std::vector<int64_t> GraphScene::visibleNodeKeys() const {
  std::vector<int64_t> keys;
  for (auto& [key, item] : nodes_)
    if (item->isVisible()) keys.push_back(key);
  for (auto& [key, item] : provisional_nodes_) keys.push_back(key);
  std::sort(keys.begin(), keys.end());
  return keys;
}

std::vector<int64_t> GraphScene::highlightedKeys() const {
  std::vector<int64_t> keys;
  auto add = [&](const std::unordered_map<int64_t, NodeItem*>& items) {
    for (auto& [key, item] : items)
      if (item->isVisible() && item->highlight() != Highlight::None) keys.push_back(key);
  };
  add(nodes_);
  add(provisional_nodes_);
  std::sort(keys.begin(), keys.end());
  return keys;
}

int GraphScene::visibleEdgeCount() const {
  int n = int(provisional_edges_.size());
  for (EdgeItem* e : edges_) n += e->isVisible();
  return n;
}

NodeItem* GraphScene::nodeItem(int64_t key) const {
  if (auto it = nodes_.find(key); it != nodes_.end()) return it->second;
  if (auto it = provisional_nodes_.find(key); it != provisional_nodes_.end()) return it->second;
  return nullptr;
}

QRectF GraphScene::visibleBounds() const {
  QRectF r;
  auto add = [&](const std::unordered_map<int64_t, NodeItem*>& items) {
    for (auto& [key, item] : items)
      if (item->isVisible()) r = r.united(item->sceneBoundingRect());
  };
  add(nodes_);
  add(provisional_nodes_);
  return r;
}

void GraphScene::markNodes(const std::vector<int64_t>& keys) {
  marked_ = std::unordered_set<int64_t>(keys.begin(), keys.end());
  for (auto& [key, item] : nodes_) item->setMarked(marked_.count(key) > 0);
  for (auto& [key, item] : provisional_nodes_) item->setMarked(marked_.count(key) > 0);
}

std::vector<int64_t> GraphScene::markedKeys() const {
  std::vector<int64_t> keys;
  for (auto& [key, item] : nodes_)
    if (item->marked() && item->isVisible()) keys.push_back(key);
  for (auto& [key, item] : provisional_nodes_)
    if (item->marked()) keys.push_back(key);
  std::sort(keys.begin(), keys.end());
  return keys;
}

void GraphScene::mousePressEvent(QGraphicsSceneMouseEvent* event) {
  for (QGraphicsItem* item : items(event->scenePos()))
    if (item->type() == NodeItem::Type && item->isVisible()) {
      emit nodeClicked(static_cast<NodeItem*>(item)->key());
      event->accept();
      return;
    }
  QGraphicsScene::mousePressEvent(event);
}

}  // namespace rw::viewer
