// The compare view on two real traces of softmax (rangeify: 2 kernels; conservative: 3):
// the aligned kernel table, the summary, the diff-coloured graph panes and the selection of
// a node's counterpart.
#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QMenu>
#include <QMenuBar>
#include <QTest>
#include <algorithm>
#include <set>

#include "engine/inspect/trace_points.h"
#include "tests/viewers/fusion_traces.h"
#include "viewers/compare_graph_pane.h"
#include "viewers/compare_summary.h"
#include "viewers/compare_window.h"
#include "viewers/graph_items.h"
#include "viewers/graph_scene.h"
#include "viewers/graph_view.h"
#include "viewers/kernel_alignment_model.h"
#include "viewers/main_window.h"

namespace rw::viewer {
namespace {

using viewer_testing::fusion_trace;
using Model = KernelAlignmentModel;

std::shared_ptr<const FusionComparison> compare(const std::string& fusion_a, const std::string& fusion_b) {
  TraceReader a(fusion_trace("softmax", fusion_a)), b(fusion_trace("softmax", fusion_b));
  return std::make_shared<const FusionComparison>(compare_fusion(a, 1, b, 1));
}

QString cell(const Model& m, int row, int column) { return m.data(m.index(row, column)).toString(); }

TEST(KernelAlignmentModel, AlignsSoftmaxKernelsByTheNodeTheyWriteAndMarksTheRegroupedOnes) {
  auto c = compare("rangeify", "conservative");
  Model model;
  QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
  model.setComparison(c);
  ASSERT_EQ(model.rowCount(), 4);
  ASSERT_EQ(model.columnCount(), Model::ColumnCount);
  // The output's kernel on both sides first, then the kernels one run alone has.
  const std::vector<std::array<QString, 3>> expected{
      {"r_6_10_10n1", "E_6_10", "regrouped"}, {"r_6_10_10", "", "only in A"}, {"", "r_6_10", "only in B"}, {"", "r_6_10n1", "only in B"}};
  for (int r = 0; r < 4; ++r) {
    EXPECT_EQ(cell(model, r, Model::KernelA), expected[size_t(r)][0]) << r;
    EXPECT_EQ(cell(model, r, Model::KernelB), expected[size_t(r)][1]) << r;
    EXPECT_EQ(cell(model, r, Model::Fusion), expected[size_t(r)][2]) << r;
    EXPECT_TRUE(model.data(model.index(r, Model::KernelA), Model::DiffersRole).toBool()) << r;
    EXPECT_TRUE(model.data(model.index(r, Model::Why), Qt::BackgroundRole).isValid()) << r;
  }
  // Times: each side's own, the delta B - A where both ran.
  const rw::KernelSummary &ka = c->a.kernels[*c->pairs[0].a], &kb = c->b.kernels[*c->pairs[0].b];
  ASSERT_TRUE(ka.min_us && kb.min_us && ka.median_us && kb.median_us);
  EXPECT_EQ(cell(model, 0, Model::MinA), QString::number(*ka.min_us, 'f', 3));
  EXPECT_EQ(cell(model, 0, Model::MedianB), QString::number(*kb.median_us, 'f', 3));
  const double delta = *kb.min_us - *ka.min_us;
  EXPECT_EQ(cell(model, 0, Model::MinDelta), (delta >= 0 ? "+" : "") + QString::number(delta, 'f', 3));
  EXPECT_DOUBLE_EQ(model.data(model.index(0, Model::MinDelta), Model::SortRole).toDouble(), delta);
  EXPECT_EQ(cell(model, 1, Model::MinDelta), "");
  EXPECT_EQ(cell(model, 1, Model::MinB), "");
  // Why: the decisions about the nodes one run realized and the other fused.
  EXPECT_EQ(model.reasons(1), (QStringList{"B REDUCE_AXIS %2 [6,1]: realize policy_conservative_expand", "A EXP2 %10 [6,10]: realize children_mismatch"}));
  EXPECT_EQ(model.reasons(2), QStringList{"B REDUCE_AXIS %2 [6,1]: realize policy_conservative_expand"});
  EXPECT_EQ(cell(model, 2, Model::Why), "B REDUCE_AXIS %2 [6,1]: realize policy_conservative_expand");
  const QString tip = model.data(model.index(1, Model::KernelA), Qt::ToolTipRole).toString();
  EXPECT_TRUE(tip.contains("run B computes them in r_6_10, r_6_10n1, E_6_10")) << tip.toStdString();
  EXPECT_TRUE(tip.contains("--fusion=conservative")) << tip.toStdString();  // the decision's detail
}

TEST(KernelAlignmentModel, ARunAgainstTheSameFusionHasNoMarkedRows) {
  Model model;
  QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
  model.setComparison(compare("conservative", "conservative"));
  ASSERT_EQ(model.rowCount(), 3);
  for (int r = 0; r < 3; ++r) {
    EXPECT_EQ(cell(model, r, Model::KernelA), cell(model, r, Model::KernelB));
    EXPECT_EQ(cell(model, r, Model::Fusion), "same");
    EXPECT_FALSE(model.data(model.index(r, Model::KernelA), Model::DiffersRole).toBool());
    EXPECT_FALSE(model.data(model.index(r, Model::KernelA), Qt::BackgroundRole).isValid());
    EXPECT_TRUE(model.reasons(r).isEmpty());
  }
}

TEST(CompareSummary, NamesTotalsKernelsBuffersAndBytes) {
  auto c = compare("rangeify", "conservative");
  const QString s = compare_summary(*c);
  EXPECT_TRUE(s.contains(QStringLiteral("A %1 µs, B %2 µs").arg(c->a.total_min_us, 0, 'f', 3).arg(c->b.total_min_us, 0, 'f', 3))) << s.toStdString();
  EXPECT_TRUE(s.contains("kernels: A 2, B 3")) << s.toStdString();
  EXPECT_TRUE(s.contains("buffers only in A: 1 (240 B), only in B: 2 (48 B)")) << s.toStdString();
  EXPECT_TRUE(s.contains(QStringLiteral("%1 tensor nodes moved").arg(c->moved.size()))) << s.toStdString();
  EXPECT_TRUE(compare_summary(*compare("conservative", "conservative")).contains("same fusion"));
}

// The window on rangeify (A) against conservative (B), with the diff it should show computed
// here from the traces directly.
struct CompareFixture {
  CompareFixture() {
    path_a = fusion_trace("softmax", "rangeify");
    path_b = fusion_trace("softmax", "conservative");
    window.resize(1500, 950);
    QString error;
    EXPECT_TRUE(window.openTraces(QString::fromStdString(path_a), std::nullopt, QString::fromStdString(path_b), std::nullopt, &error))
        << error.toStdString();
    window.show();
    EXPECT_TRUE(QTest::qWaitForWindowExposed(&window));
    window.fitGraphs();
    TraceReader a(path_a), b(path_b);
    PointGraph ga = load_graph(a, parse_graph_point(a, 1, "rangeify")), gb = load_graph(b, parse_graph_point(b, 1, "rangeify"));
    diff = diff_graphs(ga.nodes, ga.root, gb.nodes, gb.root);
  }
  std::vector<int64_t> differing(bool left) const {
    std::set<int64_t> out;
    for (auto& [id, d] : left ? diff.a : diff.b)
      if (d.cls != DiffClass::Unchanged) out.insert(id);
    return {out.begin(), out.end()};
  }
  void click(CompareSide side, int64_t key) {
    GraphView* view = window.pane(side)->view();
    NodeItem* item = window.pane(side)->scene()->nodeItem(key);
    ASSERT_TRUE(item && item->isVisible()) << key;
    QPoint at = view->mapFromScene(item->sceneBoundingRect().center());
    ASSERT_TRUE(view->viewport()->rect().contains(at)) << at.x() << "," << at.y();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, at);
  }
  std::string path_a, path_b;
  CompareWindow window;
  GraphDiff diff;
};

TEST(CompareWindow, ShowsTheRangeifyOutputOfBothRunsColouredByDiffClass) {
  CompareFixture f;
  CompareWindow& w = f.window;
  EXPECT_EQ(w.kernelModel()->rowCount(), 4);
  EXPECT_TRUE(w.summaryText().contains("kernels: A 2, B 3"));
  EXPECT_EQ(w.pointChooser()->currentText(), "rangeify");
  // Kernel pairs are offered as graphs too: the AST of each side's kernel.
  EXPECT_NE(w.pointChooser()->findText("kernel AST: r_6_10_10n1 | E_6_10"), -1);
  // rangeify's output: A 28 nodes (7 unchanged, 4 changed, 17 removed), B 39 (7, 4, 28 added).
  EXPECT_EQ(f.diff.count(DiffClass::Removed, true), 17u);
  EXPECT_EQ(f.diff.count(DiffClass::Added, false), 28u);
  GraphScene *a = w.pane(CompareSide::A)->scene(), *b = w.pane(CompareSide::B)->scene();
  EXPECT_EQ(a->visibleNodeKeys().size(), f.diff.a.size());
  EXPECT_EQ(b->visibleNodeKeys().size(), f.diff.b.size());
  EXPECT_EQ(a->highlightedKeys(), f.differing(true));
  EXPECT_EQ(b->highlightedKeys(), f.differing(false));
  EXPECT_EQ(a->highlightedKeys().size(), 21u);
  EXPECT_EQ(b->highlightedKeys().size(), 32u);
  // Each class its own colour.
  for (auto& [id, d] : f.diff.a)
    EXPECT_EQ(a->nodeItem(id)->highlight(), d.cls == DiffClass::Unchanged ? Highlight::None : d.cls == DiffClass::Changed ? Highlight::Changed : Highlight::Removed) << id;
  for (auto& [id, d] : f.diff.b)
    if (d.cls == DiffClass::Added) {
      EXPECT_EQ(b->nodeItem(id)->highlight(), Highlight::Added) << id;
    }
  EXPECT_TRUE(w.pane(CompareSide::A)->title().contains("17 removed")) << w.pane(CompareSide::A)->title().toStdString();
  EXPECT_TRUE(w.pane(CompareSide::B)->title().contains("28 added")) << w.pane(CompareSide::B)->title().toStdString();
}

TEST(CompareWindow, ClickingANodeSelectsAndCentresItsCounterpart) {
  CompareFixture f;
  CompareWindow& w = f.window;
  GraphScene *a = w.pane(CompareSide::A)->scene(), *b = w.pane(CompareSide::B)->scene();
  ASSERT_FALSE(f.diff.unchanged_roots.empty());
  auto [left, right] = f.diff.unchanged_roots.front();
  f.click(CompareSide::A, left);
  EXPECT_EQ(a->markedKeys(), std::vector<int64_t>{left});
  EXPECT_EQ(b->markedKeys(), std::vector<int64_t>{right});
  EXPECT_TRUE(w.pane(CompareSide::B)->view()->nodeOnScreen(right));

  // From B: a changed node's counterpart is the node in its place in A.
  ASSERT_FALSE(f.diff.changed_innermost.empty());
  auto [cl, cr] = f.diff.changed_innermost.front();
  w.fitGraphs();
  f.click(CompareSide::B, cr);
  EXPECT_EQ(b->markedKeys(), std::vector<int64_t>{cr});
  EXPECT_EQ(a->markedKeys(), std::vector<int64_t>{cl});
  EXPECT_TRUE(w.selectionText().contains("changed")) << w.selectionText().toStdString();

  // A removed node has none: nothing stays marked in B.
  ASSERT_FALSE(f.diff.removed_roots.empty());
  w.fitGraphs();
  f.click(CompareSide::A, f.diff.removed_roots.front());
  EXPECT_EQ(a->markedKeys(), std::vector<int64_t>{f.diff.removed_roots.front()});
  EXPECT_TRUE(b->markedKeys().empty());
  EXPECT_TRUE(w.selectionText().contains("no counterpart in B")) << w.selectionText().toStdString();
}

TEST(CompareWindow, AKernelPairShowsBothKernelsAsts) {
  CompareFixture f;
  CompareWindow& w = f.window;
  ASSERT_TRUE(w.showPointNamed("kernel AST: r_6_10_10n1 | E_6_10"));
  TraceReader a(f.path_a), b(f.path_b);
  PointGraph ga = load_graph(a, parse_graph_point(a, 1, "codegen r_6_10_10n1:in"));
  PointGraph gb = load_graph(b, parse_graph_point(b, 1, "codegen E_6_10:in"));
  ASSERT_NE(w.graphDiff(), nullptr);
  EXPECT_EQ(w.pane(CompareSide::A)->scene()->visibleNodeKeys().size(), ga.nodes.size());
  EXPECT_EQ(w.pane(CompareSide::B)->scene()->visibleNodeKeys().size(), gb.nodes.size());
  GraphDiff d = diff_graphs(ga.nodes, ga.root, gb.nodes, gb.root);
  EXPECT_EQ(w.graphDiff()->count(DiffClass::Unchanged, true), d.count(DiffClass::Unchanged, true));
  EXPECT_FALSE(w.showPointNamed("no such graph"));
}

TEST(CompareWindow, ABadSecondTraceIsReportedAndNothingOpens) {
  CompareWindow w;
  QString error;
  const std::string missing = (viewer_testing::temp_dir("compare-missing") / "nope.rwd").string();
  EXPECT_FALSE(w.openTraces(QString::fromStdString(fusion_trace("softmax", "rangeify")), std::nullopt, QString::fromStdString(missing),
                            std::nullopt, &error));
  EXPECT_TRUE(error.contains("nope.rwd")) << error.toStdString();
  EXPECT_EQ(w.kernelModel()->rowCount(), 0);
}

TEST(CompareWindow, TheMainWindowsFileMenuOpensIt) {
  MainWindow w;
  QMenu* file = nullptr;
  for (QAction* a : w.menuBar()->actions())
    if (a->text() == "&File") file = a->menu();
  ASSERT_NE(file, nullptr);
  QStringList entries;
  for (QAction* a : file->actions()) entries << a->text();
  EXPECT_TRUE(entries.contains(QStringLiteral("&Compare with…"))) << entries.join(", ").toStdString();
}

}  // namespace
}  // namespace rw::viewer
