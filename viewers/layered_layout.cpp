#include "viewers/layered_layout.h"

#include <QLineF>
#include <algorithm>
#include <unordered_map>

namespace rw::viewer {
namespace {
constexpr double kNodeGap = 14, kRankGap = 36, kArrow = 8;
}

GraphLayout layered_layout(const LayoutInput& input) {
  GraphLayout out;
  const size_t n = input.nodes.size();
  if (n == 0) return out;
  std::unordered_map<int64_t, size_t> index;
  for (size_t i = 0; i < n; ++i) index[input.nodes[i].key] = i;
  std::vector<std::vector<size_t>> srcs(n), users(n);
  for (const LayoutEdge& e : input.edges) {
    auto a = index.find(e.from), b = index.find(e.to);
    if (a == index.end() || b == index.end()) continue;
    srcs[b->second].push_back(a->second);
    users[a->second].push_back(b->second);
  }
  // Rank: longest path from a leaf, computed in topological order (Kahn).
  std::vector<int> rank(n, 0), pending(n);
  std::vector<size_t> order;
  for (size_t i = 0; i < n; ++i)
    if ((pending[i] = int(srcs[i].size())) == 0) order.push_back(i);
  for (size_t k = 0; k < order.size(); ++k)
    for (size_t u : users[order[k]]) {
      rank[u] = std::max(rank[u], rank[order[k]] + 1);
      if (--pending[u] == 0) order.push_back(u);
    }
  // A leaf sits right above its first user, not at the top of the picture.
  for (size_t i = 0; i < n; ++i)
    if (srcs[i].empty() && !users[i].empty()) {
      int lowest = rank[users[i][0]];
      for (size_t u : users[i]) lowest = std::min(lowest, rank[u]);
      rank[i] = std::max(0, lowest - 1);
    }
  int ranks = 0;
  for (int r : rank) ranks = std::max(ranks, r + 1);
  std::vector<std::vector<size_t>> rows(static_cast<size_t>(ranks));
  for (size_t i = 0; i < n; ++i) rows[size_t(rank[i])].push_back(i);  // input order: canonical

  // Order each rank by the mean slot of its neighbours in the rank above, then below.
  std::vector<double> slot(n);
  auto number = [&](const std::vector<size_t>& row) {
    for (size_t k = 0; k < row.size(); ++k) slot[row[k]] = double(k) / std::max<size_t>(row.size(), 1);
  };
  for (auto& row : rows) number(row);
  auto sweep = [&](bool down) {
    for (int r = down ? 1 : ranks - 2; down ? r < ranks : r >= 0; r += down ? 1 : -1) {
      auto& row = rows[size_t(r)];
      std::vector<double> key(n);
      for (size_t i : row) {
        const auto& nb = down ? srcs[i] : users[i];
        double sum = 0;
        for (size_t j : nb) sum += slot[j];
        key[i] = nb.empty() ? slot[i] : sum / double(nb.size());
      }
      std::stable_sort(row.begin(), row.end(), [&](size_t a, size_t b) { return key[a] < key[b]; });
      number(row);
    }
  };
  sweep(true);
  sweep(false);
  sweep(true);

  // Coordinates: rows centred on x = 0, y growing downwards by rank.
  double y = 0;
  for (const auto& row : rows) {
    double width = 0, height = 0;
    for (size_t i : row) width += input.nodes[i].width + kNodeGap, height = std::max(height, input.nodes[i].height);
    double x = -width / 2;
    for (size_t i : row) {
      const LayoutNode& node = input.nodes[i];
      out.nodes[node.key] = QRectF(x, y + (height - node.height) / 2, node.width, node.height);
      x += node.width + kNodeGap;
    }
    y += height + kRankGap;
  }
  for (const LayoutEdge& e : input.edges) {
    auto a = out.nodes.find(e.from), b = out.nodes.find(e.to);
    if (a == out.nodes.end() || b == out.nodes.end()) continue;
    QPointF start(a->second.center().x(), a->second.bottom()), tip(b->second.center().x(), b->second.top());
    QLineF line(start, tip);
    QPointF base = line.length() > kArrow ? line.pointAt(1 - kArrow / line.length()) : start;
    out.edges.push_back({e.from, e.to, {start, (start * 2 + base) / 3, (start + base * 2) / 3, base}, tip});
  }
  for (auto& [key, box] : out.nodes) out.bounds = out.bounds.united(box);
  return out;
}

}  // namespace rw::viewer
