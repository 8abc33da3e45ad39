// The Qt-side pieces of node inspection without a window: the query syntax of the search box,
// the search results model, step links, the diff overlay's classes and the parsing of
// `rewind why --json` answers.
#include <gtest/gtest.h>

#include <QAbstractItemModelTester>

#include "engine/inspect/node_search.h"
#include "tests/viewers/fixture_trace.h"
#include "viewers/diff_overlay.h"
#include "viewers/node_provenance.h"
#include "viewers/node_query_text.h"
#include "viewers/node_search_model.h"
#include "viewers/why_not_result.h"

namespace rw::viewer {
namespace {

TEST(NodeQueryText, ReadsKeyValueTermsAndQuotedValues) {
  QString error;
  std::optional<NodeQuery> q = parse_node_query("op:ADD arg:3 rule:\"x+0 -> x\" kernel:r_6_10 computed:E_16_8", &error);
  ASSERT_TRUE(q) << error.toStdString();
  EXPECT_EQ(q->op, "ADD");
  EXPECT_EQ(q->arg, "3");
  EXPECT_EQ(q->rule, "x+0 -> x");
  EXPECT_EQ(q->kernel, "r_6_10");
  EXPECT_EQ(q->computed_by, "E_16_8");
  EXPECT_TRUE(looks_like_node_query("Op:mul"));
  EXPECT_TRUE(looks_like_node_query("#3 rule:fold"));
  EXPECT_FALSE(looks_like_node_query("define_var"));
  EXPECT_FALSE(looks_like_node_query("('x', 0, 15)"));
}

TEST(NodeQueryText, BadTermsSayWhatIsWrongAndWhatIsValid) {
  QString error;
  EXPECT_FALSE(parse_node_query("op:ADD colour:red", &error));
  EXPECT_TRUE(error.contains("'colour:red' is not a query term")) << error.toStdString();
  EXPECT_TRUE(error.contains("op, arg, rule, kernel, computed")) << error.toStdString();
  EXPECT_FALSE(parse_node_query("op:", &error));
  EXPECT_TRUE(error.contains("'op:' has no value")) << error.toStdString();
  EXPECT_FALSE(parse_node_query("op:ADD op:MUL", &error));
  EXPECT_TRUE(error.contains("'op:' is given twice")) << error.toStdString();
}

TEST(NodeSearchModel, RowsAreTheFoundNodes) {
  const auto path = viewer_testing::temp_dir("search-model") / "fixture.rwd";
  viewer_testing::write_fixture_trace(path);
  TraceReader reader(path.string());
  NodeSearchModel model;
  QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
  NodeQuery q;
  q.op = "define_var";
  model.setResult(find_nodes(reader, 1, q));
  ASSERT_EQ(model.rowCount(), 2);  // x and y
  EXPECT_EQ(model.index(0, NodeSearchModel::IdColumn).data().toString(), "#0");
  EXPECT_EQ(model.index(0, NodeSearchModel::OpColumn).data().toString(), "DEFINE_VAR");
  EXPECT_EQ(model.index(0, NodeSearchModel::ArgColumn).data().toString(), "('x', 0, 15)");
  EXPECT_TRUE(model.index(1, NodeSearchModel::ArgColumn).data().toString().startsWith("('y'"));
  EXPECT_EQ(model.index(1, 0).data(NodeSearchModel::NodeIdRole).toLongLong(), model.node(1)->id);
  EXPECT_EQ(model.headerData(NodeSearchModel::NotesColumn, Qt::Horizontal).toString(), "Why");
  model.setResult({});
  EXPECT_EQ(model.rowCount(), 0);
}

TEST(NodeProvenance, StepLinksRoundTrip) {
  EXPECT_EQ(step_link(6, 12), "step:6:12");
  EXPECT_EQ(parse_step_link(QUrl(step_link(6, 12))), (StepPlace{6, 12}));
  EXPECT_FALSE(parse_step_link(QUrl("https://example.com")));
  EXPECT_FALSE(parse_step_link(QUrl("step:6")));
  EXPECT_FALSE(parse_step_link(QUrl("step:six:1")));
}

// a + b*2 against a + (b+3): the roots (both ADD) pair up as changed; b*2 and b+3 differ in
// op, so one is removed and the other added, with their constants.
TEST(DiffOverlay, ClassesEveryShownNodeAndListsTheRemoved) {
  auto node = [](int64_t id, std::string op, std::vector<int64_t> srcs, std::string arg = {}) {
    NodeRow n;
    n.id = id;
    n.op = std::move(op);
    n.dtype = "index";
    n.srcs = std::move(srcs);
    n.arg = std::move(arg);
    return n;
  };
  auto graph = [](std::vector<NodeRow> nodes) {
    FrameGraph g;
    g.nodes = std::move(nodes);
    for (size_t i = 0; i < g.nodes.size(); ++i) g.position[g.nodes[i].id] = i;
    g.root = g.nodes.back().id;
    return g;
  };
  FrameGraph ref = graph({node(1, "DEFINE_VAR", {}, "a"), node(2, "DEFINE_VAR", {}, "b"), node(3, "CONST", {}, "2"), node(4, "MUL", {2, 3}),
                          node(5, "ADD", {1, 4})});
  FrameGraph shown = graph({node(1, "DEFINE_VAR", {}, "a"), node(2, "DEFINE_VAR", {}, "b"), node(6, "CONST", {}, "3"), node(7, "ADD", {2, 6}),
                            node(8, "ADD", {1, 7})});
  DiffOverlay o = diff_overlay(ref, shown);
  EXPECT_EQ(o.keys(DiffClass::Unchanged), (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(o.keys(DiffClass::Changed), (std::vector<int64_t>{8}));
  EXPECT_EQ(o.keys(DiffClass::Added), (std::vector<int64_t>{6, 7}));
  ASSERT_EQ(o.removed.size(), 2u);
  EXPECT_EQ(o.removed[0].id, 3);
  EXPECT_EQ(o.removed[1].id, 4);
  EXPECT_EQ(o.removed_roots, 1u);
  const QString html = diff_overlay_html(o, "simplify");
  EXPECT_TRUE(html.contains("#4 MUL index (#2, #3)")) << html.toStdString();
  EXPECT_NE(diff_class_fill(DiffClass::Added, false), diff_class_fill(DiffClass::Changed, false));
}

TEST(WhyNotResult, ReadsTheAnswerAndRejectsBrokenOnes) {
  QString error;
  std::optional<WhyNotResult> r = parse_why_not(
      R"J({"run":1,"pass_id":2,"pass":"simplify","step":3,"node_id":7,"node":"%7 ADD index (%5, %6)","next":"no later step rewrites it","other_rules":2,)J"
      R"J("rules":[{"rule":"x+0 -> x","location":"fixture_trace.h:28","outcome":"mismatch","detail":"src 1: wanted CONST 0, got %6 MUL"}]})J",
      &error);
  ASSERT_TRUE(r) << error.toStdString();
  EXPECT_EQ(r->pass_id, 2);
  EXPECT_EQ(r->step, 3);
  EXPECT_EQ(r->node_id, 7);
  EXPECT_EQ(r->other_rules, 2);
  ASSERT_EQ(r->rules.size(), 1u);
  EXPECT_EQ(r->rules[0].outcome, "mismatch");
  EXPECT_EQ(r->rules[0].location, "fixture_trace.h:28");
  EXPECT_FALSE(parse_why_not("rewind why: no such node", &error));
  EXPECT_TRUE(error.contains("not a JSON object")) << error.toStdString();
  EXPECT_FALSE(parse_why_not(R"J({"run":1,"pass_id":2,"step":3,"node_id":7,"other_rules":0})J", &error));
  EXPECT_TRUE(error.contains("\"rules\" is missing")) << error.toStdString();
  EXPECT_FALSE(parse_why_not(R"J({"run":1,"pass_id":2,"step":3,"node_id":7,"other_rules":0,"rules":[{"rule":"r","outcome":"maybe"}]})J", &error));
  EXPECT_TRUE(error.contains("unknown outcome 'maybe'")) << error.toStdString();
}

}  // namespace
}  // namespace rw::viewer
