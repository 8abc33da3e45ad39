// The main window's widgets, menus and shortcuts.
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
#include <QCheckBox>
#include <QTableView>
#include <QToolBar>
#include <QTreeView>
#include <QTimer>
#include <QVBoxLayout>
#include <QEventLoop>
#include <algorithm>

#include "viewers/chrome_trace.h"
#include "viewers/compare_window.h"
#include "viewers/graph_export.h"
#include "viewers/graph_loader.h"
#include "viewers/graph_scene.h"
#include "viewers/graph_view.h"
#include "viewers/kernel_panel.h"
#include "viewers/kernels_model.h"
#include "viewers/node_query_text.h"
#include "viewers/op_palette.h"
#include "viewers/rule_panel.h"
#include "viewers/rules_model.h"
#include "viewers/trace_filter_proxy.h"
#include "viewers/trace_tree_model.h"

namespace rw::viewer {

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
  auto* rules_page = new QWidget;
  auto* rules_layout = new QVBoxLayout(rules_page);
  rules_layout->setContentsMargins(0, 0, 0, 0);
  rules_pass_only_ = new QCheckBox(tr("Statistics of the shown pass only"));
  rules_pass_only_->setToolTip(tr("Tries, hits and time of each rule in the pass shown, instead of the whole run"));
  connect(rules_pass_only_, &QCheckBox::toggled, this, [this] { updateRuleStats(); });
  rules_layout->addWidget(rules_pass_only_);
  rules_layout->addWidget(rules_view_);
  left_tabs_->addTab(rules_page, tr("Rules"));
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
  file->addAction(tr("&Compare with…"), this, [this] { choose_and_compare(this, path_, run_id_ ? std::optional<int64_t>(run_id_) : std::nullopt); });
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
  add(tr("Pass input"), Qt::Key_Home, &MainWindow::firstStep);
  add(tr("Pass output (last rewrite)"), Qt::Key_End, &MainWindow::lastStep);
  add(tr("Next pass"), Qt::Key_Down, &MainWindow::nextPass);
  add(tr("Previous pass"), Qt::Key_Up, &MainWindow::previousPass);
  add(tr("Next kernel"), Qt::Key_PageDown, &MainWindow::nextKernel);
  add(tr("Previous kernel"), Qt::Key_PageUp, &MainWindow::previousKernel);
  go->addSeparator();
  add(tr("Before / after the step"), Qt::Key_B, &MainWindow::toggleSide);
  add(tr("Fit graph"), Qt::Key_Space, &MainWindow::fitGraph);

  search_ = new QLineEdit;
  search_->setPlaceholderText(tr("Search graph: op, arg or #id; or query the run: op:ADD rule:fold (Ctrl+F)"));
  search_->setToolTip(tr("Plain text marks the shown graph's nodes by op, arg or #id as you type.\n"
                         "key:value terms query every node of the run on Return: op:ADD arg:3 rule:fold kernel:r_6_10 computed:E_16_8"));
  search_->setClearButtonEnabled(true);
  search_->setMinimumWidth(260);
  search_->setMaximumWidth(420);
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
    if (looks_like_node_query(search_->text())) {
      findNodes(search_->text());
      return;
    }
    // Return cycles through the hits.
    if (search_hits_.empty()) return;
    search_cursor_ = (search_cursor_ + 1) % search_hits_.size();
    view_->centerOnNode(search_hits_[search_cursor_]);
  });
}

}  // namespace rw::viewer
