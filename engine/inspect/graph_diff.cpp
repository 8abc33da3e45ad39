#include "engine/inspect/graph_diff.h"

#include <algorithm>
#include <deque>
#include <unordered_set>

#include "engine/ir/hash.h"

namespace rw {

const char* diff_class_name(DiffClass c) {
  switch (c) {
    case DiffClass::Unchanged: return "unchanged";
    case DiffClass::Changed: return "changed";
    case DiffClass::Removed: return "removed";
    case DiffClass::Added: return "added";
  }
  return "?";
}

size_t GraphDiff::count(DiffClass c, bool left) const {
  size_t n = 0;
  for (const auto& [id, d] : left ? a : b) n += d.cls == c;
  return n;
}

NodeKeys::NodeKeys(const std::vector<NodeRow>& nodes) {
  for (const NodeRow& n : nodes) rows_.emplace(n.id, &n);
  // Post-order without recursion: graphs of long passes are deep chains.
  std::vector<std::pair<int64_t, size_t>> stack;
  for (const NodeRow& start : nodes) {
    if (keys_.count(start.id)) continue;
    stack.push_back({start.id, 0});
    while (!stack.empty()) {
      auto& [id, next] = stack.back();
      const NodeRow& n = *rows_.at(id);
      if (next < n.srcs.size()) {
        int64_t s = n.srcs[next++];
        if (!keys_.count(s) && rows_.count(s)) stack.push_back({s, 0});
        continue;
      }
      uint64_t content = hash_combine(hash_combine(hash_bytes(n.op), hash_bytes(n.dtype)), hash_combine(hash_bytes(n.arg), uint64_t(n.tag)));
      bool stored = n.id >= 0 && n.hash != 0;
      for (int64_t s : n.srcs) {
        auto it = keys_.find(s);
        if (it == keys_.end()) {  // a source outside the given nodes: known only by id
          content = hash_combine(content, hash_combine(0x5eedull, uint64_t(s)));
          stored = false;
          continue;
        }
        content = hash_combine(content, it->second.second);
        stored = stored && it->second.first != 0;
      }
      keys_[id] = {stored ? n.hash : 0, content};
      stack.pop_back();
    }
  }
}

uint64_t NodeKeys::hash(int64_t id) const { return keys_.at(id).first; }
uint64_t NodeKeys::content(int64_t id) const { return keys_.at(id).second; }
const NodeRow* NodeKeys::row(int64_t id) const {
  auto it = rows_.find(id);
  return it == rows_.end() ? nullptr : it->second;
}

namespace {

// The other side's nodes by both identities. Two nodes the engine hashed are equal when their
// hashes are (fields as text can hide a difference, a float argument rounded, say); a node
// with no engine hash (a stand-in, or above one) is equal to any node with its fields.
struct SideIndex {
  std::unordered_map<uint64_t, int64_t> by_hash, by_content, unhashed_by_content;
  SideIndex(const std::vector<NodeRow>& nodes, const NodeKeys& keys) {
    for (const NodeRow& n : nodes) {
      if (uint64_t h = keys.hash(n.id)) by_hash.emplace(h, n.id);
      else unhashed_by_content.emplace(keys.content(n.id), n.id);
      by_content.emplace(keys.content(n.id), n.id);
    }
  }
  std::optional<int64_t> find(const NodeKeys& keys, int64_t id) const {
    uint64_t h = keys.hash(id);
    if (h)
      if (auto it = by_hash.find(h); it != by_hash.end()) return it->second;
    const auto& by = h ? unhashed_by_content : by_content;
    if (auto it = by.find(keys.content(id)); it != by.end()) return it->second;
    return std::nullopt;
  }
};

std::unordered_map<int64_t, std::vector<int64_t>> users_of(const std::vector<NodeRow>& nodes) {
  std::unordered_map<int64_t, std::vector<int64_t>> users;
  for (const NodeRow& n : nodes)
    for (int64_t s : n.srcs) users[s].push_back(n.id);
  return users;
}

// Nodes of class `c` none of whose users on their side is of class `c`.
std::vector<int64_t> roots_of(const std::unordered_map<int64_t, NodeDiff>& side, const std::unordered_map<int64_t, std::vector<int64_t>>& users, DiffClass c) {
  std::vector<int64_t> out;
  for (const auto& [id, d] : side) {
    if (d.cls != c) continue;
    bool inner = false;
    if (auto it = users.find(id); it != users.end())
      for (int64_t u : it->second)
        if (auto du = side.find(u); du != side.end() && du->second.cls == c) inner = true;
    if (!inner) out.push_back(id);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

GraphDiff diff_graphs(const std::vector<NodeRow>& left, int64_t root_left, const std::vector<NodeRow>& right, int64_t root_right) {
  NodeKeys ka(left), kb(right);
  SideIndex ia(left, ka), ib(right, kb);
  GraphDiff d;
  d.root_a = root_left;
  d.root_b = root_right;
  for (const NodeRow& n : left)
    if (auto o = ib.find(ka, n.id)) d.a[n.id] = {DiffClass::Unchanged, o};
  for (const NodeRow& n : right)
    if (auto o = ia.find(kb, n.id)) d.b[n.id] = {DiffClass::Unchanged, o};

  // Pair the roots, then the same-op sources of every pair, slot by slot.
  std::deque<std::pair<int64_t, int64_t>> todo;
  auto free_a = [&](int64_t id) { return ka.row(id) && !d.a.count(id); };
  auto free_b = [&](int64_t id) { return kb.row(id) && !d.b.count(id); };
  auto pair = [&](int64_t x, int64_t y) {
    d.a[x] = {DiffClass::Changed, y};
    d.b[y] = {DiffClass::Changed, x};
    todo.push_back({x, y});
  };
  if (free_a(root_left) && free_b(root_right)) pair(root_left, root_right);
  while (!todo.empty()) {
    auto [x, y] = todo.front();
    todo.pop_front();
    const NodeRow &nx = *ka.row(x), &ny = *kb.row(y);
    for (size_t i = 0; i < std::min(nx.srcs.size(), ny.srcs.size()); ++i) {
      int64_t sx = nx.srcs[i], sy = ny.srcs[i];
      if (free_a(sx) && free_b(sy) && ka.row(sx)->op == kb.row(sy)->op) pair(sx, sy);
    }
  }
  for (const NodeRow& n : left) d.a.try_emplace(n.id, NodeDiff{DiffClass::Removed, std::nullopt});
  for (const NodeRow& n : right) d.b.try_emplace(n.id, NodeDiff{DiffClass::Added, std::nullopt});

  auto users_a = users_of(left), users_b = users_of(right);
  d.removed_roots = roots_of(d.a, users_a, DiffClass::Removed);
  d.added_roots = roots_of(d.b, users_b, DiffClass::Added);
  for (int64_t id : roots_of(d.a, users_a, DiffClass::Changed)) d.changed_roots.push_back({id, *d.a[id].other});
  for (int64_t id : roots_of(d.a, users_a, DiffClass::Unchanged)) d.unchanged_roots.push_back({id, *d.a[id].other});
  for (const auto& [id, nd] : d.a) {
    if (nd.cls != DiffClass::Changed) continue;
    bool inner = true;
    for (int64_t s : ka.row(id)->srcs)
      if (auto it = d.a.find(s); it != d.a.end() && it->second.cls == DiffClass::Changed) inner = false;
    if (inner) d.changed_innermost.push_back({id, *nd.other});
  }
  std::sort(d.changed_innermost.begin(), d.changed_innermost.end());
  return d;
}

}  // namespace rw
