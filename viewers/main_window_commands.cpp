// The main window's background commands: bisect (Ctrl+B) with its banner and the jump to the
// culprit, and re-runs of the trace without a step or a rule from the tree's context menu.
#include <QAction>
#include <QCoreApplication>
#include <QFileInfo>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

#include "viewers/bisect_action.h"
#include "viewers/bisect_banner.h"
#include "viewers/command_progress_bar.h"
#include "viewers/kernel_panel.h"
#include "viewers/kernels_model.h"
#include "viewers/main_window.h"
#include "viewers/rerun_command.h"
#include "viewers/trace_filter_proxy.h"
#include "viewers/trace_tree_model.h"

namespace rw::viewer {

void MainWindow::buildCommands() {
  command_executable_ = QCoreApplication::applicationFilePath();

  // The banner spans the window above the panes: the answer stays in sight while stepping.
  bisect_banner_ = new BisectBanner;
  auto* central = new QWidget;
  auto* layout = new QVBoxLayout(central);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  layout->addWidget(bisect_banner_);
  layout->addWidget(vertical_, 1);
  setCentralWidget(central);

  bisect_progress_ = new CommandProgressBar;
  rerun_progress_ = new CommandProgressBar;
  statusBar()->addPermanentWidget(bisect_progress_);
  statusBar()->addPermanentWidget(rerun_progress_);

  bisect_ = new BisectAction(bisect_progress_, this);
  connect(bisect_->action(), &QAction::triggered, this, &MainWindow::startBisect);
  connect(bisect_, &BisectAction::resultReady, this, &MainWindow::showBisectResult);
  connect(bisect_, &BisectAction::failed, this, [this](const QString& message) {
    bisect_banner_->showError(message);
    emit bisectShown();
  });
  QMenu* tools = menuBar()->addMenu(tr("&Tools"));
  tools->addAction(bisect_->action());
  QToolBar* bar = addToolBar(tr("Tools"));
  bar->setObjectName(QStringLiteral("tools toolbar"));
  bar->addAction(bisect_->action());

  rerun_ = new RerunCommand(rerun_progress_, this);
  connect(rerun_, &RerunCommand::written, this, &MainWindow::openRerun);
  connect(rerun_, &RerunCommand::failed, this, [this](const QString& message) {
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Re-run failed"), message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show();
    emit rerunFailed(message);
  });
  tree_->setContextMenuPolicy(Qt::CustomContextMenu);
  connect(tree_, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
    QMenu* menu = stepContextMenu(filter_proxy_->mapToSource(tree_->indexAt(pos)));
    if (!menu) return;
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(tree_->viewport()->mapToGlobal(pos));
  });
}

void MainWindow::startBisect() {
  if (!reader_ || bisect_->running()) return;
  bisect_trace_ = QFileInfo(path_).absoluteFilePath();
  bisect_banner_->hide();
  bisect_->start(command_executable_, bisect_trace_, run_id_);
}

void MainWindow::showBisectResult(const BisectResult& r) {
  bisect_banner_->showResult(r);
  if (bisect_trace_ != QFileInfo(path_).absoluteFilePath()) {
    bisect_banner_->showResultNote(tr("This was a bisect of %1; open it to see the culprit.").arg(bisect_trace_));
  } else if (std::optional<qint64> step = r.stepToShow()) {
    if (tree_model_->passRow(*r.pass_id)) goTo(*r.pass_id, *step);
    else bisect_banner_->showResultNote(tr("This trace has no pass #%1 (%2): was the file rewritten since?").arg(*r.pass_id).arg(r.pass_name));
  } else if (!r.kernel.isEmpty()) {
    showBisectKernel(r);
  }
  emit bisectShown();
}

void MainWindow::showBisectKernel(const BisectResult& r) {
  const auto& kernels = kernels_model_->kernels();
  int index = -1;
  for (size_t i = 0; i < kernels.size() && index < 0; ++i)
    if (QString::fromStdString(kernels[i].kernel.name) == r.kernel) index = int(i);
  // The graph the kernel was made from: the output of its codegen pass.
  std::optional<int64_t> pass = r.pass_id;
  if (!pass && index >= 0) pass = kernels[size_t(index)].kernel.pass_id;
  if (pass && tree_model_->passRow(*pass)) goTo(*pass, tree_model_->passRow(*pass)->step_count);
  if (index < 0) {
    bisect_banner_->showResultNote(tr("Run %1 of this trace has no kernel named %2.").arg(run_id_).arg(r.kernel));
    return;
  }
  kernels_->setCurrent(index);  // after goTo, which picks the pass's own kernel
  if (auto* sorted = qobject_cast<QSortFilterProxyModel*>(kernels_view_->model()))
    kernels_view_->selectRow(sorted->mapFromSource(kernels_model_->index(index, 0)).row());
}

QMenu* MainWindow::stepContextMenu(const QModelIndex& source) {
  if (!source.isValid() || TraceTreeModel::Kind(source.data(TraceTreeModel::KindRole).toInt()) != TraceTreeModel::Kind::Step) return nullptr;
  RerunChange skip, disable;
  skip.run = disable.run = source.data(TraceTreeModel::RunIdRole).toLongLong();
  skip.skip_step = std::pair{source.data(TraceTreeModel::PassIdRole).toLongLong(), source.data(TraceTreeModel::StepRole).toLongLong()};
  disable.disable_rule = source.data(TraceTreeModel::RuleTextRole).toString();
  auto* menu = new QMenu(this);
  QAction* without_step = menu->addAction(tr("Re-run without this step"), this, [this, skip] { startRerun(skip); });
  QAction* without_rule = menu->addAction(tr("Re-run with this rule disabled"), this, [this, disable] { startRerun(disable); });
  without_rule->setToolTip(disable.disable_rule);
  const bool idle = !rerun_->running();
  without_step->setEnabled(idle);
  without_rule->setEnabled(idle && !disable.disable_rule.isEmpty());
  return menu;
}

void MainWindow::startRerun(const RerunChange& change) {
  if (!reader_) return;
  rerun_->start(command_executable_, QFileInfo(path_).absoluteFilePath(), change);
}

void MainWindow::openRerun(const QString& path, const QString& description) {
  auto* window = new MainWindow;
  window->setAttribute(Qt::WA_DeleteOnClose);
  window->setCommandExecutable(command_executable_);
  QString error;
  if (!window->openTrace(path, &error)) {
    delete window;
    emit rerun_->failed(tr("The re-run %1 wrote %2, which could not be opened: %3").arg(description, path, error));
    return;
  }
  window->setWindowTitle(tr("Rewind — %1 (re-run %2)").arg(QFileInfo(path).fileName(), description));
  window->show();
  statusBar()->showMessage(tr("Re-run %1 written to %2").arg(description, path), 10000);
  emit rerunOpened(window);
}

}  // namespace rw::viewer
