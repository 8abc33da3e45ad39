#include "viewers/graph_frame.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <map>

namespace rw::viewer {

const NodeRow* FrameGraph::find(int64_t key) const {
  auto it = position.find(key);
  return it == position.end() ? nullptr : &nodes[it->second];
}

std::vector<int64_t> FrameGraph::users_of(int64_t key) const {
  std::vector<int64_t> users;
  for (const NodeRow& n : nodes)
    if (std::find(n.srcs.begin(), n.srcs.end(), key) != n.srcs.end()) users.push_back(n.id);
  return users;
}

FrameGraph StableKeys::normalize(const GraphAt& g) {
  FrameGraph out;
  out.nodes.reserve(g.nodes.size());
  std::unordered_map<int64_t, int64_t> key_of;
  key_of.reserve(g.nodes.size());
  for (const NodeRow& n : g.nodes) {
    NodeRow r = n;
    for (int64_t& s : r.srcs) s = key_of.at(s);  // children come first
    int64_t key = n.id;
    if (n.id < 0) {
      std::string sig = r.op + '|' + r.dtype + '|' + r.arg + '|' + std::to_string(r.tag);
      for (int64_t s : r.srcs) sig += ',' + std::to_string(s);
      auto [it, inserted] = synthesized_.emplace(std::move(sig), next_);
      if (inserted) --next_;
      key = it->second;
    }
    r.id = key;
    key_of[n.id] = key;
    out.position[key] = out.nodes.size();
    out.nodes.push_back(std::move(r));
  }
  if (!g.nodes.empty()) out.root = key_of.at(g.root);
  return out;
}

std::unordered_set<int64_t> matched_nodes(const FrameGraph& before, int64_t matched, const std::vector<int64_t>& bound) {
  // Patterns are shallow; the depth bound keeps a rule that binds nothing from lighting up
  // the whole subgraph under its root.
  constexpr int kMaxPatternDepth = 4;
  std::unordered_set<int64_t> out, stop(bound.begin(), bound.end());
  std::function<void(int64_t, int)> walk = [&](int64_t key, int depth) {
    const NodeRow* n = before.find(key);
    if (!n || !out.insert(key).second) return;
    if (stop.count(key) || depth >= kMaxPatternDepth) return;
    for (int64_t s : n->srcs) walk(s, depth + 1);
  };
  walk(matched, 0);
  for (int64_t b : bound)
    if (before.contains(b)) out.insert(b);
  return out;
}

std::unordered_set<int64_t> replacement_nodes(const FrameGraph& before, const FrameGraph& after, int64_t replacement) {
  std::unordered_set<int64_t> out;
  if (after.contains(replacement)) out.insert(replacement);
  for (const NodeRow& n : after.nodes)
    if (!before.contains(n.id)) out.insert(n.id);
  return out;
}

std::unordered_map<int64_t, QRectF> place_missing(const FrameGraph& g, const PassPicture& picture,
                                                  const std::unordered_map<int64_t, QRectF>& already, const LabelMetrics& metrics) {
  constexpr double kRankGap = 30, kBesideGap = 12;
  // What each node not in the picture stands for, root first.
  std::unordered_map<int64_t, int64_t> stands_for;
  if (!g.nodes.empty() && !picture.layout.nodes.count(g.root)) stands_for[g.root] = picture.input_root;
  for (auto it = g.nodes.rbegin(); it != g.nodes.rend(); ++it) {
    const NodeRow& n = *it;
    int64_t ref = n.id;
    if (!picture.nodes.count(n.id)) {
      auto s = stands_for.find(n.id);
      if (s == stands_for.end()) continue;
      ref = s->second;
    }
    auto row = picture.nodes.find(ref);
    if (row == picture.nodes.end()) continue;
    for (size_t i = 0; i < n.srcs.size() && i < row->second.srcs.size(); ++i) {
      int64_t src = n.srcs[i];
      if (picture.nodes.count(src) || stands_for.count(src)) continue;
      auto cand = picture.nodes.find(row->second.srcs[i]);
      const NodeRow* src_row = g.find(src);
      if (cand != picture.nodes.end() && src_row && cand->second.op == src_row->op) stands_for[src] = cand->first;
    }
  }

  std::unordered_map<int64_t, QRectF> placed;
  auto box_of = [&](int64_t key) -> const QRectF* {
    if (auto it = picture.layout.nodes.find(key); it != picture.layout.nodes.end()) return &it->second;
    if (auto it = placed.find(key); it != placed.end()) return &it->second;
    if (auto it = already.find(key); it != already.end()) return &it->second;
    return nullptr;
  };
  for (const NodeRow& n : g.nodes) {
    if (picture.nodes.count(n.id) || box_of(n.id)) continue;  // laid out (shared leaves: as copies)
    QSizeF size = node_box_size(node_label_lines(n), metrics);
    QPointF center;
    auto s = stands_for.find(n.id);
    const QRectF* origin = s != stands_for.end() ? box_of(s->second) : nullptr;
    if (origin) {
      center = origin->center();
      if (g.contains(s->second)) center.rx() += origin->width() / 2 + kBesideGap + size.width() / 2;  // both shown
    } else {
      double x = 0, bottom = picture.layout.bounds.top();
      int known = 0;
      for (int64_t src : n.srcs)
        if (const QRectF* b = box_of(src)) x += b->center().x(), bottom = std::max(bottom, b->bottom()), ++known;
      center = known ? QPointF(x / known, bottom + kRankGap + size.height() / 2)
                     : QPointF(picture.layout.bounds.left() + size.width() / 2, picture.layout.bounds.top() - kRankGap - size.height() / 2);
    }
    placed[n.id] = QRectF(center.x() - size.width() / 2, center.y() - size.height() / 2, size.width(), size.height());
  }
  return placed;
}

LayoutInput layout_input(const std::unordered_map<int64_t, NodeRow>& nodes, const LabelMetrics& metrics,
                         std::unordered_map<int64_t, LeafCopy>* copies) {
  std::vector<int64_t> keys;
  keys.reserve(nodes.size());
  for (auto& [k, n] : nodes) keys.push_back(k);
  std::sort(keys.begin(), keys.end());
  std::unordered_map<int64_t, int> uses;
  for (int64_t k : keys)
    for (int64_t s : nodes.at(k).srcs) ++uses[s];
  auto shared_leaf = [&](int64_t k) { return nodes.at(k).srcs.empty() && uses[k] > 1; };
  LayoutInput in;
  auto box = [&](int64_t k) { return node_box_size(node_label_lines(nodes.at(k)), metrics); };
  for (int64_t k : keys) {
    if (shared_leaf(k)) continue;
    QSizeF s = box(k);
    in.nodes.push_back({k, s.width(), s.height()});
  }
  // Far below the keys of rebuilt nodes (-1, -2, ...), which share the picture's key space.
  int64_t next_copy = std::numeric_limits<int64_t>::min() / 2;
  for (int64_t k : keys)
    for (int64_t s : nodes.at(k).srcs) {
      if (!nodes.count(s)) continue;
      if (!shared_leaf(s)) {
        in.edges.push_back({s, k});
        continue;
      }
      const int64_t copy = next_copy++;
      QSizeF size = box(s);
      in.nodes.push_back({copy, size.width(), size.height()});
      in.edges.push_back({copy, k});
      if (copies) (*copies)[copy] = {s, k};
    }
  return in;
}

}  // namespace rw::viewer
