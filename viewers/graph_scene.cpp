#include "viewers/graph_scene.h"

#include <QGraphicsSceneContextMenuEvent>
#include <QGraphicsSceneMouseEvent>
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

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

// Hashes a tuple of numbers (the places and keys items are matched by).
struct TupleHash {
  template <class... T>
  size_t operator()(const std::tuple<T...>& t) const {
    size_t h = 0;
    std::apply([&](const auto&... v) { ((h = h * 1'000'003 ^ std::hash<std::decay_t<decltype(v)>>{}(v)), ...); }, t);
    return h;
  }
};

// Gives each wanted item one of the previous frame's items: the same one when nothing about
// it changed (a rebuilt root with hundreds of edges usually stays, step after step), else
// one in the same place (only its keys and label change), else any spare one, moved; only
// what is still missing is created. Removing and adding scene items costs far more than
// changing them. Unused items are hidden and kept in `spare` for later frames.
template <class Item, class Want, class ItemExact, class WantExact, class ItemPlace, class WantPlace, class Rebind, class Make>
std::vector<Item*> recycle(std::vector<Item*> old, std::vector<Item*>& spare, const std::vector<Want>& wants, ItemExact item_exact,
                           WantExact want_exact, ItemPlace item_place, WantPlace want_place, Rebind rebind, Make make) {
  std::vector<Item*> out(wants.size(), nullptr);
  std::unordered_multimap<decltype(item_exact(old.front())), Item*, TupleHash> exact;
  exact.reserve(old.size());
  for (Item* item : old) exact.emplace(item_exact(item), item);
  for (size_t i = 0; i < wants.size(); ++i)
    if (auto it = exact.find(want_exact(wants[i])); it != exact.end()) {
      out[i] = it->second;
      exact.erase(it);
    }
  std::unordered_multimap<decltype(item_place(old.front())), Item*, TupleHash> by_place;
  by_place.reserve(exact.size());
  for (auto& [k, item] : exact) by_place.emplace(item_place(item), item);
  for (size_t i = 0; i < wants.size(); ++i)
    if (!out[i])
      if (auto it = by_place.find(want_place(wants[i])); it != by_place.end()) {
        out[i] = it->second;
        by_place.erase(it);
        rebind(out[i], wants[i]);
      }
  for (auto& [k, item] : by_place) spare.push_back(item);
  for (size_t i = 0; i < wants.size(); ++i) {
    if (out[i]) continue;
    if (spare.empty()) {
      out[i] = make(wants[i]);
      continue;
    }
    out[i] = spare.back();
    spare.pop_back();
    rebind(out[i], wants[i]);
    out[i]->setVisible(true);
  }
  for (Item* item : spare) item->setVisible(false);
  return out;
}

Highlight diff_highlight(const std::unordered_map<int64_t, DiffClass>& classes, int64_t key) {
  auto it = classes.find(key);
  if (it == classes.end()) return Highlight::None;
  switch (it->second) {
    case DiffClass::Unchanged: return Highlight::None;
    case DiffClass::Changed: return Highlight::Changed;
    case DiffClass::Removed: return Highlight::Removed;
    case DiffClass::Added: return Highlight::Added;
  }
  return Highlight::None;
}

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

template <class F>
void GraphScene::forEachProvisional(F&& f) const {
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
  for (NodeItem* item : spare_nodes_) delete item;
  for (EdgeItem* e : spare_edges_) delete e;
  provisional_nodes_.clear();
  provisional_edges_.clear();
  spare_nodes_.clear();
  spare_edges_.clear();
}

void GraphScene::refresh() {
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
    if (!frame_->diff_classes.empty()) {
      // Thick borders: whole subgraphs differ, and the class must show zoomed out.
      item->setHighlight(diff_highlight(frame_->diff_classes, item->key()), true);
    } else {
      bool on = lit.count(item->key()) > 0;
      item->setHighlight(on ? kind : Highlight::None, on && root == item->key());
    }
    item->setMarked(marked_.count(item->key()) > 0);
    auto fill = overlay_.find(item->key());
    item->setOverlayFill(fill == overlay_.end() ? std::nullopt : std::optional<QColor>(fill->second));
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
  // shared leaf gets a copy above each such user. First where they go, then which items
  // show them.
  std::vector<ProvisionalNode> want_nodes;
  std::vector<EdgePath> want_edges;
  auto picture_box = [&](int64_t key) -> std::optional<QRectF> {
    if (picture_)
      if (auto it = picture_->layout.nodes.find(key); it != picture_->layout.nodes.end()) return it->second;
    return std::nullopt;
  };
  auto new_box = [&](int64_t key) -> std::optional<QRectF> {
    if (auto it = frame_->provisional.find(key); it != frame_->provisional.end()) return it->second;
    return std::nullopt;
  };
  BoxGrid shown_boxes;
  for (auto& [key, items] : nodes_)
    for (NodeItem* item : items)
      if (item->isVisible()) shown_boxes.add(item->box());
  for (const NodeRow& n : g->nodes)
    if (auto box = new_box(n.id); box && !nodes_.count(n.id)) {
      want_nodes.push_back({&n, *box, std::nullopt});
      shown_boxes.add(*box);
    }
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
        want_nodes.push_back({src, copy, n.id});
        shown_boxes.add(copy);
        src_box = copy;
      }
      if (!src_box) continue;
      want_edges.push_back(EdgeItem::straight(s, *src_box, n.id, *user_box));
    }
  }
  showProvisional(want_nodes, want_edges);
  forEachProvisional(style);
}

void GraphScene::showProvisional(const std::vector<ProvisionalNode>& want_nodes, const std::vector<EdgePath>& want_edges) {
  constexpr int64_t kNoUser = std::numeric_limits<int64_t>::min();
  std::vector<NodeItem*> old_nodes;
  for (auto& [key, items] : provisional_nodes_) old_nodes.insert(old_nodes.end(), items.begin(), items.end());
  provisional_nodes_.clear();
  std::vector<NodeItem*> nodes = recycle<NodeItem>(
      std::move(old_nodes), spare_nodes_, want_nodes,
      [&](const NodeItem* i) { return std::tuple{i->key(), i->user().value_or(kNoUser), i->box().left(), i->box().top()}; },
      [&](const ProvisionalNode& w) { return std::tuple{w.node->id, w.user.value_or(kNoUser), w.box.left(), w.box.top()}; },
      [](const NodeItem* i) { return std::tuple{i->box().left(), i->box().top(), i->box().width(), i->box().height()}; },
      [](const ProvisionalNode& w) { return std::tuple{w.box.left(), w.box.top(), w.box.width(), w.box.height()}; },
      [](NodeItem* i, const ProvisionalNode& w) { i->rebind(*w.node, w.box, w.user); },
      [&](const ProvisionalNode& w) {
        auto* item = new NodeItem(*w.node, w.box, dark_, w.user);
        addItem(item);
        return item;
      });
  for (size_t i = 0; i < nodes.size(); ++i) provisional_nodes_[want_nodes[i].node->id].push_back(nodes[i]);

  const QColor edge = dark_ ? QColor(0xa0, 0xa0, 0xa0) : QColor(0x55, 0x55, 0x55);
  auto ends = [](const EdgeItem* e) {
    const QPointF start = e->path().elementCount() ? QPointF(e->path().elementAt(0)) : QPointF();
    const QPointF tip = e->arrow().value(0);
    return std::tuple{start.x(), start.y(), tip.x(), tip.y()};
  };
  auto want_ends = [](const EdgePath& w) { return std::tuple{w.bezier.front().x(), w.bezier.front().y(), w.arrow_tip.x(), w.arrow_tip.y()}; };
  provisional_edges_ = recycle<EdgeItem>(
      std::move(provisional_edges_), spare_edges_, want_edges,
      [&](const EdgeItem* e) { return std::tuple_cat(std::tuple{e->from(), e->to()}, ends(e)); },
      [&](const EdgePath& w) { return std::tuple_cat(std::tuple{w.from, w.to}, want_ends(w)); }, ends, want_ends,
      [&](EdgeItem* e, const EdgePath& w) {
        if (ends(e) == want_ends(w)) e->setEnds(w.from, w.to);  // straight edges: same ends, same path
        else e->setPath(w);
      },
      [&](const EdgePath& w) {
        auto* e = new EdgeItem(w, edge);
        addItem(e);
        return e;
      });
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

void GraphScene::setOverlayFills(std::unordered_map<int64_t, QColor> fills) {
  overlay_ = std::move(fills);
  forEachItem([&](NodeItem* item) {
    auto fill = overlay_.find(item->key());
    item->setOverlayFill(fill == overlay_.end() ? std::nullopt : std::optional<QColor>(fill->second));
  });
}

std::vector<int64_t> GraphScene::visibleKeysFilled(const QColor& fill) const {
  std::set<int64_t> keys;
  forEachItem([&](NodeItem* item) {
    if (item->isVisible() && item->paintedFill() == fill) keys.insert(item->key());
  });
  return {keys.begin(), keys.end()};
}

void GraphScene::contextMenuEvent(QGraphicsSceneContextMenuEvent* event) {
  for (QGraphicsItem* item : items(event->scenePos()))
    if (item->type() == NodeItem::Type && item->isVisible()) {
      emit nodeContextMenuRequested(static_cast<NodeItem*>(item)->key(), event->screenPos());
      event->accept();
      return;
    }
  QGraphicsScene::contextMenuEvent(event);
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
