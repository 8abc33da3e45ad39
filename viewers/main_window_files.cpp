// The main window's files: opening and following traces, recent files, window settings,
// exports.
#include "viewers/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QTreeView>
#include <QTimer>
#include <QVBoxLayout>
#include <QEventLoop>
#include <algorithm>

#include "viewers/bisect_action.h"
#include "viewers/bisect_banner.h"
#include "viewers/chrome_trace.h"
#include "viewers/graph_export.h"
#include "viewers/graph_loader.h"
#include "viewers/graph_scene.h"
#include "viewers/graph_view.h"
#include "viewers/kernel_panel.h"
#include "viewers/kernels_model.h"
#include "viewers/op_palette.h"
#include "viewers/rule_panel.h"
#include "viewers/rules_model.h"
#include "viewers/trace_filter_proxy.h"
#include "viewers/trace_tree_model.h"

namespace rw::viewer {

namespace {
constexpr int kMaxRecentFiles = 8;
}

bool MainWindow::followChanges() {
  // Reloading restarts the layout thread, which waits for a layout under way: look again
  // once it is done rather than block the window.
  if (!reader_ || (loader_ && loader_->busy()) || !reader_->changed()) return false;
  const int64_t pass = pass_id_, step = step_;
  const FrameSide side = scene_->side();
  QString error;
  if (!openTrace(path_, &error)) {
    statusBar()->showMessage(tr("The trace changed and could not be reread: %1").arg(error), 10000);
    return false;
  }
  if (tree_model_->passRow(pass)) goTo(pass, step);
  scene_->setSide(side);
  statusBar()->showMessage(tr("The trace grew: reloaded"), 3000);
  return true;
}

void MainWindow::restoreSettings() {
  QSettings s;
  restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
  restoreState(s.value(QStringLiteral("window/state")).toByteArray());
  horizontal_->restoreState(s.value(QStringLiteral("window/horizontal")).toByteArray());
  vertical_->restoreState(s.value(QStringLiteral("window/vertical")).toByteArray());
  rebuildRecentMenu();
}

void MainWindow::closeEvent(QCloseEvent* event) {
  QSettings s;
  s.setValue(QStringLiteral("window/geometry"), saveGeometry());
  s.setValue(QStringLiteral("window/state"), saveState());
  s.setValue(QStringLiteral("window/horizontal"), horizontal_->saveState());
  s.setValue(QStringLiteral("window/vertical"), vertical_->saveState());
  QMainWindow::closeEvent(event);
}

void MainWindow::changeEvent(QEvent* event) {
  // Follow the system palette: node fills and text colours are chosen per palette.
  if ((event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange) && frame_) scene_->restyle();
  QMainWindow::changeEvent(event);
}

void MainWindow::rememberRecent(const QString& path) {
  QSettings s;
  QStringList recent = s.value(QStringLiteral("recentFiles")).toStringList();
  const QString full = QFileInfo(path).absoluteFilePath();
  recent.removeAll(full);
  recent.prepend(full);
  while (recent.size() > kMaxRecentFiles) recent.removeLast();
  s.setValue(QStringLiteral("recentFiles"), recent);
  rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
  recent_menu_->clear();
  const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
  for (const QString& path : recent) recent_menu_->addAction(path, this, [this, path] { openTrace(path); });
  recent_menu_->setEnabled(!recent.isEmpty());
}

bool MainWindow::openTrace(const QString& path, QString* error) {
  std::shared_ptr<TraceReader> reader;
  try {
    reader = std::make_shared<TraceReader>(path.toStdString());
  } catch (const std::exception& e) {
    const QString message = QString::fromStdString(e.what());
    if (error) *error = message;
    else QMessageBox::warning(this, tr("Cannot open trace"), message);
    return false;
  }
  if (QFileInfo(path).absoluteFilePath() != QFileInfo(path_).absoluteFilePath()) bisect_banner_->hide();  // about another trace
  bisect_->action()->setEnabled(!bisect_->running());
  // The old loader's thread stops before the new one starts: one Graphviz user at a time.
  delete loader_;
  loader_ = nullptr;
  frame_.reset();
  scene_->showFrame(nullptr);
  reader_ = std::move(reader);
  reader_->changed();  // from now on, changed() means another process wrote
  path_ = path;
  auto tree = std::make_unique<TraceTreeModel>(reader_);
  filter_proxy_->setSourceModel(tree.get());
  tree_model_ = std::move(tree);
  tree_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
  tree_->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  tree_->header()->setStretchLastSection(false);
  connect(tree_->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex& current) { onTreeCurrentChanged(current); });

  loader_ = new GraphLoadController(path, measure_label_metrics(), this);
  connect(loader_, &GraphLoadController::frameReady, this, &MainWindow::showFrame);
  connect(loader_, &GraphLoadController::busyChanged, this, [this](bool busy, const QString& what) {
    busy_bar_->setVisible(busy);
    busy_label_->setText(busy ? what : QString());
    view_->setBusyText(busy && !what.startsWith(QLatin1String("Loading step")) ? what : QString());
  });
  connect(loader_, &GraphLoadController::failed, this, [this](const QString& message) {
    view_->setEmptyText(tr("Could not show this step:\n%1").arg(message));
    rule_panel_->clear(message);
    emit frameFailed(message);
  });

  setWindowTitle(tr("Rewind — %1").arg(QFileInfo(path).fileName()));
  rememberRecent(path);
  run_id_ = pass_id_ = step_ = 0;
  std::vector<int64_t> passes = tree_model_->passOrder();
  if (passes.empty()) {
    view_->setEmptyText(reader_->runs().empty() ? tr("This trace has no runs yet.") : tr("This run has no passes yet."));
    rule_panel_->clear(tr("Nothing to step through."));
    kernels_->setKernels({});
    updateStatus();
    return true;
  }
  // Start at the first pass that rewrote something: pass groups have nothing to step.
  int64_t first = passes.front();
  for (int64_t p : passes)
    if (tree_model_->passRow(p)->step_count > 0) {
      first = p;
      break;
    }
  goTo(first, 0);
  return true;
}

void MainWindow::chooseAndOpen() {
  QString path = QFileDialog::getOpenFileName(this, tr("Open trace"), {}, tr("Rewind traces (*.rwd);;All files (*)"));
  if (!path.isEmpty()) openTrace(path);
}

void MainWindow::chooseAndExportGraph() {
  QString path = QFileDialog::getSaveFileName(this, tr("Export graph"), QStringLiteral("graph.svg"), tr("SVG (*.svg);;PNG (*.png);;Graphviz (*.dot)"));
  if (path.isEmpty()) return;
  if (QString error = exportGraph(path); !error.isEmpty()) QMessageBox::warning(this, tr("Export failed"), error);
}

void MainWindow::chooseAndExportTimings() {
  QString path = QFileDialog::getSaveFileName(this, tr("Export timings"), QStringLiteral("timings.json"), tr("Chrome trace JSON (*.json)"));
  if (path.isEmpty()) return;
  if (QString error = exportTimings(path); !error.isEmpty()) QMessageBox::warning(this, tr("Export failed"), error);
}

QString MainWindow::exportGraph(const QString& path) { return export_graph(*scene_, path); }

QString MainWindow::exportTimings(const QString& path) {
  if (!reader_) return tr("No trace open.");
  std::string json = chrome_trace_json(kernels_model_->kernels(), "run " + std::to_string(run_id_) + " of " + path_.toStdString());
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly) || f.write(json.data(), qint64(json.size())) != qint64(json.size()))
    return tr("Could not write %1: %2").arg(path, f.errorString());
  return {};
}

}  // namespace rw::viewer
