// Bisect and re-run driven from the window, with a script standing in for `rewind`: the
// arguments it gets, the progress shown while it works, where the window lands on its result
// and what it shows when it fails.
#include <gtest/gtest.h>

#include <QAction>
#include <QMenu>
#include <QSignalSpy>
#include <QToolButton>
#include <QTreeView>

#include "tests/viewers/fake_rewind.h"
#include "tests/viewers/window_test_util.h"
#include "viewers/bisect_action.h"
#include "viewers/graph_view.h"
#include "viewers/bisect_banner.h"
#include "viewers/command_progress_bar.h"
#include "viewers/kernel_panel.h"
#include "viewers/kernel_summary.h"
#include "viewers/rerun_command.h"
#include "viewers/trace_filter_proxy.h"
#include "viewers/trace_tree_model.h"

namespace rw::viewer {
namespace {

using testing::FakeRewind;
using testing::WindowFixture;

constexpr int kCommandTimeoutMs = 30'000;

std::string wrong_step_json(int64_t pass, int64_t step) {
  return R"({"verdict": "wrong-step", "run": 1, "summary": "step )" + std::to_string(step) + R"( of simplify makes out wrong",
    "culprit": {"pass_id": )" + std::to_string(pass) + R"(, "pass": "simplify", "step": )" + std::to_string(step) +
         R"(, "rule": "(x*c)//c -> x", "location": "tests/viewers/fixture_trace.h:32"},
    "diff": {"buffer": "out", "count": 3, "total": 16, "first_index": 5, "got": 2.5, "want": 0.5}, "evaluated": 4})";
}

// Runs the event loop until the progress bar shows `text` (progress arrives asynchronously).
bool wait_for_progress(const CommandProgressBar& bar, const QString& text) {
  for (int i = 0; i < kCommandTimeoutMs / 20 && !bar.text().contains(text); ++i) QTest::qWait(20);
  return bar.text().contains(text);
}

TEST(BisectInWindow, ShowsProgressThenLandsOnTheCulpritStep) {
  WindowFixture f("bisect-step");
  MainWindow& w = *f.window;
  const auto dir = viewer_testing::temp_dir("bisect-step-fake");
  FakeRewind fake(dir, "echo 'progress 1 4 reading the trace' >&2\necho 'progress 2 5 evaluating step 3 of simplify' >&2\n" +
                           FakeRewind::wait_for_gate(dir) + "\necho 'rewind bisect: 4 snapshots evaluated' >&2\ncat <<'JSON'\n" +
                           wrong_step_json(f.simplify, 3) + "\nJSON\n");
  w.setCommandExecutable(fake.path);
  ASSERT_EQ(w.currentStep(), 0);
  QSignalSpy shown(&w, &MainWindow::bisectShown);
  QTest::keyClick(&w, Qt::Key_B, Qt::ControlModifier);  // the action's shortcut
  ASSERT_TRUE(wait_for_progress(*w.bisectProgress(), "evaluating step 3 of simplify"));
  EXPECT_TRUE(w.bisectProgress()->isVisible());
  EXPECT_EQ(w.bisectProgress()->text(), "Bisect: evaluating step 3 of simplify");
  EXPECT_EQ(w.bisectProgress()->value(), 2);
  EXPECT_EQ(w.bisectProgress()->maximum(), 5);
  EXPECT_FALSE(w.bisectAction()->action()->isEnabled());  // one bisect at a time
  // The window keeps stepping while bisect works.
  f.key(Qt::Key_Right);
  EXPECT_EQ(w.currentStep(), 1);
  EXPECT_EQ(fake.arguments(), QStringList({"bisect", QFileInfo(QString::fromStdString(f.path)).absoluteFilePath(), "--run", "1", "--json", "--progress"}));

  fake.open_gate();
  ASSERT_TRUE(shown.wait(kCommandTimeoutMs));
  EXPECT_FALSE(w.bisectProgress()->isVisible());
  EXPECT_TRUE(w.bisectAction()->action()->isEnabled());
  EXPECT_EQ(w.currentPass(), f.simplify);
  EXPECT_EQ(w.currentStep(), 3);
  EXPECT_EQ(w.tree()->currentIndex().data(TraceTreeModel::StepRole).toLongLong(), 3);
  ASSERT_TRUE(w.waitUntilShown(testing::kFrameTimeoutMs));
  StepRow s3 = *f.reader->step(f.simplify, 3);
  EXPECT_EQ(w.scene()->nodeItem(s3.replacement)->highlight(), Highlight::Replacement);
  EXPECT_TRUE(w.bisectBanner()->isVisible());
  EXPECT_FALSE(w.bisectBanner()->isError());
  const QString banner = w.bisectBanner()->text();
  EXPECT_TRUE(banner.startsWith("Bisect: the first wrong step is step 3 of pass simplify\nstep 3 of simplify makes out wrong\n")) << banner.toStdString();
  EXPECT_TRUE(banner.contains("out: 3 values wrong, first at [5]: got 2.5, want 0.5")) << banner.toStdString();
  // The banner is in the window's picture, tinted above the panes, the graph below it.
  const QImage shot = w.grab().toImage();
  const QPoint corner = w.bisectBanner()->mapTo(&w, QPoint(3, 3)) * w.devicePixelRatio();
  EXPECT_EQ(shot.pixelColor(corner), w.bisectBanner()->palette().color(QPalette::Window));
  EXPECT_LT(w.bisectBanner()->mapTo(&w, QPoint(0, w.bisectBanner()->height())).y(), w.graphView()->mapTo(&w, QPoint(0, 0)).y());
}

TEST(BisectInWindow, AFailingBisectShowsItsMessageAndStaysPut) {
  WindowFixture f("bisect-error");
  MainWindow& w = *f.window;
  FakeRewind fake(viewer_testing::temp_dir("bisect-error-fake"),
                  "echo 'progress 1 3 reading the trace' >&2\n"
                  "echo 'rewind bisect: run 1 recorded no outputs to compare against; re-run it with --save-outputs' >&2\nexit 2");
  w.setCommandExecutable(fake.path);
  f.key(Qt::Key_Right);
  QSignalSpy shown(&w, &MainWindow::bisectShown);
  w.bisectAction()->action()->trigger();
  ASSERT_TRUE(shown.wait(kCommandTimeoutMs));
  EXPECT_TRUE(w.bisectBanner()->isVisible());
  EXPECT_TRUE(w.bisectBanner()->isError());
  EXPECT_EQ(w.bisectBanner()->text(),
            "Bisect failed\nrewind bisect failed (exit code 2):\n"
            "rewind bisect: run 1 recorded no outputs to compare against; re-run it with --save-outputs");
  EXPECT_EQ(w.currentStep(), 1);
  EXPECT_FALSE(w.bisectProgress()->isVisible());
}

TEST(BisectInWindow, UnreadableResultsAndMissingExecutablesAreErrors) {
  WindowFixture f("bisect-garbage");
  MainWindow& w = *f.window;
  FakeRewind fake(viewer_testing::temp_dir("bisect-garbage-fake"), "echo 'Segmentation fault? no: just not JSON'");
  w.setCommandExecutable(fake.path);
  QSignalSpy shown(&w, &MainWindow::bisectShown);
  w.startBisect();
  ASSERT_TRUE(shown.wait(kCommandTimeoutMs));
  EXPECT_TRUE(w.bisectBanner()->isError());
  EXPECT_TRUE(w.bisectBanner()->text().contains("bisect's result is not a JSON object")) << w.bisectBanner()->text().toStdString();

  w.setCommandExecutable(QString::fromStdString((fake.dir / "no-such-rewind").string()));
  w.startBisect();
  ASSERT_TRUE(shown.wait(kCommandTimeoutMs));
  EXPECT_TRUE(w.bisectBanner()->isError());
  EXPECT_TRUE(w.bisectBanner()->text().contains("rewind bisect could not be started")) << w.bisectBanner()->text().toStdString();
  EXPECT_TRUE(w.bisectBanner()->text().contains("no-such-rewind")) << w.bisectBanner()->text().toStdString();
}

TEST(BisectInWindow, CancelStopsTheCommand) {
  WindowFixture f("bisect-cancel");
  MainWindow& w = *f.window;
  FakeRewind fake(viewer_testing::temp_dir("bisect-cancel-fake"), "echo 'progress 0 10 starting' >&2\nsleep 60");
  w.setCommandExecutable(fake.path);
  QSignalSpy shown(&w, &MainWindow::bisectShown);
  w.startBisect();
  ASSERT_TRUE(wait_for_progress(*w.bisectProgress(), "starting"));
  w.bisectProgress()->cancelButton()->click();
  ASSERT_TRUE(shown.wait(kCommandTimeoutMs));
  EXPECT_EQ(w.bisectBanner()->text(), "Bisect failed\nrewind bisect was cancelled.");
  EXPECT_FALSE(w.bisectAction()->running());
}

TEST(BisectInWindow, KernelVerdictsShowTheKernel) {
  WindowFixture f("bisect-kernel");
  MainWindow& w = *f.window;
  ASSERT_EQ(w.kernelPanel()->currentKernel()->kernel.name, "E_16_8");
  FakeRewind fake(viewer_testing::temp_dir("bisect-kernel-fake"),
                  R"(echo '{"verdict": "after-graph", "run": 1, "summary": "every snapshot is right; r_4_16 is wrong", "culprit": {"kernel": "r_4_16"}}')");
  w.setCommandExecutable(fake.path);
  QSignalSpy shown(&w, &MainWindow::bisectShown);
  w.startBisect();
  ASSERT_TRUE(shown.wait(kCommandTimeoutMs));
  EXPECT_EQ(w.kernelPanel()->currentKernel()->kernel.name, "r_4_16");
  EXPECT_TRUE(w.bisectBanner()->text().startsWith("Bisect: every graph is right; kernel r_4_16 computes a wrong result"));
}

TEST(BisectInWindow, ACulpritOutsideTheTraceIsSaid) {
  WindowFixture f("bisect-elsewhere");
  MainWindow& w = *f.window;
  FakeRewind fake(viewer_testing::temp_dir("bisect-elsewhere-fake"), "cat <<'JSON'\n" + wrong_step_json(999, 2) + "\nJSON");
  w.setCommandExecutable(fake.path);
  QSignalSpy shown(&w, &MainWindow::bisectShown);
  w.startBisect();
  ASSERT_TRUE(shown.wait(kCommandTimeoutMs));
  EXPECT_TRUE(w.bisectBanner()->text().endsWith("This trace has no pass #999 (simplify): was the file rewritten since?")) << w.bisectBanner()->text().toStdString();
  EXPECT_EQ(w.currentStep(), 0);
}

// The menu the tree shows for step `step` of the simplify pass.
std::unique_ptr<QMenu> step_menu(WindowFixture& f, int64_t step) {
  QModelIndex row = f.window->treeModel()->stepIndex(f.simplify, step);
  EXPECT_TRUE(row.isValid());
  return std::unique_ptr<QMenu>(f.window->stepContextMenu(row));
}

QAction* menu_action(QMenu& menu, const QString& text) {
  for (QAction* a : menu.actions())
    if (a->text() == text) return a;
  return nullptr;
}

TEST(RerunInWindow, WithoutAStepRunsRerunAndOpensTheNewTrace) {
  WindowFixture f("rerun-step");
  MainWindow& w = *f.window;
  // The stand-in writes a copy of the trace where -o says (the last argument).
  FakeRewind fake(viewer_testing::temp_dir("rerun-step-fake"), "for last; do :; done\ncp \"$2\" \"$last\"");
  w.setCommandExecutable(fake.path);
  EXPECT_EQ(w.stepContextMenu(w.treeModel()->passIndex(f.simplify)), nullptr);  // passes have no menu
  auto menu = step_menu(f, 2);
  ASSERT_TRUE(menu);
  QAction* skip = menu_action(*menu, "Re-run without this step");
  ASSERT_TRUE(skip);
  QSignalSpy opened(&w, &MainWindow::rerunOpened);
  skip->trigger();
  ASSERT_TRUE(opened.wait(kCommandTimeoutMs));
  const QString trace = QFileInfo(QString::fromStdString(f.path)).absoluteFilePath();
  const QString written = QFileInfo(trace).absolutePath() + "/fixture.skip-" + QString::number(f.simplify) + "-2.rwd";
  EXPECT_EQ(fake.arguments(), QStringList({"rerun", trace, "--run", "1", "--skip-step", QString("%1:2").arg(f.simplify), "-o", written}));
  std::unique_ptr<MainWindow> other(opened.front().front().value<MainWindow*>());
  EXPECT_TRUE(other->windowTitle().contains("fixture.skip-")) << other->windowTitle().toStdString();
  EXPECT_TRUE(other->windowTitle().contains("without step 2 of pass")) << other->windowTitle().toStdString();
  EXPECT_EQ(other->commandExecutable(), fake.path);
  EXPECT_TRUE(other->waitUntilShown(testing::kFrameTimeoutMs));
  EXPECT_EQ(other->currentPass(), f.simplify);
}

TEST(RerunInWindow, WithARuleDisabledPassesTheRuleText) {
  WindowFixture f("rerun-rule");
  MainWindow& w = *f.window;
  FakeRewind fake(viewer_testing::temp_dir("rerun-rule-fake"), "echo 'rewind rerun: the run has no program text to re-run' >&2\nexit 1");
  w.setCommandExecutable(fake.path);
  auto menu = step_menu(f, 1);
  QAction* disable = menu_action(*menu, "Re-run with this rule disabled");
  ASSERT_TRUE(disable);
  QSignalSpy failed(&w, &MainWindow::rerunFailed);
  disable->trigger();
  ASSERT_TRUE(failed.wait(kCommandTimeoutMs));
  const QStringList args = fake.arguments();
  ASSERT_EQ(args.size(), 8);
  EXPECT_EQ(args.mid(0, 6), QStringList({"rerun", QFileInfo(QString::fromStdString(f.path)).absoluteFilePath(), "--run", "1", "--disable-rule",
                                         QString::fromStdString(f.reader->step(f.simplify, 1)->rule_text)}));
  EXPECT_EQ(failed.front().front().toString(),
            "rewind rerun with rule \"" + QString::fromStdString(f.reader->step(f.simplify, 1)->rule_text) +
                "\" disabled failed (exit code 1):\nrewind rerun: the run has no program text to re-run");
}

}  // namespace
}  // namespace rw::viewer
