// The structural diff on small hand-made graphs: classes, counterparts and roots.
#include <gtest/gtest.h>

#include "engine/inspect/graph_diff.h"

namespace rw {
namespace {

NodeRow node(int64_t id, std::string op, std::vector<int64_t> srcs, std::string arg = "") {
  NodeRow n;
  n.id = id;
  n.op = std::move(op);
  n.dtype = "index";
  n.arg = std::move(arg);
  n.srcs = std::move(srcs);
  return n;  // hash 0: identity from fields, as for graph_at's stand-ins
}

// (x + 0) * 2  ->  x * 2: the ADD and its CONST 0 are removed, the MUL and SINK changed.
TEST(GraphDiff, ARewriteRemovesASubgraphAndChangesTheSpineAboveIt) {
  std::vector<NodeRow> a = {node(0, "DEFINE_VAR", {}, "x"), node(1, "CONST", {}, "0"), node(2, "ADD", {0, 1}), node(3, "CONST", {}, "2"),
                            node(4, "MUL", {2, 3}), node(5, "SINK", {4})};
  // The right side numbers its nodes differently: ids never matter.
  std::vector<NodeRow> b = {node(10, "DEFINE_VAR", {}, "x"), node(13, "CONST", {}, "2"), node(16, "MUL", {10, 13}), node(17, "SINK", {16})};
  GraphDiff d = diff_graphs(a, 5, b, 17);
  EXPECT_FALSE(d.identical());
  EXPECT_EQ(d.a.at(0).cls, DiffClass::Unchanged);
  EXPECT_EQ(d.a.at(0).other, 10);
  EXPECT_EQ(d.a.at(3).other, 13);
  EXPECT_EQ(d.a.at(1).cls, DiffClass::Removed);
  EXPECT_EQ(d.a.at(2).cls, DiffClass::Removed);
  EXPECT_EQ(d.a.at(4).cls, DiffClass::Changed);
  EXPECT_EQ(d.b.at(16).other, 4);
  EXPECT_EQ(d.removed_roots, std::vector<int64_t>{2});
  EXPECT_TRUE(d.added_roots.empty());
  EXPECT_EQ(d.changed_roots, (std::vector<std::pair<int64_t, int64_t>>{{5, 17}}));
  EXPECT_EQ(d.changed_innermost, (std::vector<std::pair<int64_t, int64_t>>{{4, 16}}));
  EXPECT_EQ(d.unchanged_roots, (std::vector<std::pair<int64_t, int64_t>>{{0, 10}, {3, 13}}));
  EXPECT_EQ(d.count(DiffClass::Removed, true), 2u);
  EXPECT_EQ(d.count(DiffClass::Changed, false), 2u);
}

TEST(GraphDiff, TheSameStructureUnderOtherIdsIsIdentical) {
  std::vector<NodeRow> a = {node(0, "DEFINE_VAR", {}, "x"), node(1, "CONST", {}, "3"), node(2, "MUL", {0, 1}), node(3, "SINK", {2})};
  std::vector<NodeRow> b = {node(7, "CONST", {}, "3"), node(8, "DEFINE_VAR", {}, "x"), node(9, "MUL", {8, 7}), node(12, "SINK", {9})};
  GraphDiff d = diff_graphs(a, 3, b, 12);
  EXPECT_TRUE(d.identical());
  EXPECT_EQ(d.unchanged_roots, (std::vector<std::pair<int64_t, int64_t>>{{3, 12}}));
  for (const auto& [id, nd] : d.b) EXPECT_EQ(nd.cls, DiffClass::Unchanged) << id;
}

TEST(GraphDiff, AnotherOpInTheSamePlaceIsRemovedAndAddedNotChanged) {
  std::vector<NodeRow> a = {node(0, "DEFINE_VAR", {}, "x"), node(1, "CONST", {}, "2"), node(2, "MUL", {0, 1}), node(3, "SINK", {2})};
  std::vector<NodeRow> b = {node(0, "DEFINE_VAR", {}, "x"), node(4, "SHL", {0, 5}), node(5, "CONST", {}, "1"), node(6, "SINK", {4})};
  GraphDiff d = diff_graphs(a, 3, b, 6);
  EXPECT_EQ(d.removed_roots, std::vector<int64_t>{2});
  EXPECT_EQ(d.added_roots, std::vector<int64_t>{4});
  EXPECT_EQ(d.a.at(1).cls, DiffClass::Removed);
  EXPECT_EQ(d.b.at(5).cls, DiffClass::Added);
  EXPECT_EQ(d.changed_roots, (std::vector<std::pair<int64_t, int64_t>>{{3, 6}}));
}

// Stored nodes are compared by the engine's hash: equal fields with different hashes differ
// (an argument the text form rounds), and a stand-in equals a stored node by its fields.
TEST(GraphDiff, StoredHashesDecideAndStandInsFallBackToFields) {
  NodeRow ca = node(1, "CONST", {}, "0.1"), cb = node(1, "CONST", {}, "0.1");
  ca.hash = 111;
  cb.hash = 222;
  GraphDiff d = diff_graphs({ca}, 1, {cb}, 1);
  EXPECT_EQ(d.a.at(1).cls, DiffClass::Changed);
  NodeRow stored = node(4, "NEG", {1}), stand_in = node(-1, "NEG", {1});
  stored.hash = 999;
  NodeRow c = node(1, "CONST", {}, "2");
  c.hash = 5;
  GraphDiff e = diff_graphs({c, stored}, 4, {c, stand_in}, -1);
  EXPECT_TRUE(e.identical());
  EXPECT_EQ(e.b.at(-1).other, 4);
}

}  // namespace
}  // namespace rw
