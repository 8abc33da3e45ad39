#include "viewers/graph_scene.h"

#include <QGraphicsSceneMouseEvent>
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

namespace rw::viewer {
namespace {

// Boxes bucketed by a coarse grid: "does this box cover a shown node?" for hundreds of
// placed copies per step without scanning every item each time.
class BoxGrid {
 public:
  void add(const QRectF& box) {
    for_cells(box, [&](int64_t cell) { cells_[cell].push_back(box); });
  }
  bool covers(const QRectF& box) const {
    const QRectF padded = box.adjusted(-4, -4, 4, 4);
    bool hit = false;
    for_cells(padded, [&](int64_t cell) {
      if (auto it = cells_.find(cell); it != cells_.end())
        for (const QRectF& b : it->second) hit = hit || b.intersects(padded);
    });
    return hit;
  }

 private:
  static constexpr double kCell = 256;
  template <class F> static void for_cells(const QRectF& r, F&& f) {
    for (int64_t x = int64_t(std::floor(r.left() / kCell)); x <= int64_t(std::floor(r.right() / kCell)); ++x)
      for (int64_t y = int64_t(std::floor(r.top() / kCell)); y <= int64_t(std::floor(r.bottom() / kCell)); ++y) f(x * 1'000'003 + y);
  }
  std::unordered_map<int64_t, std::vector<QRectF>> cells_;
};

}  // namespace

GraphScene::GraphScene(QObject* parent) : QGraphicsScene(parent) {
  // No BSP index: a step changes the visibility of many items and adds a few, which costs
  // the index more than a linear scan costs painting (measured: paints 2-4x slower).
  setItemIndexMethod(QGraphicsScene::NoIndex);
}

template <class F>
void GraphScene::forEachItem(F&& f) const {
  for (auto& [key, items] : nodes_)
    for (NodeItem* item : items) f(item);
  for (auto& [key, items] : provisional_nodes_)
    for (NodeItem* item : items) f(item);
}

const FrameGraph* GraphScene::shownGraph() const {
  if (!frame_) return nullptr;
  return side_ == FrameSide::Before ? &frame_->before() : &frame_->after();
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
  auto node_key = [&](int64_t layout_key) {
    auto c = picture.copies.find(layout_key);
    return c == picture.copies.end() ? layout_key : c->second.leaf;
  };
  for (auto& [layout_key, box] : picture.layout.nodes) {
    auto c = picture.copies.find(layout_key);
    std::optional<int64_t> user;
    if (c != picture.copies.end()) user = c->second.user;
    auto* item = new NodeItem(picture.nodes.at(node_key(layout_key)), box, dark_, user);
    item->setVisible(false);
    addItem(item);
    nodes_[item->key()].push_back(item);
  }
  for (EdgePath e : picture.layout.edges) {
    e.from = node_key(e.from);
    auto* item = new EdgeItem(e, edge);
    item->setVisible(false);
    addItem(item);
    edges_.push_back(item);
  }
  setSceneRect(picture.layout.bounds.adjusted(-400, -400, 400, 400));
}

void GraphScene::clearProvisional() {
  for (auto& [key, items] : provisional_nodes_)
    for (NodeItem* item : items) delete item;
  for (EdgeItem* e : provisional_edges_) delete e;
  provisional_nodes_.clear();
  provisional_edges_.clear();
}

void GraphScene::refresh() {
  // Items of the previous frame's extra nodes are reused when the same node sits in the same
  // place (a rebuilt root with hundreds of edges usually does, step after step).
  std::map<std::pair<int64_t, int64_t>, NodeItem*> old_nodes;
  std::map<std::pair<int64_t, int64_t>, std::vector<EdgeItem*>> old_edges;
  for (auto& [key, items] : provisional_nodes_)
    for (NodeItem* item : items) old_nodes[{key, item->user().value_or(std::numeric_limits<int64_t>::min())}] = item;
  for (EdgeItem* e : provisional_edges_) old_edges[{e->from(), e->to()}].push_back(e);
  provisional_nodes_.clear();
  provisional_edges_.clear();
  struct DeleteUnused {
    std::map<std::pair<int64_t, int64_t>, NodeItem*>& nodes;
    std::map<std::pair<int64_t, int64_t>, std::vector<EdgeItem*>>& edges;
    ~DeleteUnused() {
      for (auto& [k, item] : nodes) delete item;
      for (auto& [k, list] : edges)
        for (EdgeItem* e : list) delete e;
    }
  } delete_unused{old_nodes, old_edges};
  const FrameGraph* g = shownGraph();
  if (!g) {
    forEachItem([](NodeItem* item) { item->setVisible(false); });
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
    item->setMarked(marked_.count(item->key()) > 0);
  };
  for (auto& [key, items] : nodes_) {
    const bool in_graph = g->contains(key);
    for (NodeItem* item : items) {
      // A copy of a shared leaf shows with the user it was drawn for.
      bool shown = in_graph && (!item->user() || g->contains(*item->user()));
      item->setVisible(shown);
      if (shown) style(item);
    }
  }
  for (EdgeItem* e : edges_) e->setVisible(g->contains(e->to()) && g->contains(e->from()));

  // Nodes of this graph the picture lacks (rebuilt or unsampled), with straight edges; a
  // shared leaf gets a copy above each such user.
  const QColor edge = dark_ ? QColor(0xa0, 0xa0, 0xa0) : QColor(0x55, 0x55, 0x55);
  auto add_provisional = [&](const NodeRow& n, const QRectF& box, std::optional<int64_t> user) {
    NodeItem* item = nullptr;
    auto old = old_nodes.find({n.id, user.value_or(std::numeric_limits<int64_t>::min())});
    if (old != old_nodes.end() && old->second->box() == box) {
      item = old->second;
      old_nodes.erase(old);
    } else {
      item = new NodeItem(n, box, dark_, user);
      addItem(item);
    }
    style(item);
    provisional_nodes_[n.id].push_back(item);
    return item;
  };
  auto add_edge = [&](int64_t from, const QRectF& a, int64_t to, const QRectF& b) {
    EdgePath path = EdgeItem::straight(from, a, to, b);
    auto& reusable = old_edges[{from, to}];
    for (auto it = reusable.begin(); it != reusable.end(); ++it)
      if ((*it)->path().elementAt(0) == path.bezier.front() && (*it)->arrow().front() == path.arrow_tip) {
        provisional_edges_.push_back(*it);
        reusable.erase(it);
        return;
      }
    auto* e = new EdgeItem(path, edge);
    addItem(e);
    provisional_edges_.push_back(e);
  };
  auto picture_box = [&](int64_t key) -> std::optional<QRectF> {
    if (picture_)
      if (auto it = picture_->layout.nodes.find(key); it != picture_->layout.nodes.end()) return it->second;
    return std::nullopt;
  };
  auto new_box = [&](int64_t key) -> std::optional<QRectF> {
    if (auto it = frame_->provisional.find(key); it != frame_->provisional.end()) return it->second;
    return std::nullopt;
  };
  for (const NodeRow& n : g->nodes)
    if (auto box = new_box(n.id); box && !nodes_.count(n.id)) add_provisional(n, *box, std::nullopt);
  BoxGrid shown_boxes;
  forEachItem([&](NodeItem* item) {
    if (item->isVisible()) shown_boxes.add(item->box());
  });
  for (const NodeRow& n : g->nodes) {
    auto user_box = picture_box(n.id);
    if (!user_box) user_box = new_box(n.id);
    const bool user_new = !nodes_.count(n.id);
    for (int64_t s : n.srcs) {
      const NodeRow* src = g->find(s);
      if (!src || !user_box) continue;
      std::optional<QRectF> src_box = picture_box(s);
      if (!src_box) src_box = new_box(s);
      const bool src_copied = nodes_.count(s) && !src_box;  // a shared leaf of the picture
      if (!user_new && !new_box(s)) continue;               // drawn by the picture
      if (src_copied) {
        // A copy of the leaf above this user, moved right until it covers no shown node.
        const QRectF& any = nodes_.at(s).front()->box();
        QRectF copy(user_box->center().x() - any.width() / 2, user_box->top() - 30 - any.height(), any.width(), any.height());
        for (int tries = 0; tries < 20 && shown_boxes.covers(copy); ++tries) copy.translate(any.width() + 12, 0);
        add_provisional(*src, copy, n.id);
        shown_boxes.add(copy);
        src_box = copy;
      }
      if (!src_box) continue;
      add_edge(s, *src_box, n.id, *user_box);
    }
  }
}

std::vector<int64_t> GraphScene::visibleNodeKeys() const {
  std::set<int64_t> keys;
  forEachItem([&](NodeItem* item) {
    if (item->isVisible()) keys.insert(item->key());
  });
  return {keys.begin(), keys.end()};
}

bool GraphScene::hasVisibleNodes() const {
  for (auto* map : {&nodes_, &provisional_nodes_})
    for (auto& [key, items] : *map)
      for (NodeItem* item : items)
        if (item->isVisible()) return true;
  return false;
}

std::vector<int64_t> GraphScene::highlightedKeys() const {
  std::set<int64_t> keys;
  forEachItem([&](NodeItem* item) {
    if (item->isVisible() && item->highlight() != Highlight::None) keys.insert(item->key());
  });
  return {keys.begin(), keys.end()};
}

int GraphScene::visibleEdgeCount() const {
  int n = int(provisional_edges_.size());
  for (EdgeItem* e : edges_) n += e->isVisible();
  return n;
}

NodeItem* GraphScene::nodeItem(int64_t key) const {
  NodeItem* any = nullptr;
  for (auto* map : {&nodes_, &provisional_nodes_})
    if (auto it = map->find(key); it != map->end())
      for (NodeItem* item : it->second) {
        if (item->isVisible()) return item;
        if (!any) any = item;
      }
  return any;
}

QRectF GraphScene::visibleBounds() const {
  QRectF r;
  forEachItem([&](NodeItem* item) {
    if (item->isVisible()) r = r.united(item->sceneBoundingRect());
  });
  return r;
}

void GraphScene::markNodes(const std::vector<int64_t>& keys) {
  marked_ = std::unordered_set<int64_t>(keys.begin(), keys.end());
  forEachItem([&](NodeItem* item) { item->setMarked(marked_.count(item->key()) > 0); });
}

std::vector<int64_t> GraphScene::markedKeys() const {
  std::set<int64_t> keys;
  forEachItem([&](NodeItem* item) {
    if (item->marked() && item->isVisible()) keys.insert(item->key());
  });
  return {keys.begin(), keys.end()};
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
