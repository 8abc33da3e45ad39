// The main window driven from the keyboard on a real fixture trace: what is selected, which
// nodes are in the scene and highlighted, which kernel is shown.
#include <gtest/gtest.h>

#include <QGraphicsView>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTreeView>

#include "tests/viewers/window_test_util.h"
#include "viewers/graph_loader.h"
#include "viewers/graph_view.h"
#include "viewers/kernel_panel.h"
#include "viewers/rule_panel.h"
#include "viewers/trace_tree_model.h"

namespace rw::viewer {
namespace {

using testing::WindowFixture;

TEST(MainWindow, OpensAtTheFirstPassThatRewrites) {
  WindowFixture f("open");
  MainWindow& w = *f.window;
  EXPECT_EQ(w.currentPass(), f.simplify);
  EXPECT_EQ(w.currentStep(), 0);
  EXPECT_EQ(f.visible_stored(), f.stored_ids(0));
  EXPECT_EQ(w.scene()->visibleNodeKeys().size(), f.reader->graph_at(f.simplify, 0).nodes.size());
  EXPECT_TRUE(w.scene()->highlightedKeys().empty());  // the pass input: nothing fired yet
  EXPECT_TRUE(w.statusText().startsWith("pass simplify · step 0/6")) << w.statusText().toStdString();
  // The tree selects the pass row.
  QModelIndex current = w.tree()->currentIndex();
  EXPECT_EQ(current.data().toString(), "simplify");
}

TEST(MainWindow, ArrowKeysStepThroughRewritesWithHighlights) {
  WindowFixture f("arrows");
  MainWindow& w = *f.window;
  f.key(Qt::Key_Right);
  ASSERT_EQ(w.currentStep(), 1);
  StepRow s1 = *f.reader->step(f.simplify, 1);
  EXPECT_EQ(f.visible_stored(), f.stored_ids(1));
  EXPECT_EQ(w.scene()->side(), FrameSide::After);
  // After the step: the replacement and what the step built, nothing else.
  std::vector<int64_t> lit = w.scene()->highlightedKeys();
  EXPECT_NE(std::find(lit.begin(), lit.end(), s1.replacement), lit.end());
  std::set<int64_t> before = f.stored_ids(0);
  for (int64_t k : lit)
    if (k >= 0 && k != s1.replacement) {
      EXPECT_FALSE(before.count(k)) << "node " << k << " existed before the step";
    }
  EXPECT_EQ(w.tree()->currentIndex().data(TraceTreeModel::StepRole).toLongLong(), 1);
  EXPECT_TRUE(w.rulePanel()->ruleText().contains(QString::fromStdString(s1.rule_text)));
  EXPECT_TRUE(w.rulePanel()->diffText().contains(QString("- #%1 ").arg(s1.matched))) << w.rulePanel()->diffText().toStdString();

  // B shows the graph before the step with the rule's match: the matched root and its bound nodes.
  QTest::keyClick(&w, Qt::Key_B);
  EXPECT_EQ(w.scene()->side(), FrameSide::Before);
  EXPECT_EQ(f.visible_stored(), f.stored_ids(0));
  std::vector<int64_t> matched = w.scene()->highlightedKeys();
  std::set<int64_t> want = {s1.matched};
  for (const BoundRow& b : s1.bound) want.insert(b.node);
  for (int64_t k : want) EXPECT_NE(std::find(matched.begin(), matched.end(), k), matched.end()) << "node " << k;
  EXPECT_EQ(w.scene()->nodeItem(s1.matched)->highlight(), Highlight::Matched);
  QTest::keyClick(&w, Qt::Key_B);
  EXPECT_EQ(w.scene()->side(), FrameSide::After);

  f.key(Qt::Key_Right);
  f.key(Qt::Key_Right);
  f.key(Qt::Key_Left);
  EXPECT_EQ(w.currentStep(), 2);
  EXPECT_EQ(f.visible_stored(), f.stored_ids(2));
  // Stepping past either end stays put.
  for (int i = 0; i < 3; ++i) QTest::keyClick(&w, Qt::Key_Left);
  ASSERT_TRUE(w.waitUntilShown(testing::kFrameTimeoutMs));
  EXPECT_EQ(w.currentStep(), 0);
  QTest::keyClick(&w, Qt::Key_Left);
  EXPECT_EQ(w.currentStep(), 0);
  f.key(Qt::Key_End);
  EXPECT_EQ(w.currentStep(), 6);
  EXPECT_EQ(f.visible_stored(), f.stored_ids(6));
  f.key(Qt::Key_Home);
  EXPECT_EQ(w.currentStep(), 0);
}

TEST(MainWindow, RapidKeysShowOnlyTheLatestStep) {
  WindowFixture f("rapid");
  MainWindow& w = *f.window;
  int frames = 0;
  QObject::connect(&w, &MainWindow::frameShown, [&] { ++frames; });
  for (int i = 0; i < 5; ++i) QTest::keyClick(&w, Qt::Key_Right);  // no waiting in between
  ASSERT_TRUE(w.waitUntilShown(testing::kFrameTimeoutMs));
  EXPECT_EQ(w.currentStep(), 5);
  EXPECT_EQ(f.visible_stored(), f.stored_ids(5));
  EXPECT_LE(frames, 5);  // stale requests are skipped or dropped, never shown after the latest
  QTest::qWait(200);
  EXPECT_EQ(w.currentStep(), 5);
  EXPECT_EQ(f.visible_stored(), f.stored_ids(5));
}

TEST(MainWindow, UpDownChangePassAndPageKeysChangeKernel) {
  WindowFixture f("passes");
  MainWindow& w = *f.window;
  f.key(Qt::Key_Up);
  EXPECT_EQ(QString::fromStdString(f.reader->pass(w.currentPass())->name), "schedule");
  // The scheduling decision made in this pass, with its reason code.
  EXPECT_TRUE(w.rulePanel()->ruleText().contains("realize (output) the program's output")) << w.rulePanel()->ruleText().toStdString();
  EXPECT_EQ(w.currentStep(), 0);
  EXPECT_EQ(w.scene()->visibleNodeKeys().size(), f.reader->graph_at(w.currentPass(), 0).nodes.size());
  f.key(Qt::Key_Down);
  EXPECT_EQ(w.currentPass(), f.simplify);

  KernelPanel* k = w.kernelPanel();
  ASSERT_EQ(k->kernelCount(), 2);
  EXPECT_EQ(k->current(), 0);
  EXPECT_TRUE(k->shownText(KernelPanel::CTab).contains("void E_16_8("));
  QTest::keyClick(&w, Qt::Key_PageDown);
  EXPECT_EQ(k->current(), 1);
  EXPECT_TRUE(k->shownText(KernelPanel::CTab).contains("void r_4_16("));
  EXPECT_TRUE(k->shownText(KernelPanel::LlvmTab).contains("define void @r_4_16"));
  EXPECT_TRUE(k->shownText(KernelPanel::LinearTab).contains("REDUCE ADD"));
  EXPECT_TRUE(k->shownText(KernelPanel::CheckTab).contains("FAIL"));
  EXPECT_TRUE(k->shownText(KernelPanel::CheckTab).contains("first bad index 7"));
  EXPECT_TRUE(k->shownText(KernelPanel::TimingTab).contains("min 8.00 µs, median 9.00 µs"));
  QTest::keyClick(&w, Qt::Key_PageDown);
  EXPECT_EQ(k->current(), 1);  // the last kernel
  QTest::keyClick(&w, Qt::Key_PageUp);
  EXPECT_EQ(k->current(), 0);
  EXPECT_TRUE(k->shownText(KernelPanel::TimingTab).contains("1.02 GFLOP/s"));
  EXPECT_TRUE(k->shownText(KernelPanel::CheckTab).contains("PASS"));
}

TEST(MainWindow, SearchMarksMatchingNodesByOpArgOrId) {
  WindowFixture f("search");
  MainWindow& w = *f.window;
  QTest::keyClick(&w, Qt::Key_F, Qt::ControlModifier);
  QLineEdit* search = nullptr;
  for (QLineEdit* e : w.findChildren<QLineEdit*>())
    if (e->placeholderText().startsWith("Search graph")) search = e;
  ASSERT_TRUE(search);
  EXPECT_TRUE(search->hasFocus());
  QTest::keyClicks(search, "define_var");
  std::vector<int64_t> marked = w.scene()->markedKeys();
  ASSERT_EQ(marked.size(), 2u);  // x and y
  for (int64_t k : marked) EXPECT_EQ(w.scene()->nodeItem(k)->lines().front().left(10), "DEFINE_VAR");
  EXPECT_EQ(w.search("#0"), std::vector<int64_t>{0});
  EXPECT_EQ(w.search("'y'").size(), 1u);  // by argument
  EXPECT_TRUE(w.search("no such op").empty());
  EXPECT_TRUE(w.scene()->markedKeys().empty());
}

TEST(MainWindow, ClickingANodeShowsItsDetails) {
  WindowFixture f("click");
  MainWindow& w = *f.window;
  QTest::keyClick(&w, Qt::Key_Space);  // fit, so every node is on screen
  NodeItem* item = w.scene()->nodeItem(0);  // DEFINE_VAR x
  ASSERT_TRUE(item && item->isVisible());
  QGraphicsView* view = w.graphView();
  QPoint at = view->mapFromScene(item->sceneBoundingRect().center());
  ASSERT_TRUE(view->viewport()->rect().contains(at)) << at.x() << "," << at.y() << " in " << view->viewport()->width() << "x" << view->viewport()->height();
  QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, at);
  QString details = w.rulePanel()->nodeText();
  EXPECT_TRUE(details.contains("#0 DEFINE_VAR index arg=('x', 0, 15)")) << details.toStdString();
  EXPECT_TRUE(details.contains("Users"));
  EXPECT_TRUE(details.contains("[0, 15]"));
  EXPECT_TRUE(details.contains("fixture.tg:1:9")) << details.toStdString();
  EXPECT_EQ(w.scene()->markedKeys(), std::vector<int64_t>{0});
}

TEST(MainWindow, SpaceFitsTheGraphIntoTheView) {
  WindowFixture f("fit");
  MainWindow& w = *f.window;
  GraphView* view = w.graphView();
  view->scale(8, 8);  // zoomed far in
  QRectF shown = view->mapToScene(view->viewport()->rect()).boundingRect();
  EXPECT_FALSE(shown.contains(w.scene()->visibleBounds()));
  QTest::keyClick(&w, Qt::Key_Space);
  shown = view->mapToScene(view->viewport()->rect()).boundingRect();
  EXPECT_TRUE(shown.contains(w.scene()->visibleBounds()));
}

TEST(MainWindow, FilterBoxNarrowsTheTree) {
  WindowFixture f("filter");
  MainWindow& w = *f.window;
  w.treeModel()->stepIndex(f.simplify, 6);  // all steps read
  QTest::keyClicks(w.filterBox(), "x*1 -> x");
  QAbstractItemModel* m = w.tree()->model();
  QModelIndex pass = m->index(0, 0, m->index(0, 0, m->index(0, 0)));
  ASSERT_TRUE(pass.isValid());
  EXPECT_EQ(m->rowCount(pass), 2);  // steps 4 and 6
  // Choosing a filtered step in the tree goes there.
  w.tree()->setCurrentIndex(m->index(1, 0, pass));
  ASSERT_TRUE(w.waitUntilShown(testing::kFrameTimeoutMs));
  EXPECT_EQ(w.currentStep(), 6);
}

TEST(MainWindow, BadFilesGiveTheReadersMessage) {
  auto dir = viewer_testing::temp_dir("bad");
  std::string garbage = (dir / "garbage.rwd").string();
  FILE* fp = fopen(garbage.c_str(), "w");
  fputs("this is not a trace", fp);
  fclose(fp);
  MainWindow w;
  QString error;
  EXPECT_FALSE(w.openTrace(QString::fromStdString(garbage), &error));
  EXPECT_TRUE(error.contains("not an SQLite database")) << error.toStdString();
  EXPECT_FALSE(w.openTrace(QString::fromStdString((dir / "missing.rwd").string()), &error));
  EXPECT_TRUE(error.contains("does not exist")) << error.toStdString();
  EXPECT_EQ(w.statusText(), "No trace open");
}

TEST(MainWindow, RunWithoutKernelsSaysSo) {
  auto path = (viewer_testing::temp_dir("nokernels") / "t.rwd").string();
  {
    Arena a;
    UOpPtr e = parse_index_expr(a, "x*1 + 0", {{"x", {0, 3}}});
    SqliteTracer t(path);
    TracerScope scope(t);
    t.begin_run({"simplify", "", "", {}, "test"});
    graph_rewrite(e, viewer_testing::fixture_rules(), "simplify");
    t.end_run(true);
    t.close();
  }
  MainWindow w;
  w.show();
  ASSERT_TRUE(w.openTrace(QString::fromStdString(path)));
  ASSERT_TRUE(w.waitUntilShown(testing::kFrameTimeoutMs));
  EXPECT_EQ(w.kernelPanel()->kernelCount(), 0);
  auto* c = w.kernelPanel()->findChild<QPlainTextEdit*>();
  ASSERT_TRUE(c);
  EXPECT_EQ(c->placeholderText(), "This run has no kernels yet.");
  EXPECT_TRUE(w.kernelPanel()->shownText(KernelPanel::TimingTab).contains("no kernels yet"));
  QTest::keyClick(&w, Qt::Key_PageDown);  // nothing to step to, nothing breaks
  EXPECT_EQ(w.kernelPanel()->current(), -1);
}

TEST(GraphLoadController, DropsResultsOfSupersededRequests) {
  auto path = (viewer_testing::temp_dir("loader") / "t.rwd").string();
  viewer_testing::write_fixture_trace(path);
  int64_t simplify = 2;
  GraphLoadController loader(QString::fromStdString(path), LabelMetrics{});
  std::vector<int64_t> shown;
  QObject::connect(&loader, &GraphLoadController::frameReady, [&](std::shared_ptr<const GraphFrame> f) { shown.push_back(f->step); });
  loader.request(simplify, 1);
  loader.request(simplify, 2);
  loader.request(simplify, 4);
  for (int i = 0; i < 300 && shown.empty(); ++i) QTest::qWait(10);
  QTest::qWait(100);
  EXPECT_EQ(shown, std::vector<int64_t>{4});
  EXPECT_FALSE(loader.busy());
}

}  // namespace
}  // namespace rw::viewer

namespace rw::viewer {
namespace {

TEST(MainWindow, FollowsATraceThatIsStillBeingWritten) {
  auto path = (viewer_testing::temp_dir("live") / "live.rwd").string();
  Arena a;
  SqliteTracer t(path);
  TracerScope scope(t);
  t.begin_run({"simplify", "", "", {}, "test"});
  graph_rewrite(parse_index_expr(a, "x*1 + 0", {{"x", {0, 3}}}), viewer_testing::fixture_rules(), "first");
  t.flush();

  MainWindow w;
  w.show();
  ASSERT_TRUE(w.openTrace(QString::fromStdString(path)));
  ASSERT_TRUE(w.waitUntilShown(testing::kFrameTimeoutMs));
  EXPECT_EQ(w.treeModel()->passOrder().size(), 1u);
  w.goTo(w.currentPass(), 1);
  ASSERT_TRUE(w.waitUntilShown(testing::kFrameTimeoutMs));
  EXPECT_FALSE(w.followChanges());  // nothing new yet

  graph_rewrite(parse_index_expr(a, "(y*1)*1 + 0", {{"y", {0, 3}}}), viewer_testing::fixture_rules(), "second");
  t.flush();
  ASSERT_TRUE(w.followChanges());
  ASSERT_TRUE(w.waitUntilShown(testing::kFrameTimeoutMs));
  std::vector<int64_t> passes = w.treeModel()->passOrder();
  ASSERT_EQ(passes.size(), 2u);
  EXPECT_EQ(w.currentStep(), 1);  // stays where it was
  EXPECT_EQ(w.treeModel()->passRow(passes[1])->name, "second");
  EXPECT_EQ(w.treeModel()->passRow(passes[1])->step_count, TraceReader(path).pass(passes[1])->step_count);
  EXPECT_GT(w.treeModel()->passRow(passes[1])->step_count, 0);
  t.end_run(true);
  t.close();
}

}  // namespace
}  // namespace rw::viewer

namespace rw::viewer {
namespace {

TEST(MainWindow, EveryNodeOfEveryStepIsDrawnOnBothSides) {
  testing::WindowFixture f("every-step");
  MainWindow& w = *f.window;
  const int64_t steps = f.reader->pass(f.simplify)->step_count;
  for (int64_t s = 0; s <= steps; ++s) {
    w.goTo(f.simplify, s);
    ASSERT_TRUE(w.waitUntilShown(testing::kFrameTimeoutMs));
    for (int side = 0; side < 2; ++side) {
      const FrameGraph* g = w.scene()->shownGraph();
      std::vector<int64_t> want;
      for (const NodeRow& n : g->nodes) want.push_back(n.id);
      std::sort(want.begin(), want.end());
      EXPECT_EQ(w.scene()->visibleNodeKeys(), want) << "step " << s << (side ? " before" : " after");
      EXPECT_EQ(g->nodes.size(), f.reader->graph_at(f.simplify, side ? std::max<int64_t>(s - 1, 0) : s).nodes.size());
      w.toggleSide();
    }
  }
}

}  // namespace
}  // namespace rw::viewer

namespace rw::viewer {
namespace {

TEST(MainWindow, RunWithoutPassesSaysSo) {
  auto path = (viewer_testing::temp_dir("nopasses") / "t.rwd").string();
  {
    SqliteTracer t(path);
    t.begin_run({"run", "p.tg", "", {}, "test"});
    t.end_run(false);
    t.close();
  }
  MainWindow w;
  w.show();
  ASSERT_TRUE(w.openTrace(QString::fromStdString(path)));
  EXPECT_EQ(w.graphView()->emptyText(), "This run has no passes yet.");
  EXPECT_TRUE(w.scene()->visibleNodeKeys().empty());
  QTest::keyClick(&w, Qt::Key_Right);  // nothing to step: nothing breaks
  QTest::keyClick(&w, Qt::Key_Down);
  EXPECT_EQ(w.currentPass(), 0);
}

TEST(MainWindow, GraphsTooBigToDrawAreSteppedWithoutDrawing) {
  auto path = (viewer_testing::temp_dir("toobig") / "t.rwd").string();
  {
    Arena a;
    UOpPtr chain = a.var("x", 0, 3);
    for (int i = 0; i < int(GraphLoader::kMaxDrawableNodes); ++i) chain = chain->add(int64_t(i + 1));
    SqliteTracer t(path);
    TracerScope scope(t);
    t.begin_run({"simplify", "", "", {}, "test"});
    graph_rewrite(a.sink({chain->mul(int64_t(1))}), viewer_testing::fixture_rules(), "huge");
    t.end_run(true);
    t.close();
  }
  MainWindow w;
  w.show();
  ASSERT_TRUE(w.openTrace(QString::fromStdString(path)));
  ASSERT_TRUE(w.waitUntilShown(testing::kFrameTimeoutMs));
  EXPECT_TRUE(w.graphView()->emptyText().contains("more than the viewer draws")) << w.graphView()->emptyText().toStdString();
  EXPECT_TRUE(w.scene()->visibleNodeKeys().empty());
  QTest::keyClick(&w, Qt::Key_Right);
  ASSERT_TRUE(w.waitUntilShown(testing::kFrameTimeoutMs));
  EXPECT_EQ(w.currentStep(), 1);
  EXPECT_TRUE(w.rulePanel()->ruleText().contains("x*1 -> x"));
}

}  // namespace
}  // namespace rw::viewer
