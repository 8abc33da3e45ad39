// The compare view: two runs (two traces, or two runs of one) side by side. At the top the
// summary line and the aligned kernel table (a kernel of A, the kernel of B writing the same
// tensor node, times and deltas; rows whose fusion differs are marked, with the scheduling
// decisions why). Below, the same graph of each run (a pass both runs have, or a kernel
// pair's AST) with every node coloured by its structural diff class; clicking a node selects
// and centres its counterpart (matched by structural hash) on the other side.
#pragma once
#include <QMainWindow>
#include <memory>
#include <optional>
#include <vector>

#include "engine/inspect/fusion_compare.h"
#include "engine/inspect/graph_diff.h"
#include "engine/trace/trace_reader.h"
#include "viewers/compare_points.h"
#include "viewers/node_label.h"

class QComboBox;
class QLabel;
class QSplitter;
class QTableView;

namespace rw::viewer {

class CompareGraphPane;
class KernelAlignmentModel;

enum class CompareSide { A, B };

class CompareWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit CompareWindow(QWidget* parent = nullptr);
  ~CompareWindow() override;

  // Opens both traces and compares their runs (a file's only or newest run when none is
  // given). On failure returns false with what went wrong in *error; the window is unchanged.
  bool openTraces(const QString& path_a, std::optional<int64_t> run_a, const QString& path_b, std::optional<int64_t> run_b,
                  QString* error);
  // Shows the graph point at `index` of pointChooser() (the list of compare_points) or named
  // `label`; false when there is no such point.
  bool showPoint(int index);
  bool showPointNamed(const QString& label);
  // A node clicked on one side: marked there, its counterpart marked and centred on the other
  // side (nothing marked there for a removed or added node). Returns the counterpart.
  std::optional<int64_t> selectNode(CompareSide side, int64_t key);
  void fitGraphs();

  KernelAlignmentModel* kernelModel() const { return kernels_model_; }
  QTableView* kernelTable() const { return kernels_view_; }
  QComboBox* pointChooser() const { return chooser_; }
  CompareGraphPane* pane(CompareSide side) const { return side == CompareSide::A ? pane_a_ : pane_b_; }
  const GraphDiff* graphDiff() const { return diff_.get(); }
  const std::vector<ComparePoint>& points() const { return points_; }
  QString summaryText() const;
  QString selectionText() const;  // what the last click selected, for the status bar

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  void buildUi();
  void fitKernelTable();
  QString sideTitle(CompareSide side, const std::string& point_label, size_t nodes) const;

  std::unique_ptr<TraceReader> reader_a_, reader_b_;
  int64_t run_a_ = 0, run_b_ = 0;
  QString path_a_, path_b_;
  std::shared_ptr<const FusionComparison> comparison_;
  std::vector<ComparePoint> points_;
  std::unique_ptr<GraphDiff> diff_;
  LabelMetrics metrics_;
  bool fitted_once_ = false;

  QLabel *summary_, *legend_, *selection_;
  KernelAlignmentModel* kernels_model_;
  QTableView* kernels_view_;
  QComboBox* chooser_;
  CompareGraphPane *pane_a_, *pane_b_;
  QSplitter* vertical_;
};

// File > Compare with…: asks for a second trace and opens a compare window of `run` of
// `trace` against it (its newest run). Errors go to a message box.
void choose_and_compare(QWidget* parent, const QString& trace, std::optional<int64_t> run);

}  // namespace rw::viewer
