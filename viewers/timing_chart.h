// Horizontal bars of every kernel's min and median time in a run, the current kernel
// emphasized. Painted directly: a few dozen bars need no chart library.
#pragma once
#include <QWidget>
#include <vector>

#include "viewers/kernel_summary.h"

namespace rw::viewer {

class TimingChart : public QWidget {
  Q_OBJECT
 public:
  explicit TimingChart(QWidget* parent = nullptr);
  void setKernels(const std::vector<KernelSummary>& kernels);
  void setCurrent(int index);
  int barCount() const { return int(bars_.size()); }
  QSize sizeHint() const override;

 signals:
  void kernelClicked(int index);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;

 private:
  struct Bar {
    QString name;
    double min_us, median_us;
    int kernel_index;
  };
  std::vector<Bar> bars_;  // timed kernels only
  int current_ = -1;
  static constexpr int kRowHeight = 20;
  static constexpr int kTop = 24;
};

}  // namespace rw::viewer
