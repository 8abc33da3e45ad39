// Node inspection in the window on the real fixture trace: a node's history in the details
// pane and its step links, node queries from the search box, the structural-diff overlay and
// "why didn't a rule fire here?" with a script standing in for `rewind why`.
#include <gtest/gtest.h>

#include <QAction>
#include <QFileInfo>
#include <QLineEdit>
#include <QMenu>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTableView>
#include <QTextBrowser>
#include <QTreeView>

#include "engine/inspect/graph_diff.h"
#include "tests/viewers/fake_rewind.h"
#include "tests/viewers/window_test_util.h"
#include "viewers/diff_overlay.h"
#include "viewers/graph_view.h"
#include "viewers/node_search_panel.h"
#include "viewers/op_palette.h"
#include "viewers/rule_panel.h"
#include "viewers/trace_tree_model.h"
#include "viewers/why_panel.h"

namespace rw::viewer {
namespace {

using testing::FakeRewind;
using testing::WindowFixture;

constexpr int kCommandTimeoutMs = 30'000;

// The step of the simplify pass that fired the rule with this text.
StepRow step_of_rule(WindowFixture& f, const std::string& rule) {
  for (const StepRow& s : f.reader->steps(f.simplify))
    if (s.rule_text == rule) return s;
  ADD_FAILURE() << "no step fired " << rule;
  return {};
}

QLineEdit* search_box(MainWindow& w) {
  for (QLineEdit* e : w.findChildren<QLineEdit*>())
    if (e->placeholderText().startsWith("Search graph")) return e;
  return nullptr;
}

// Follows the details pane's link whose text starts with `label` ("created by", "removed by").
bool follow_link(MainWindow& w, const QString& label) {
  const QString html = w.rulePanel()->nodeHtml();
  QRegularExpression link(QRegularExpression::escape(label) + QStringLiteral("\\s*<a href=\"(step:[0-9]+:[0-9]+)\""));
  QRegularExpressionMatch m = link.match(html);
  if (!m.hasMatch()) return false;
  QTextBrowser* node_pane = nullptr;
  for (QTextBrowser* b : w.rulePanel()->findChildren<QTextBrowser*>())
    if (b->toHtml() == html) node_pane = b;
  if (!node_pane) return false;
  emit node_pane->anchorClicked(QUrl(m.captured(1)));
  return w.waitUntilShown(testing::kFrameTimeoutMs);
}

TEST(NodeHistoryInWindow, AFoldedConstantSaysWhichStepMadeItAndTheLinkGoesThere) {
  WindowFixture f("history-fold");
  MainWindow& w = *f.window;
  const StepRow fold = step_of_rule(f, "c1+c2 -> fold");
  w.goTo(f.simplify, fold.step);
  ASSERT_TRUE(w.waitUntilShown(testing::kFrameTimeoutMs));
  w.selectNode(fold.replacement);
  const QString details = w.rulePanel()->nodeText();
  EXPECT_TRUE(details.contains(QString("created by step %1 of pass %2 (simplify), rule c1+c2 -> fold").arg(fold.step).arg(f.simplify)))
      << details.toStdString();
  EXPECT_TRUE(details.contains("still in the graph: no step removes it")) << details.toStdString();
  EXPECT_TRUE(details.contains(QString("Produced by\nstep %1 of pass %2 (simplify): rule c1+c2 -> fold").arg(fold.step).arg(f.simplify)))
      << details.toStdString();

  // From the pass input, the link lands on the step with the node selected.
  f.key(Qt::Key_Home);
  ASSERT_EQ(w.currentStep(), 0);
  ASSERT_TRUE(follow_link(w, "created by"));
  EXPECT_EQ(w.currentPass(), f.simplify);
  EXPECT_EQ(w.currentStep(), fold.step);
  EXPECT_EQ(w.tree()->currentIndex().data(TraceTreeModel::StepRole).toLongLong(), fold.step);
  EXPECT_EQ(w.scene()->side(), FrameSide::After);
  EXPECT_EQ(w.selectedNode(), fold.replacement);
  EXPECT_EQ(w.scene()->markedKeys(), std::vector<int64_t>{fold.replacement});

  const std::string png = (viewer_testing::temp_dir("history-shot") / "provenance.png").string();
  ASSERT_TRUE(w.grab().save(QString::fromStdString(png)));
  std::cout << "screenshot: " << png << "\n";
}

TEST(NodeHistoryInWindow, ARewrittenNodeLinksToTheStepThatRemovedIt) {
  WindowFixture f("history-removed");
  MainWindow& w = *f.window;
  const StepRow reassoc = step_of_rule(f, "(x*c1)*c2 -> x*(c1*c2)");
  w.selectNode(reassoc.matched);  // (x*2)*3, in the pass input
  const QString details = w.rulePanel()->nodeText();
  EXPECT_TRUE(details.contains(QString("removed by step %1 of pass %2 (simplify), rule (x*c1)*c2 -> x*(c1*c2)").arg(reassoc.step).arg(f.simplify)))
      << details.toStdString();
  EXPECT_TRUE(details.contains("(rewritten: it was the matched node)")) << details.toStdString();
  EXPECT_TRUE(details.contains(QString("Matched by\nstep %1 of pass %2 (simplify)").arg(reassoc.step).arg(f.simplify))) << details.toStdString();
  ASSERT_TRUE(follow_link(w, "removed by"));
  EXPECT_EQ(w.currentStep(), reassoc.step);
  // Gone after the step: it is shown before it, as the rule's match.
  EXPECT_EQ(w.scene()->side(), FrameSide::Before);
  EXPECT_EQ(w.scene()->markedKeys(), std::vector<int64_t>{reassoc.matched});
  EXPECT_EQ(w.scene()->nodeItem(reassoc.matched)->highlight(), Highlight::Matched);
}

TEST(NodeHistoryInWindow, AProgramNodeShowsItsLineOfTheProgram) {
  WindowFixture f("history-program");
  MainWindow& w = *f.window;
  w.selectNode(0);  // x, placed at fixture.tg:1:9
  const QString details = w.rulePanel()->nodeText();
  EXPECT_TRUE(details.contains(QString("from the program, line 1: out = ") + viewer_testing::kFixtureExpr)) << details.toStdString();
  EXPECT_TRUE(details.contains("still in the graph")) << details.toStdString();
}

TEST(NodeQueryInWindow, ReturnRunsTheQueryAndAResultGoesToItsStep) {
  WindowFixture f("query");
  MainWindow& w = *f.window;
  const StepRow fold = step_of_rule(f, "c1+c2 -> fold");
  QLineEdit* search = search_box(w);
  ASSERT_TRUE(search);
  QTest::keyClick(&w, Qt::Key_F, Qt::ControlModifier);
  QTest::keyClicks(search, "rule:fold");
  QTest::keyClick(search, Qt::Key_Return);
  NodeSearchModel* model = w.searchPanel()->model();
  // The fold matched 2+3 and built 5: both are listed, with why.
  std::map<int64_t, int> row_of;
  for (int r = 0; r < model->rowCount(); ++r) row_of[model->index(r, 0).data(NodeSearchModel::NodeIdRole).toLongLong()] = r;
  ASSERT_TRUE(row_of.count(fold.matched)) << w.searchPanel()->summary().toStdString();
  ASSERT_TRUE(row_of.count(fold.replacement));
  EXPECT_EQ(model->index(row_of[fold.matched], NodeSearchModel::OpColumn).data().toString(), "ADD");
  EXPECT_EQ(model->index(row_of[fold.replacement], NodeSearchModel::OpColumn).data().toString(), "CONST");
  EXPECT_TRUE(model->index(row_of[fold.replacement], NodeSearchModel::NotesColumn).data().toString().contains("c1+c2 -> fold"));
  EXPECT_TRUE(w.searchPanel()->summary().startsWith(QString("%1 node(s) for rule:fold").arg(model->rowCount())))
      << w.searchPanel()->summary().toStdString();
  // The pass input holds 2+3: it is marked there.
  EXPECT_EQ(w.scene()->markedKeys(), std::vector<int64_t>{fold.matched});

  QTableView* table = w.searchPanel()->table();
  const QRect cell = table->visualRect(model->index(row_of[fold.replacement], 0));
  QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::NoModifier, cell.center());
  ASSERT_TRUE(w.waitUntilShown(testing::kFrameTimeoutMs));
  EXPECT_EQ(w.currentPass(), f.simplify);
  EXPECT_EQ(w.currentStep(), fold.step);
  EXPECT_EQ(w.selectedNode(), fold.replacement);
  EXPECT_TRUE(w.rulePanel()->nodeText().contains("created by step")) << w.rulePanel()->nodeText().toStdString();

  search->setText("op:define_var");
  QTest::keyClick(search, Qt::Key_Return);
  ASSERT_EQ(model->rowCount(), 2);
  EXPECT_EQ(model->index(0, NodeSearchModel::IdColumn).data().toString(), "#0");
}

TEST(NodeQueryInWindow, BadQueriesSayWhyInThePanel) {
  WindowFixture f("query-bad");
  MainWindow& w = *f.window;
  EXPECT_FALSE(w.findNodes("op:NOPE"));
  EXPECT_EQ(w.searchPanel()->model()->rowCount(), 0);
  EXPECT_TRUE(w.searchPanel()->summary().contains("NOPE")) << w.searchPanel()->summary().toStdString();
  EXPECT_FALSE(w.findNodes("op:ADD shape:4"));
  EXPECT_TRUE(w.searchPanel()->summary().contains("'shape:4' is not a query term")) << w.searchPanel()->summary().toStdString();
}

// The stored nodes of class `c` when diffing two snapshots of the simplify pass.
std::set<int64_t> expected_class(WindowFixture& f, int64_t ref_step, int64_t step, DiffClass c) {
  GraphAt a = f.reader->graph_at(f.simplify, ref_step), b = f.reader->graph_at(f.simplify, step);
  GraphDiff d = diff_graphs(a.nodes, a.root, b.nodes, b.root);
  std::set<int64_t> ids;
  for (const auto& [id, nd] : d.b)
    if (nd.cls == c && id >= 0) ids.insert(id);
  return ids;
}

std::set<int64_t> stored_filled(MainWindow& w, DiffClass c) {
  std::set<int64_t> ids;
  for (int64_t k : w.scene()->visibleKeysFilled(diff_class_fill(c, palette_is_dark())))
    if (k >= 0) ids.insert(k);
  return ids;
}

// Runs the event loop until the overlay for this step and reference is on screen (it is
// computed off the UI thread).
bool overlay_shown(MainWindow& w, int64_t step, DiffReference reference) {
  return QTest::qWaitFor([&] { return w.diffOverlay() && w.diffOverlay()->step == step && w.diffOverlay()->reference == reference; }, kCommandTimeoutMs);
}

TEST(DiffOverlayInWindow, DColoursTheGraphAgainstThePassInputAndFollowsSteps) {
  WindowFixture f("overlay");
  MainWindow& w = *f.window;
  const StepRow fold = step_of_rule(f, "c1+c2 -> fold");
  w.goTo(f.simplify, fold.step);
  ASSERT_TRUE(w.waitUntilShown(testing::kFrameTimeoutMs));
  QTest::keyClick(&w, Qt::Key_D);
  EXPECT_TRUE(w.diffOverlayOn());
  ASSERT_TRUE(overlay_shown(w, fold.step, DiffReference::PassInput));
  const std::set<int64_t> added = expected_class(f, 0, fold.step, DiffClass::Added);
  EXPECT_TRUE(added.count(fold.replacement));
  EXPECT_EQ(stored_filled(w, DiffClass::Added), added);
  EXPECT_EQ(stored_filled(w, DiffClass::Changed), expected_class(f, 0, fold.step, DiffClass::Changed));
  EXPECT_EQ(stored_filled(w, DiffClass::Unchanged), expected_class(f, 0, fold.step, DiffClass::Unchanged));
  EXPECT_TRUE(stored_filled(w, DiffClass::Unchanged).count(0));  // x
  // 2+3 is gone: listed beside the graph.
  const QString panel = w.diffPanel()->toPlainText();
  EXPECT_TRUE(panel.contains(QString("#%1 ADD").arg(fold.matched))) << panel.toStdString();
  EXPECT_TRUE(panel.contains("against the pass input")) << panel.toStdString();

  // Stepping recomputes it for the new step.
  const int64_t next = fold.step < 6 ? fold.step + 1 : fold.step - 1;
  w.goTo(f.simplify, next);
  ASSERT_TRUE(w.waitUntilShown(testing::kFrameTimeoutMs));
  ASSERT_TRUE(overlay_shown(w, next, DiffReference::PassInput));
  EXPECT_EQ(stored_filled(w, DiffClass::Added), expected_class(f, 0, next, DiffClass::Added));

  // Shift+D compares with the graph before the step instead.
  w.goTo(f.simplify, fold.step);
  ASSERT_TRUE(w.waitUntilShown(testing::kFrameTimeoutMs));
  QTest::keyClick(&w, Qt::Key_D, Qt::ShiftModifier);
  ASSERT_TRUE(overlay_shown(w, fold.step, DiffReference::StepBefore));
  EXPECT_EQ(stored_filled(w, DiffClass::Added), expected_class(f, fold.step - 1, fold.step, DiffClass::Added));
  EXPECT_EQ(stored_filled(w, DiffClass::Unchanged), expected_class(f, fold.step - 1, fold.step, DiffClass::Unchanged));
  EXPECT_TRUE(w.diffPanel()->toPlainText().contains("against the graph before the step"));

  // Off: the op colours are back.
  w.setDiffOverlay(false);
  EXPECT_FALSE(w.diffOverlay());
  EXPECT_FALSE(w.scene()->hasOverlay());
  NodeItem* x = w.scene()->nodeItem(0);
  EXPECT_EQ(x->paintedFill(), x->fill());
}

const char* kWhyJson =
    R"({"run":1,"pass_id":PASS,"pass":"simplify","step":STEP,"node_id":NODE,"node":"%NODE CONST index 5","next":"no later step of the pass rewrites it","other_rules":3,)"
    R"("rules":[{"rule":"c1+c2 -> fold","location":"tests/viewers/fixture_trace.h:33","outcome":"mismatch","detail":"root: wanted ADD, got CONST"},)"
    R"({"rule":"x*1 -> x","location":"tests/viewers/fixture_trace.h:29","outcome":"pattern-matches","detail":"the rule declined"}]})";

TEST(WhyInWindow, TheNodeMenuAsksRewindWhyAndShowsEveryRule) {
  WindowFixture f("why");
  MainWindow& w = *f.window;
  const StepRow fold = step_of_rule(f, "c1+c2 -> fold");
  w.goTo(f.simplify, fold.step);
  ASSERT_TRUE(w.waitUntilShown(testing::kFrameTimeoutMs));
  QString json = QString::fromUtf8(kWhyJson);
  json.replace("PASS", QString::number(f.simplify)).replace("STEP", QString::number(fold.step)).replace("NODE", QString::number(fold.replacement));
  const auto dir = viewer_testing::temp_dir("why-fake");
  FakeRewind fake(dir, FakeRewind::wait_for_gate(dir) + "\ncat <<'JSON'\n" + json.toStdString() + "\nJSON\n");
  w.setCommandExecutable(fake.path);
  QSignalSpy shown(&w, &MainWindow::whyShown);
  std::unique_ptr<QMenu> menu(w.nodeContextMenu(fold.replacement));
  ASSERT_FALSE(menu->actions().isEmpty());
  QAction* why = menu->actions().front();
  EXPECT_EQ(why->text(), "Why didn't a rule fire here?");
  ASSERT_TRUE(why->isEnabled());
  why->trigger();
  // While the run replays, the panel says what was asked.
  EXPECT_TRUE(w.whyPanel()->isVisible());
  EXPECT_TRUE(w.whyPanel()->text().contains(QString("about node #%1 at step %2").arg(fold.replacement).arg(fold.step))) << w.whyPanel()->text().toStdString();
  fake.open_gate();
  ASSERT_TRUE(shown.wait(kCommandTimeoutMs));
  EXPECT_EQ(fake.arguments(), QStringList({"why", QFileInfo(QString::fromStdString(f.path)).absoluteFilePath(), QString("%1:%2").arg(f.simplify).arg(fold.step),
                                           "--node", QString::number(fold.replacement), "--run", "1", "--json"}));
  EXPECT_FALSE(w.whyPanel()->showsError());
  const QString text = w.whyPanel()->text();
  EXPECT_TRUE(text.contains("2 rule(s) of the pass can apply to its op (3 other(s) are for other ops)")) << text.toStdString();
  EXPECT_TRUE(text.contains("mismatch\nc1+c2 -> fold  tests/viewers/fixture_trace.h:33\nroot: wanted ADD, got CONST")) << text.toStdString();
  EXPECT_TRUE(text.contains("pattern-matches\nx*1 -> x  tests/viewers/fixture_trace.h:29\nthe rule declined")) << text.toStdString();
  EXPECT_TRUE(text.contains("no later step of the pass rewrites it"));

  // Before the step, the graph asked about is the one after the previous step.
  QTest::keyClick(&w, Qt::Key_B);
  shown.clear();
  w.askWhy(fold.matched);
  ASSERT_TRUE(shown.wait(kCommandTimeoutMs));
  EXPECT_EQ(fake.arguments().at(2), QString("%1:%2").arg(f.simplify).arg(fold.step - 1));
  EXPECT_EQ(fake.arguments().at(4), QString::number(fold.matched));
}

TEST(WhyInWindow, AFailingCommandShowsItsMessage) {
  WindowFixture f("why-error");
  MainWindow& w = *f.window;
  FakeRewind fake(viewer_testing::temp_dir("why-error-fake"), "echo 'rewind why: pass 1 is not a rewrite pass (it is a group)' >&2\nexit 1");
  w.setCommandExecutable(fake.path);
  QSignalSpy shown(&w, &MainWindow::whyShown);
  w.askWhy(0);
  ASSERT_TRUE(shown.wait(kCommandTimeoutMs));
  EXPECT_TRUE(w.whyPanel()->showsError());
  EXPECT_TRUE(w.whyPanel()->text().contains("rewind why failed (exit code 1):\nrewind why: pass 1 is not a rewrite pass (it is a group)"))
      << w.whyPanel()->text().toStdString();

  // An answer that is not the expected JSON is an error too, naming what is wrong.
  FakeRewind garbage(viewer_testing::temp_dir("why-garbage-fake"), "echo '{\"run\": 1}'");
  w.setCommandExecutable(garbage.path);
  shown.clear();
  w.askWhy(0);
  ASSERT_TRUE(shown.wait(kCommandTimeoutMs));
  EXPECT_TRUE(w.whyPanel()->showsError());
  EXPECT_TRUE(w.whyPanel()->text().contains("\"pass_id\" is missing")) << w.whyPanel()->text().toStdString();
}

}  // namespace
}  // namespace rw::viewer
