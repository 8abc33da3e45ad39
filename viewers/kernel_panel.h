// The current kernel: C source, LLVM IR and linear UOps (highlighted), its timing with a
// chart over the run's kernels, and its check. Friendly empty states when the run has no
// kernels (traces written before the back end existed, or a scheduling-only run).
#pragma once
#include <QTabWidget>
#include <vector>

#include "viewers/kernel_summary.h"

class QLabel;
class QPlainTextEdit;

namespace rw::viewer {

class TimingChart;
class SourceHighlighter;

class KernelPanel : public QTabWidget {
  Q_OBJECT
 public:
  enum Tab { CTab, LlvmTab, LinearTab, TimingTab, CheckTab };
  explicit KernelPanel(QWidget* parent = nullptr);
  void setKernels(std::vector<KernelSummary> kernels);
  void setCurrent(int index);  // -1: none
  int current() const { return current_; }
  int kernelCount() const { return int(kernels_.size()); }
  const KernelSummary* currentKernel() const;

  QString shownText(Tab tab) const;  // what a tab displays, for tests and copying
  TimingChart* chart() const { return chart_; }

 signals:
  void kernelChosen(int index);

 private:
  void showCurrent();
  QPlainTextEdit* makeSourceView(int language);
  std::vector<KernelSummary> kernels_;
  int current_ = -1;
  QPlainTextEdit *c_, *llvm_, *linear_;
  QLabel *timing_, *check_;
  TimingChart* chart_;
};

}  // namespace rw::viewer
