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

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle(tr("Rewind"));
  buildUi();
  buildActions();
  restoreSettings();
  view_->setEmptyText(tr("Open a trace (Ctrl+O) to replay a compilation."));
  rule_panel_->clear(tr("No trace open."));
  updateStatus();
  follow_timer_ = new QTimer(this);
  follow_timer_->setInterval(1000);
  connect(follow_timer_, &QTimer::timeout, this, &MainWindow::followChanges);
  follow_timer_->start();
}

bool MainWindow::followChanges() {
  if (!reader_ || !reader_->changed()) return false;
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

MainWindow::~MainWindow() {
  // The views outlive the models this window owns: detach them first.
  tree_->setModel(nullptr);
  filter_proxy_->setSourceModel(nullptr);
  delete loader_;
}

void MainWindow::buildUi() {
  // Left: trace tree with its filter, the run's rules, the run's kernels.
  auto* tree_page = new QWidget;
  auto* tree_layout = new QVBoxLayout(tree_page);
  tree_layout->setContentsMargins(0, 0, 0, 0);
  filter_ = new QLineEdit;
  filter_->setPlaceholderText(tr("Filter passes and rules"));
  filter_->setClearButtonEnabled(true);
  tree_ = new QTreeView;
  tree_->setUniformRowHeights(true);  // long step lists scroll without measuring every row
  tree_->setHeaderHidden(false);
  tree_layout->addWidget(filter_);
  tree_layout->addWidget(tree_);
  filter_proxy_ = new TraceFilterProxy(this);
  tree_->setModel(filter_proxy_);
  connect(filter_, &QLineEdit::textChanged, filter_proxy_, &QSortFilterProxyModel::setFilterFixedString);

  rules_model_ = new RulesModel(this);
  rules_view_ = new QTableView;
  rules_view_->setModel(rules_model_);
  rules_view_->setSortingEnabled(true);
  rules_view_->sortByColumn(RulesModel::FiresColumn, Qt::DescendingOrder);
  rules_view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  rules_view_->verticalHeader()->hide();
  rules_view_->horizontalHeader()->setStretchLastSection(true);
  connect(rules_view_, &QTableView::doubleClicked, this, [this](const QModelIndex& i) {
    // Filtering the tree by a rule lists the steps it fired.
    if (const RuleRow* r = rules_model_->rule(i.row())) {
      filter_->setText(QString::fromStdString(r->text));
      left_tabs_->setCurrentIndex(0);
    }
  });

  kernels_model_ = new KernelsModel(this);
  auto* kernels_sorted = new QSortFilterProxyModel(this);
  kernels_sorted->setSourceModel(kernels_model_);
  kernels_sorted->setSortRole(KernelsModel::SortRole);
  kernels_view_ = new QTableView;
  kernels_view_->setModel(kernels_sorted);
  kernels_view_->setSortingEnabled(true);
  kernels_view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  kernels_view_->verticalHeader()->hide();
  connect(kernels_view_, &QTableView::clicked, this, [this, kernels_sorted](const QModelIndex& i) {
    kernels_->setCurrent(kernels_sorted->mapToSource(i).row());
  });

  left_tabs_ = new QTabWidget;
  left_tabs_->addTab(tree_page, tr("Trace"));
  left_tabs_->addTab(rules_view_, tr("Rules"));
  left_tabs_->addTab(kernels_view_, tr("Kernels"));

  scene_ = new GraphScene(this);
  view_ = new GraphView(scene_);
  connect(scene_, &GraphScene::nodeClicked, this, &MainWindow::onNodeClicked);

  kernels_ = new KernelPanel;
  connect(kernels_, &KernelPanel::kernelChosen, kernels_, &KernelPanel::setCurrent);

  rule_panel_ = new RulePanel;

  horizontal_ = new QSplitter(Qt::Horizontal);
  horizontal_->addWidget(left_tabs_);
  horizontal_->addWidget(view_);
  horizontal_->addWidget(kernels_);
  horizontal_->setStretchFactor(0, 2);
  horizontal_->setStretchFactor(1, 5);
  horizontal_->setStretchFactor(2, 3);
  horizontal_->setSizes({280, 700, 420});
  vertical_ = new QSplitter(Qt::Vertical);
  vertical_->addWidget(horizontal_);
  vertical_->addWidget(rule_panel_);
  vertical_->setStretchFactor(0, 4);
  vertical_->setStretchFactor(1, 1);
  vertical_->setSizes({620, 220});
  setCentralWidget(vertical_);

  status_ = new QLabel;
  busy_label_ = new QLabel;
  busy_bar_ = new QProgressBar;
  busy_bar_->setRange(0, 0);  // Graphviz reports no progress: indeterminate
  busy_bar_->setMaximumWidth(120);
  busy_bar_->hide();
  statusBar()->addWidget(status_, 1);
  statusBar()->addPermanentWidget(busy_label_);
  statusBar()->addPermanentWidget(busy_bar_);
  resize(1400, 900);
}

void MainWindow::buildActions() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* open = file->addAction(tr("&Open trace..."), this, &MainWindow::chooseAndOpen);
  open->setShortcut(QKeySequence::Open);
  recent_menu_ = file->addMenu(tr("Open &recent"));
  file->addSeparator();
  file->addAction(tr("Export &graph (SVG, PNG, .dot)..."), this, &MainWindow::chooseAndExportGraph);
  file->addAction(tr("Export &timings (Chrome trace JSON)..."), this, &MainWindow::chooseAndExportTimings);
  file->addSeparator();
  QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);

  QMenu* go = menuBar()->addMenu(tr("&Go"));
  auto add = [&](const QString& text, QKeySequence key, void (MainWindow::*slot)()) {
    QAction* a = go->addAction(text, this, slot);
    a->setShortcut(key);
    a->setShortcutContext(Qt::WindowShortcut);
    return a;
  };
  add(tr("Next rewrite"), Qt::Key_Right, &MainWindow::nextStep);
  add(tr("Previous rewrite"), Qt::Key_Left, &MainWindow::previousStep);
  add(tr("Next pass"), Qt::Key_Down, &MainWindow::nextPass);
  add(tr("Previous pass"), Qt::Key_Up, &MainWindow::previousPass);
  add(tr("Next kernel"), Qt::Key_PageDown, &MainWindow::nextKernel);
  add(tr("Previous kernel"), Qt::Key_PageUp, &MainWindow::previousKernel);
  go->addSeparator();
  add(tr("Before / after the step"), Qt::Key_B, &MainWindow::toggleSide);
  add(tr("Fit graph"), Qt::Key_Space, &MainWindow::fitGraph);

  search_ = new QLineEdit;
  search_->setPlaceholderText(tr("Search graph: op, arg or #id (Ctrl+F)"));
  search_->setClearButtonEnabled(true);
  search_->setMaximumWidth(320);
  QToolBar* bar = addToolBar(tr("Search"));
  bar->setObjectName(QStringLiteral("search toolbar"));
  bar->addWidget(search_);
  auto* find = new QShortcut(QKeySequence::Find, this);
  connect(find, &QShortcut::activated, this, [this] {
    search_->setFocus();
    search_->selectAll();
  });
  connect(search_, &QLineEdit::textChanged, this, [this](const QString& t) { search(t); });
  connect(search_, &QLineEdit::returnPressed, this, [this] {
    // Return cycles through the hits.
    if (search_hits_.empty()) return;
    search_cursor_ = (search_cursor_ + 1) % search_hits_.size();
    view_->centerOnNode(search_hits_[search_cursor_]);
  });
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

void MainWindow::setRun(int64_t run_id) {
  if (run_id == run_id_) return;
  run_id_ = run_id;
  rules_ = reader_->rules(run_id);
  rules_model_->setRules(rules_);
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
  updateStatus();
}

void MainWindow::fitGraph() { view_->fitGraph(); }

std::vector<int64_t> MainWindow::search(const QString& text) {
  search_hits_.clear();
  search_cursor_ = 0;
  const FrameGraph* g = scene_->shownGraph();
  const QString needle = text.trimmed();
  if (g && !needle.isEmpty()) {
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

void MainWindow::onNodeClicked(int64_t key) {
  if (const FrameGraph* g = scene_->shownGraph()) rule_panel_->showNode(*g, key);
  scene_->markNodes({key});
}

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
