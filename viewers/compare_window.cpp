#include "viewers/compare_window.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <exception>

#include "engine/inspect/trace_points.h"
#include "viewers/compare_frame.h"
#include "viewers/compare_graph_pane.h"
#include "viewers/compare_summary.h"
#include "viewers/graph_scene.h"
#include "viewers/graph_view.h"
#include "viewers/kernel_alignment_model.h"
#include "viewers/op_palette.h"

namespace rw::viewer {
namespace {

// The run asked for, else the file's only run, else its newest (a file several runs were
// appended to: the last is usually the one just made).
RunRow run_of(TraceReader& reader, std::optional<int64_t> wanted) {
  if (wanted) return pick_run(reader, wanted);
  std::vector<RunRow> runs = reader.runs();
  if (runs.size() > 1) return runs.back();
  return pick_run(reader, std::nullopt);
}

QString swatch(const QColor& c, const QString& text) {
  return QStringLiteral("<span style='color:%1'>&#9632;</span>&nbsp;%2").arg(c.name(), text);
}

}  // namespace

CompareWindow::CompareWindow(QWidget* parent) : QMainWindow(parent), metrics_(measure_label_metrics()) { buildUi(); }

CompareWindow::~CompareWindow() = default;

void CompareWindow::buildUi() {
  summary_ = new QLabel;
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  QFont bold = summary_->font();
  bold.setBold(true);
  summary_->setFont(bold);

  kernels_model_ = new KernelAlignmentModel(this);
  auto* sorted = new QSortFilterProxyModel(this);
  sorted->setSourceModel(kernels_model_);
  sorted->setSortRole(KernelAlignmentModel::SortRole);
  kernels_view_ = new QTableView;
  kernels_view_->setModel(sorted);
  kernels_view_->setSortingEnabled(true);
  kernels_view_->sortByColumn(-1, Qt::AscendingOrder);  // the comparison's order: matched pairs first
  kernels_view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  kernels_view_->setSelectionMode(QAbstractItemView::SingleSelection);
  kernels_view_->verticalHeader()->hide();
  kernels_view_->horizontalHeader()->setStretchLastSection(true);
  kernels_view_->setWordWrap(false);

  auto* top = new QWidget;
  auto* top_layout = new QVBoxLayout(top);
  top_layout->setContentsMargins(4, 4, 4, 0);
  top_layout->addWidget(summary_);
  top_layout->addWidget(kernels_view_, 1);

  chooser_ = new QComboBox;
  chooser_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  legend_ = new QLabel;
  legend_->setText(QStringList{swatch(HighlightColors::changed(), tr("changed")), swatch(HighlightColors::removed(), tr("only in A (removed)")),
                               swatch(HighlightColors::added(), tr("only in B (added)")), tr("plain: unchanged"),
                               swatch(HighlightColors::selected(), tr("selected and its counterpart"))}
                       .join(QStringLiteral("&nbsp;&nbsp;&nbsp;")));
  auto* bar = new QHBoxLayout;
  bar->addWidget(new QLabel(tr("Graph:")));
  bar->addWidget(chooser_);
  bar->addSpacing(16);
  bar->addWidget(legend_, 1);

  pane_a_ = new CompareGraphPane;
  pane_b_ = new CompareGraphPane;
  auto* graphs = new QSplitter(Qt::Horizontal);
  graphs->addWidget(pane_a_);
  graphs->addWidget(pane_b_);
  auto* bottom = new QWidget;
  auto* bottom_layout = new QVBoxLayout(bottom);
  bottom_layout->setContentsMargins(4, 0, 4, 0);
  bottom_layout->addLayout(bar);
  bottom_layout->addWidget(graphs, 1);

  vertical_ = new QSplitter(Qt::Vertical);
  vertical_->addWidget(top);
  vertical_->addWidget(bottom);
  vertical_->setStretchFactor(0, 0);
  vertical_->setStretchFactor(1, 1);
  setCentralWidget(vertical_);
  selection_ = new QLabel;
  statusBar()->addWidget(selection_, 1);
  resize(1500, 950);

  connect(chooser_, &QComboBox::activated, this, [this](int index) { showPoint(index); });
  connect(pane_a_->scene(), &GraphScene::nodeClicked, this, [this](int64_t key) { selectNode(CompareSide::A, key); });
  connect(pane_b_->scene(), &GraphScene::nodeClicked, this, [this](int64_t key) { selectNode(CompareSide::B, key); });
  // A kernel pair's row shows the two kernels' ASTs.
  connect(kernels_view_, &QAbstractItemView::activated, this, [this, sorted](const QModelIndex& index) {
    const int row = sorted->mapToSource(index).row();
    const KernelPair& p = comparison_->pairs[size_t(row)];
    if (!p.a || !p.b) return;
    const std::string spec_a = "codegen " + comparison_->a.kernels[*p.a].name + ":in";
    for (size_t i = 0; i < points_.size(); ++i)
      if (points_[i].spec_a == spec_a) showPoint(int(i));
  });
}

bool CompareWindow::openTraces(const QString& path_a, std::optional<int64_t> run_a, const QString& path_b, std::optional<int64_t> run_b,
                               QString* error) {
  try {
    auto a = std::make_unique<TraceReader>(path_a.toStdString());
    auto b = std::make_unique<TraceReader>(path_b.toStdString());
    const RunRow ra = run_of(*a, run_a), rb = run_of(*b, run_b);
    auto c = std::make_shared<const FusionComparison>(compare_fusion(*a, ra.id, *b, rb.id));
    std::vector<ComparePoint> points = compare_points(*a, ra.id, *b, rb.id, *c);
    reader_a_ = std::move(a);
    reader_b_ = std::move(b);
    run_a_ = ra.id;
    run_b_ = rb.id;
    path_a_ = path_a;
    path_b_ = path_b;
    comparison_ = c;
    points_ = std::move(points);
  } catch (const std::exception& e) {
    if (error) *error = QString::fromStdString(e.what());
    return false;
  }
  setWindowTitle(tr("Rewind — compare %1 (A) with %2 (B)").arg(QFileInfo(path_a_).fileName(), QFileInfo(path_b_).fileName()));
  kernels_model_->setComparison(comparison_);
  kernels_view_->resizeColumnsToContents();
  fitKernelTable();
  summary_->setText(compare_summary(*comparison_));
  summary_->setToolTip(QStringLiteral("A: %1 run %2 (%3)\nB: %4 run %5 (%6)")
                           .arg(path_a_).arg(run_a_).arg(QString::fromStdString(comparison_->a.options))
                           .arg(path_b_).arg(run_b_).arg(QString::fromStdString(comparison_->b.options)));
  chooser_->clear();
  for (const ComparePoint& p : points_) chooser_->addItem(p.label);
  diff_.reset();
  const int start = default_compare_point(points_);
  if (start >= 0) {
    showPoint(start);
  } else {
    const QString none = tr("The runs have no pass name in common to compare graphs of");
    pane_a_->showError(QString(), none);
    pane_b_->showError(QString(), none);
  }
  return true;
}

QString CompareWindow::sideTitle(CompareSide side, const std::string& point_label, size_t nodes) const {
  const bool a = side == CompareSide::A;
  const FusionSide& s = a ? comparison_->a : comparison_->b;
  QString counts;
  if (diff_) {
    QStringList parts;
    for (DiffClass c : {DiffClass::Unchanged, DiffClass::Changed, a ? DiffClass::Removed : DiffClass::Added})
      parts << QStringLiteral("%1 %2").arg(diff_->count(c, a)).arg(QString::fromUtf8(diff_class_name(c)));
    counts = QStringLiteral(": ") + parts.join(QStringLiteral(", "));
  }
  return QStringLiteral("<b>%1</b> %2 run %3 <span style='color:gray'>(%4)</span><br>%5, %6 nodes%7")
      .arg(a ? "A" : "B", QFileInfo(a ? path_a_ : path_b_).fileName().toHtmlEscaped())
      .arg(a ? run_a_ : run_b_)
      .arg(QString::fromStdString(s.options).toHtmlEscaped(), QString::fromStdString(point_label).toHtmlEscaped())
      .arg(nodes)
      .arg(counts);
}

bool CompareWindow::showPoint(int index) {
  if (index < 0 || index >= int(points_.size())) return false;
  chooser_->setCurrentIndex(index);
  const ComparePoint& p = points_[size_t(index)];
  selection_->clear();
  try {
    GraphPoint pa = parse_graph_point(*reader_a_, run_a_, p.spec_a);
    GraphPoint pb = parse_graph_point(*reader_b_, run_b_, p.spec_b);
    PointGraph ga = load_graph(*reader_a_, pa), gb = load_graph(*reader_b_, pb);
    diff_ = std::make_unique<GraphDiff>(diff_graphs(ga.nodes, ga.root, gb.nodes, gb.root));
    pane_a_->showGraph(compare_frame(ga, diff_->a, pa.label(), metrics_), sideTitle(CompareSide::A, pa.label(), ga.nodes.size()));
    pane_b_->showGraph(compare_frame(gb, diff_->b, pb.label(), metrics_), sideTitle(CompareSide::B, pb.label(), gb.nodes.size()));
  } catch (const std::exception& e) {
    diff_.reset();
    const QString message = tr("Could not compare %1: %2").arg(p.label, QString::fromStdString(e.what()));
    pane_a_->showError(QString(), message);
    pane_b_->showError(QString(), message);
    selection_->setText(message);
    return false;
  }
  return true;
}

bool CompareWindow::showPointNamed(const QString& label) {
  for (size_t i = 0; i < points_.size(); ++i)
    if (points_[i].label == label) return showPoint(int(i));
  return false;
}

std::optional<int64_t> CompareWindow::selectNode(CompareSide side, int64_t key) {
  if (!diff_) return std::nullopt;
  const bool a = side == CompareSide::A;
  const auto& mine = a ? diff_->a : diff_->b;
  CompareGraphPane *here = pane(side), *there = pane(a ? CompareSide::B : CompareSide::A);
  auto it = mine.find(key);
  std::optional<int64_t> other = it != mine.end() ? it->second.other : std::nullopt;
  here->selectNode(key, false);  // where the click was: keep the view still
  there->selectNode(other, true);
  const QString cls = it != mine.end() ? QString::fromUtf8(diff_class_name(it->second.cls)) : tr("unknown");
  const QString self = QStringLiteral("%1 %2").arg(a ? "A" : "B", node_id_text(key));
  selection_->setText(other ? tr("%1 (%2) ↔ %3 %4").arg(self, cls, a ? "B" : "A", node_id_text(*other))
                            : tr("%1 (%2): no counterpart in %3").arg(self, cls, a ? "B" : "A"));
  return other;
}

void CompareWindow::fitKernelTable() {
  // The table as tall as its rows, up to a third of the window: the graphs get the rest.
  int h = summary_->heightForWidth(width() - 8) + kernels_view_->horizontalHeader()->sizeHint().height() + 2 * kernels_view_->frameWidth() + 12;
  for (int r = 0; r < kernels_model_->rowCount(); ++r) h += kernels_view_->rowHeight(r);
  h = std::min(h, height() / 3);
  vertical_->setSizes({h, std::max(height() - h, h)});
}

void CompareWindow::fitGraphs() {
  pane_a_->view()->fitGraph();
  pane_b_->view()->fitGraph();
}

QString CompareWindow::summaryText() const { return summary_->text(); }
QString CompareWindow::selectionText() const { return selection_->text(); }

void CompareWindow::showEvent(QShowEvent* event) {
  QMainWindow::showEvent(event);
  // Views have their real size only once shown: fit then (once, so a zoom is kept).
  if (!fitted_once_) {
    fitted_once_ = true;
    fitKernelTable();
    QTimer::singleShot(0, this, &CompareWindow::fitGraphs);  // after the layout has sized the views
  }
}

void choose_and_compare(QWidget* parent, const QString& trace, std::optional<int64_t> run) {
  if (trace.isEmpty()) {
    QMessageBox::information(parent, QObject::tr("Compare"), QObject::tr("Open a trace first, then compare it with another."));
    return;
  }
  const QString other = QFileDialog::getOpenFileName(parent, QObject::tr("Compare %1 with…").arg(QFileInfo(trace).fileName()),
                                                     QFileInfo(trace).absolutePath(), QObject::tr("Rewind traces (*.rwd);;All files (*)"));
  if (other.isEmpty()) return;
  auto* window = new CompareWindow;
  window->setAttribute(Qt::WA_DeleteOnClose);
  QString error;
  if (!window->openTraces(trace, run, other, std::nullopt, &error)) {
    delete window;
    QMessageBox::warning(parent, QObject::tr("Compare"),
                         QObject::tr("Could not compare %1 with %2: %3\nPick a trace written by 'rewind run … -o FILE.rwd'.").arg(trace, other, error));
    return;
  }
  window->show();
}

}  // namespace rw::viewer
