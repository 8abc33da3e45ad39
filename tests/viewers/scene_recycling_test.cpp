// Stepping reuses the scene's items for nodes outside the pass's picture (rebuilt parents get
// new keys at every step): every shown item must show its own node, every shown edge must be
// an edge of the graph, and stepping back and forth must not pile up items.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/viewers/window_test_util.h"

namespace rw::viewer {
namespace {

// What is wrong with the scene for the graph on screen; empty when nothing is.
std::string scene_mismatch(const GraphScene& scene) {
  const FrameGraph* g = scene.shownGraph();
  for (QGraphicsItem* item : scene.items()) {
    if (!item->isVisible()) continue;
    if (item->type() == NodeItem::Type) {
      auto* n = static_cast<NodeItem*>(item);
      const NodeRow* row = g->find(n->key());
      if (!row) return "a shown item for node " + std::to_string(n->key()) + ", which the graph lacks";
      if (n->lines() != node_label_lines(*row)) return "node " + std::to_string(n->key()) + " shows " + n->lines().join(" / ").toStdString();
      if (n->user() && !g->contains(*n->user())) return "a copy of " + std::to_string(n->key()) + " for a user the graph lacks";
    } else if (item->type() == EdgeItem::Type) {
      auto* e = static_cast<EdgeItem*>(item);
      const NodeRow* to = g->find(e->to());
      if (!to || std::find(to->srcs.begin(), to->srcs.end(), e->from()) == to->srcs.end())
        return "a shown edge " + std::to_string(e->from()) + " -> " + std::to_string(e->to()) + " the graph lacks";
    }
  }
  return {};
}

TEST(SceneRecycling, ItemsShowTheirOwnNodesAndDoNotPileUp) {
  testing::WindowFixture f("recycling");
  MainWindow& w = *f.window;
  const int64_t steps = f.reader->pass(f.simplify)->step_count;
  bool rebuilt_shown = false;
  auto walk = [&] {
    for (int64_t s = 0; s <= steps; ++s) {
      w.goTo(f.simplify, s);
      ASSERT_TRUE(w.waitUntilShown(testing::kFrameTimeoutMs));
      EXPECT_EQ(scene_mismatch(*w.scene()), "") << "step " << s << " forward";
      for (int64_t k : w.scene()->visibleNodeKeys()) rebuilt_shown = rebuilt_shown || k < 0;
    }
    for (int64_t s = steps; s >= 0; --s) {
      w.goTo(f.simplify, s);
      ASSERT_TRUE(w.waitUntilShown(testing::kFrameTimeoutMs));
      EXPECT_EQ(scene_mismatch(*w.scene()), "") << "step " << s << " back";
      w.toggleSide();
      EXPECT_EQ(scene_mismatch(*w.scene()), "") << "step " << s << " back, other side";
      w.toggleSide();
    }
  };
  walk();
  const qsizetype items_after_one_walk = w.scene()->items().size();
  walk();
  walk();
  EXPECT_EQ(w.scene()->items().size(), items_after_one_walk);
  EXPECT_TRUE(rebuilt_shown) << "the fixture pass shows no rebuilt node: this test would test nothing";
}

}  // namespace
}  // namespace rw::viewer
