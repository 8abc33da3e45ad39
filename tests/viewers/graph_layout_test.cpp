// Graphviz layout and the frame logic around it, without a window.
#include <gtest/gtest.h>

#include "viewers/graph_frame.h"
#include "viewers/graph_layout.h"

namespace rw::viewer {
namespace {

TEST(GraphLayout, PlacesEveryNodeWithSourcesAboveUsersAndBezierEdges) {
  // A diamond plus a parallel edge: 1 -> 2, 1 -> 3, 2 -> 4, 3 -> 4, 3 -> 4 again (ADD(x, x)).
  LayoutInput in;
  for (int64_t k : {1, 2, 3, 4}) in.nodes.push_back({k, 80, 30});
  in.edges = {{1, 2}, {1, 3}, {2, 4}, {3, 4}, {3, 4}};
  GraphLayout out = layout_graph(in);
  ASSERT_EQ(out.nodes.size(), 4u);
  EXPECT_DOUBLE_EQ(out.nodes.at(1).width(), 80);
  EXPECT_DOUBLE_EQ(out.nodes.at(1).height(), 30);
  // y points down: sources first (top), the user last (bottom).
  EXPECT_LT(out.nodes.at(1).center().y(), out.nodes.at(2).center().y());
  EXPECT_LT(out.nodes.at(2).center().y(), out.nodes.at(4).center().y());
  EXPECT_DOUBLE_EQ(out.nodes.at(2).center().y(), out.nodes.at(3).center().y());
  for (auto& [k, box] : out.nodes) EXPECT_TRUE(out.bounds.adjusted(-1, -1, 1, 1).contains(box)) << k;
  ASSERT_EQ(out.edges.size(), 5u);  // the parallel edge is kept
  for (const EdgePath& e : out.edges) {
    ASSERT_GE(e.bezier.size(), 4u);
    EXPECT_EQ((e.bezier.size() - 1) % 3, 0u);
    // The curve leaves the source's box and the arrow ends at the user's box.
    const QRectF& from = out.nodes.at(e.from);
    const QRectF& to = out.nodes.at(e.to);
    EXPECT_NEAR(e.bezier.front().y(), from.bottom(), 2.0);
    EXPECT_NEAR(e.arrow_tip.y(), to.top(), 2.0);
  }
}

TEST(GraphLayout, EmptyInputGivesEmptyLayout) {
  GraphLayout out = layout_graph({});
  EXPECT_TRUE(out.nodes.empty());
  EXPECT_TRUE(out.edges.empty());
}

NodeRow node(int64_t id, const std::string& op, std::vector<int64_t> srcs, const std::string& arg = "") {
  NodeRow n;
  n.id = id;
  n.op = op;
  n.dtype = "index";
  n.arg = arg;
  n.srcs = std::move(srcs);
  return n;
}

TEST(StableKeys, SynthesizedNodesKeepOneKeyAcrossSnapshots) {
  // Two snapshots in which the reader synthesized the same rebuilt node under different ids.
  GraphAt a, b;
  a.nodes = {node(0, "DEFINE_VAR", {}, "x"), node(-1, "ADD", {0, 0})};
  a.root = -1;
  b.nodes = {node(0, "DEFINE_VAR", {}, "x"), node(-7, "MUL", {0, 0}), node(-3, "ADD", {0, 0})};
  b.root = -3;
  StableKeys keys;
  FrameGraph fa = keys.normalize(a), fb = keys.normalize(b);
  EXPECT_EQ(fa.root, fb.root);  // the same ADD
  EXPECT_TRUE(fb.contains(0));
  EXPECT_NE(fb.nodes[1].id, fb.root);
  EXPECT_LT(fb.nodes[1].id, 0);
  EXPECT_EQ(fb.nodes[2].srcs, (std::vector<int64_t>{0, 0}));
}

TEST(FrameHighlights, MatchStopsAtBoundNodesAndReplacementIsWhatIsNew) {
  GraphAt before, after;
  // before: (x*2)*3 with x = #0; after: x*6 built as #5 with const #4
  before.nodes = {node(0, "DEFINE_VAR", {}, "x"), node(1, "CONST", {}, "2"), node(2, "MUL", {0, 1}), node(3, "CONST", {}, "3"), node(6, "MUL", {2, 3})};
  before.root = 6;
  after.nodes = {node(0, "DEFINE_VAR", {}, "x"), node(4, "CONST", {}, "6"), node(5, "MUL", {0, 4})};
  after.root = 5;
  StableKeys keys;
  FrameGraph b = keys.normalize(before), a = keys.normalize(after);
  auto matched = matched_nodes(b, 6, {0, 1, 3});
  EXPECT_EQ(matched, (std::unordered_set<int64_t>{6, 2, 0, 1, 3}));
  auto lit = replacement_nodes(b, a, 5);
  EXPECT_EQ(lit, (std::unordered_set<int64_t>{4, 5}));
  // x*1 -> x: the replacement existed already and is highlighted all the same.
  EXPECT_EQ(replacement_nodes(b, b, 0), (std::unordered_set<int64_t>{0}));
}

TEST(PlaceMissing, RebuiltNodesAreDrawnWhereTheNodeTheyWereRebuiltFromIs) {
  // The picture: x (#0) -> NEG #2 -> SQRT #3 (root). The snapshot: x -> NEG #2 still, and a
  // rebuilt SQRT ~1 over a new stored node #7 that the picture lacks.
  PassPicture picture;
  picture.input_root = 3;
  picture.nodes = {{0, node(0, "DEFINE_VAR", {}, "x")}, {2, node(2, "NEG", {0})}, {3, node(3, "SQRT", {2})}};
  picture.layout.nodes = {{0, QRectF(0, 0, 80, 30)}, {2, QRectF(0, 100, 80, 30)}, {3, QRectF(0, 200, 80, 30)}};
  picture.layout.bounds = QRectF(0, 0, 80, 230);
  StableKeys keys;
  GraphAt a;
  a.nodes = {node(0, "DEFINE_VAR", {}, "x"), node(7, "EXP2", {0}), node(-1, "SQRT", {7})};
  a.root = -1;
  FrameGraph g = keys.normalize(a);
  auto boxes = place_missing(g, picture, {}, LabelMetrics{});
  ASSERT_EQ(boxes.size(), 2u);
  EXPECT_EQ(boxes.at(g.root).center(), QPointF(40, 215));  // where SQRT #3 was (not shown: same place)
  EXPECT_GT(boxes.at(7).top(), 30);                          // below its source x
  EXPECT_NEAR(boxes.at(7).center().x(), 40, 1e-9);

  // When the node it stands for is shown as well, the rebuilt one goes beside it.
  GraphAt b;
  b.nodes = {node(0, "DEFINE_VAR", {}, "x"), node(2, "NEG", {0}), node(3, "SQRT", {2}), node(-4, "ADD", {3, 3})};
  b.root = -4;
  FrameGraph h = keys.normalize(b);
  auto beside = place_missing(h, picture, {}, LabelMetrics{});
  ASSERT_EQ(beside.size(), 1u);
  EXPECT_DOUBLE_EQ(beside.at(h.root).center().y(), 215);
  EXPECT_GE(beside.at(h.root).left(), 80 + 12 - 1e-9);  // right of SQRT #3, not on it
}

}  // namespace
}  // namespace rw::viewer

#include "viewers/layered_layout.h"

namespace rw::viewer {
namespace {

TEST(LayeredLayout, RanksByLongestPathAndKeepsLeavesAboveTheirUser) {
  // 1 -> 2 -> 3 -> 5, 4 -> 5 (a leaf used only at the bottom), 6 isolated.
  LayoutInput in;
  for (int64_t k : {1, 2, 3, 4, 5, 6}) in.nodes.push_back({k, 60, 20});
  in.edges = {{1, 2}, {2, 3}, {3, 5}, {4, 5}};
  GraphLayout out = layered_layout(in);
  ASSERT_EQ(out.nodes.size(), 6u);
  EXPECT_LT(out.nodes.at(1).bottom(), out.nodes.at(2).top());
  EXPECT_LT(out.nodes.at(2).bottom(), out.nodes.at(3).top());
  EXPECT_LT(out.nodes.at(3).bottom(), out.nodes.at(5).top());
  EXPECT_DOUBLE_EQ(out.nodes.at(4).top(), out.nodes.at(3).top());  // right above 5, beside 3
  for (auto& [a, ra] : out.nodes)
    for (auto& [b, rb] : out.nodes)
      if (a < b) {
        EXPECT_FALSE(ra.intersects(rb)) << a << " overlaps " << b;
      }
  ASSERT_EQ(out.edges.size(), 4u);
  for (const EdgePath& e : out.edges) {
    EXPECT_EQ(e.bezier.size(), 4u);
    EXPECT_NEAR(e.arrow_tip.y(), out.nodes.at(e.to).top(), 1e-9);
  }
  for (auto& [k, box] : out.nodes) EXPECT_TRUE(out.bounds.contains(box));
}

}  // namespace
}  // namespace rw::viewer

#include "engine/trace/trace_reader.h"
#include "tests/viewers/fixture_trace.h"
#include "viewers/node_details.h"

namespace rw::viewer {
namespace {

TEST(NodeLabel, TensorNodesShowTheirShapeUnderTheDtype) {
  auto path = viewer_testing::temp_dir("tensor-labels") / "tensor.rwd";
  viewer_testing::write_tensor_trace(path);
  TraceReader r(path.string());
  StableKeys keys;
  FrameGraph g = keys.normalize(r.graph_at(r.passes(1).at(0).id, 0));
  int reshapes = 0;
  for (const NodeRow& n : g.nodes) {
    QStringList lines = node_label_lines(n);
    if (n.op == "RESHAPE" || n.op == "ADD") {
      ASSERT_GE(lines.size(), 3) << n.op;
      EXPECT_EQ(lines[1], QStringLiteral("float32"));
      EXPECT_EQ(lines[2], QStringLiteral("(4, 8)")) << n.op;
      EXPECT_TRUE(node_details_html(g, n.id).contains(QStringLiteral("(4, 8)")));
      reshapes += n.op == "RESHAPE";
    } else if (n.op == "BUFFER") {
      EXPECT_EQ(lines[2], QStringLiteral("(32,)"));
    } else if (n.op == "SINK") {
      EXPECT_FALSE(n.shape);
      EXPECT_FALSE(node_details_html(g, n.id).contains(QStringLiteral("(4, 8)")));
    }
  }
  EXPECT_EQ(reshapes, 2);
  EXPECT_EQ(node_shape_text({}), QStringLiteral("()"));
}

}  // namespace
}  // namespace rw::viewer
