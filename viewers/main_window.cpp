#include "viewers/main_window.h"

#include <QCheckBox>
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

#include "viewers/chrome_trace.h"
#include "viewers/graph_export.h"
#include "viewers/graph_loader.h"
#include "viewers/graph_scene.h"
#include "viewers/graph_view.h"
#include "viewers/kernel_panel.h"
#include "viewers/kernels_model.h"
#include "viewers/node_query_text.h"
#include "viewers/node_search_panel.h"
#include "viewers/op_palette.h"
#include "viewers/rule_panel.h"
#include "viewers/rules_model.h"
#include "viewers/trace_filter_proxy.h"
#include "viewers/trace_tree_model.h"

namespace rw::viewer {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle(tr("Rewind"));
  buildUi();
  buildActions();
  buildCommands();
  buildInspect();
  restoreSettings();
  view_->setEmptyText(tr("Open a trace (Ctrl+O) to replay a compilation."));
  rule_panel_->clear(tr("No trace open."));
  updateStatus();
  follow_timer_ = new QTimer(this);
  follow_timer_->setInterval(1000);
  connect(follow_timer_, &QTimer::timeout, this, &MainWindow::followChanges);
  follow_timer_->start();
}

MainWindow::~MainWindow() {
  // The views outlive the models this window owns: detach them first.
  tree_->setModel(nullptr);
  filter_proxy_->setSourceModel(nullptr);
  delete loader_;
}

void MainWindow::setRun(int64_t run_id) {
  if (run_id == run_id_) return;
  run_id_ = run_id;
  resetInspection();
  rules_ = reader_->rules(run_id);
  rules_model_->setRules(rules_);
  updateRuleStats();
  rules_view_->sortByColumn(RulesModel::FiresColumn, Qt::DescendingOrder);
  decisions_ = reader_->decisions(run_id);
  std::vector<KernelSummary> kernels = summarize_kernels(reader_->kernels(run_id), reader_->timings(run_id), reader_->checks(run_id));
  kernels_model_->setKernels(kernels);
  kernels_->setKernels(std::move(kernels));
}

void MainWindow::goTo(int64_t pass_id, int64_t step) {
  if (!tree_model_) return;
  const PassRow* pass = tree_model_->passRow(pass_id);
  if (!pass) return;
  setRun(pass->run_id);
  const bool new_pass = pass_id != pass_id_;
  pass_id_ = pass_id;
  step_ = std::clamp<int64_t>(step, 0, pass->step_count);
  if (new_pass) selectKernelForPass(pass_id);
  if (new_pass && rules_pass_only_->isChecked()) updateRuleStats();
  selectTreeRow();
  loader_->request(pass_id_, step_);
  updateStatus();
}

bool MainWindow::goToPassNamed(const QString& name, int64_t step) {
  if (!tree_model_) return false;
  for (int64_t p : tree_model_->passOrder())
    if (QString::fromStdString(tree_model_->passRow(p)->name) == name) {
      goTo(p, step);
      return true;
    }
  return false;
}

void MainWindow::updateRuleStats() {
  if (!reader_ || !run_id_) return;
  const bool pass_only = rules_pass_only_->isChecked() && pass_id_;
  rules_model_->setStats(pass_only ? reader_->rule_stats(pass_id_) : reader_->run_rule_stats(run_id_));
}

void MainWindow::selectKernelForPass(int64_t pass_id) {
  // The kernel made in this pass or in one of the passes around it.
  const auto& kernels = kernels_model_->kernels();
  for (const PassRow* p = tree_model_->passRow(pass_id); p; p = p->parent_id ? tree_model_->passRow(*p->parent_id) : nullptr)
    for (size_t i = 0; i < kernels.size(); ++i)
      if (kernels[i].kernel.pass_id == p->id) {
        kernels_->setCurrent(int(i));
        return;
      }
}

void MainWindow::selectTreeRow() {
  // Rows are read in order: a jump far beyond what is read selects the pass instead of
  // reading (and inserting) hundreds of thousands of rows first.
  constexpr int64_t kMaxRowsReadForAJump = 5000;
  const bool far = step_ > tree_model_->loadedSteps(pass_id_) + kMaxRowsReadForAJump;
  QModelIndex source = far ? tree_model_->passIndex(pass_id_) : tree_model_->stepIndex(pass_id_, step_);
  QModelIndex index = filter_proxy_->mapFromSource(source);
  if (!index.isValid()) return;  // filtered out: keep the filter
  selecting_tree_ = true;
  tree_->setCurrentIndex(index);
  tree_->scrollTo(index);
  selecting_tree_ = false;
}

void MainWindow::onTreeCurrentChanged(const QModelIndex& current) {
  if (selecting_tree_ || !current.isValid()) return;
  QModelIndex source = filter_proxy_->mapToSource(current);
  auto kind = TraceTreeModel::Kind(source.data(TraceTreeModel::KindRole).toInt());
  if (kind == TraceTreeModel::Kind::Run) {
    const int64_t run = source.data(TraceTreeModel::RunIdRole).toLongLong();
    for (int64_t p : tree_model_->passOrder())
      if (tree_model_->passRow(p)->run_id == run) return goTo(p, 0);
    return;
  }
  goTo(source.data(TraceTreeModel::PassIdRole).toLongLong(), source.data(TraceTreeModel::StepRole).toLongLong());
}

void MainWindow::showFrame(std::shared_ptr<const GraphFrame> frame) {
  const bool new_picture = !frame_ || frame_->picture != frame->picture;
  frame_ = std::move(frame);
  scene_->showFrame(frame_);
  if (frame_->picture->too_big_nodes)
    view_->setEmptyText(tr("This pass's graph has %1 nodes, more than the viewer draws (%2).\nThe rule, its match and the steps are below and on the left.")
                            .arg(frame_->picture->too_big_nodes).arg(GraphLoader::kMaxDrawableNodes));
  else
    view_->setEmptyText(frame_->after().nodes.empty() ? tr("This pass has no graph.") : QString());
  if (new_picture) view_->fitGraph();
  // Follow the step: its root (the replacement after, the match before) stays on screen, and
  // a big graph fitted to unreadable size zooms in on it.
  constexpr double kReadableZoom = 0.8;
  const auto focus = scene_->side() == FrameSide::After ? frame_->replacement_root : frame_->matched_root;
  if (focus) view_->revealNode(*focus, new_picture ? kReadableZoom : 0.0);
  const RuleRow* rule = nullptr;
  if (frame_->step_row)
    for (const RuleRow& r : rules_)
      if (r.id == frame_->step_row->rule_id) rule = &r;
  std::vector<DecisionRow> decisions;
  for (const DecisionRow& d : decisions_)
    if (d.pass_id == frame_->pass_id) decisions.push_back(d);
  rule_panel_->showStep(*frame_, rule, decisions);
  if (!search_->text().isEmpty()) search(search_->text());
  applyPendingNode();
  requestDiffOverlay();
  updateStatus();
  emit frameShown();
}

bool MainWindow::framePending() const {
  return loader_ && tree_model_ && tree_model_->passRow(pass_id_) && (!frame_ || frame_->pass_id != pass_id_ || frame_->step != step_);
}

bool MainWindow::waitUntilShown(int timeout_ms) {
  if (!framePending()) return frame_ != nullptr;
  QEventLoop loop;
  bool failed = false;
  auto shown = connect(this, &MainWindow::frameShown, &loop, [&] {
    if (!framePending()) loop.quit();
  });
  auto fail = connect(this, &MainWindow::frameFailed, &loop, [&] {
    failed = true;
    loop.quit();
  });
  QTimer::singleShot(timeout_ms, &loop, &QEventLoop::quit);
  loop.exec();
  disconnect(shown);
  disconnect(fail);
  return !failed && !framePending();
}

void MainWindow::nextStep() {
  if (const PassRow* p = tree_model_ ? tree_model_->passRow(pass_id_) : nullptr)
    if (step_ < p->step_count) goTo(pass_id_, step_ + 1);
}

void MainWindow::previousStep() {
  if (tree_model_ && step_ > 0) goTo(pass_id_, step_ - 1);
}

void MainWindow::firstStep() {
  if (tree_model_ && tree_model_->passRow(pass_id_)) goTo(pass_id_, 0);
}

void MainWindow::lastStep() {
  if (const PassRow* p = tree_model_ ? tree_model_->passRow(pass_id_) : nullptr) goTo(pass_id_, p->step_count);
}

void MainWindow::nextPass() {
  if (!tree_model_) return;
  std::vector<int64_t> order = tree_model_->passOrder();
  auto it = std::find(order.begin(), order.end(), pass_id_);
  if (it != order.end() && it + 1 != order.end()) goTo(*(it + 1), 0);
}

void MainWindow::previousPass() {
  if (!tree_model_) return;
  std::vector<int64_t> order = tree_model_->passOrder();
  auto it = std::find(order.begin(), order.end(), pass_id_);
  if (it != order.end() && it != order.begin()) goTo(*(it - 1), 0);
}

void MainWindow::nextKernel() {
  if (kernels_->kernelCount() == 0) return;
  kernels_->setCurrent(std::min(kernels_->current() + 1, kernels_->kernelCount() - 1));
}

void MainWindow::previousKernel() {
  if (kernels_->kernelCount() == 0) return;
  kernels_->setCurrent(std::max(kernels_->current() - 1, 0));
}

void MainWindow::toggleSide() {
  scene_->setSide(scene_->side() == FrameSide::After ? FrameSide::Before : FrameSide::After);
  if (!search_->text().isEmpty()) search(search_->text());
  requestDiffOverlay();
  updateStatus();
}

void MainWindow::fitGraph() { view_->fitGraph(); }

std::vector<int64_t> MainWindow::search(const QString& text) {
  search_hits_.clear();
  search_cursor_ = 0;
  const FrameGraph* g = scene_->shownGraph();
  const QString needle = text.trimmed();
  if (looks_like_node_query(needle)) {
    // A node query runs on Return (it may read the whole run); meanwhile its last results
    // that the shown graph holds are marked.
    if (g)
      for (const NodeMatch& m : search_panel_->model()->result().nodes)
        if (g->contains(m.node.id)) search_hits_.push_back(m.node.id);
  } else if (g && !needle.isEmpty()) {
    bool is_id = false;
    const qint64 id = QString(needle).remove(QLatin1Char('#')).toLongLong(&is_id);
    for (const NodeRow& n : g->nodes) {
      bool hit = (is_id && n.id == id) ||
                 (!needle.startsWith(QLatin1Char('#')) && (QString::fromStdString(n.op).contains(needle, Qt::CaseInsensitive) ||
                                                           QString::fromStdString(n.arg).contains(needle, Qt::CaseInsensitive)));
      if (hit) search_hits_.push_back(n.id);
    }
  }
  scene_->markNodes(search_hits_);
  if (!search_hits_.empty()) view_->centerOnNode(search_hits_.front());
  if (!needle.isEmpty()) statusBar()->showMessage(tr("%n node(s) match", nullptr, int(search_hits_.size())), 3000);
  return search_hits_;
}

void MainWindow::onNodeClicked(int64_t key) { selectNode(key); }

QString MainWindow::statusText() const { return status_->text(); }

void MainWindow::updateStatus() {
  if (!tree_model_) {
    status_->setText(tr("No trace open"));
    return;
  }
  const PassRow* p = tree_model_->passRow(pass_id_);
  if (!p) {
    status_->setText(tr("Nothing to show"));
    return;
  }
  QString s = tr("pass %1 · step %2/%3").arg(QString::fromStdString(p->name)).arg(step_).arg(p->step_count);
  if (frame_ && frame_->pass_id == pass_id_ && frame_->step == step_) {
    const FrameGraph* g = scene_->shownGraph();
    s += tr(" · %1 nodes").arg(g ? g->nodes.size() : 0);
    s += scene_->side() == FrameSide::After ? tr(" · after the step") : tr(" · before the step");
    if (frame_->step_row) s += QStringLiteral(" · ") + QString::fromStdString(frame_->step_row->rule_text);
  }
  status_->setText(s);
}

}  // namespace rw::viewer
