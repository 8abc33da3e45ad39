#include "viewers/timing_chart.h"

#include <QMouseEvent>
#include <QPainter>
#include <algorithm>

#include "viewers/op_palette.h"

namespace rw::viewer {

TimingChart::TimingChart(QWidget* parent) : QWidget(parent) { setMinimumHeight(60); }

void TimingChart::setKernels(const std::vector<KernelSummary>& kernels) {
  bars_.clear();
  for (size_t i = 0; i < kernels.size(); ++i)
    if (kernels[i].timing) bars_.push_back({QString::fromStdString(kernels[i].kernel.name), kernels[i].timing->min_us, kernels[i].timing->median_us, int(i)});
  setMinimumHeight(kTop + int(bars_.size()) * kRowHeight + 8);
  updateGeometry();
  update();
}

void TimingChart::setCurrent(int index) {
  current_ = index;
  update();
}

QSize TimingChart::sizeHint() const { return {360, kTop + int(bars_.size()) * kRowHeight + 8}; }

void TimingChart::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  const QPalette& pal = palette();
  p.fillRect(rect(), pal.color(QPalette::Base));
  p.setPen(pal.color(QPalette::Text));
  if (bars_.empty()) {
    p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, tr("No kernel of this run was timed yet."));
    return;
  }
  double longest = 0;
  for (const Bar& b : bars_) longest = std::max(longest, b.median_us);
  const int label_width = std::min(width() / 3, 140);
  const int bar_left = label_width + 8, bar_width = std::max(20, width() - bar_left - 70);
  p.drawText(QRect(0, 2, width(), kTop - 4), Qt::AlignLeft | Qt::AlignVCenter, tr("  min (solid) and median (outline), µs"));
  const QColor bar = HighlightColors::selected();
  for (size_t i = 0; i < bars_.size(); ++i) {
    const Bar& b = bars_[i];
    const int y = kTop + int(i) * kRowHeight;
    const bool current = b.kernel_index == current_;
    QFont f = font();
    f.setBold(current);
    p.setFont(f);
    p.setPen(pal.color(QPalette::Text));
    p.drawText(QRect(4, y, label_width - 4, kRowHeight), Qt::AlignRight | Qt::AlignVCenter, b.name);
    const double scale = longest > 0 ? bar_width / longest : 0;
    QColor fill = bar;
    fill.setAlpha(current ? 255 : 140);
    p.fillRect(QRectF(bar_left, y + 4, b.min_us * scale, kRowHeight - 8), fill);
    p.setPen(QPen(fill, 1));
    p.setBrush(Qt::NoBrush);
    p.drawRect(QRectF(bar_left, y + 4, b.median_us * scale, kRowHeight - 8));
    p.setPen(pal.color(QPalette::Text));
    p.drawText(QRect(bar_left + int(b.median_us * scale) + 4, y, 70, kRowHeight), Qt::AlignLeft | Qt::AlignVCenter, QString::number(b.min_us, 'g', 4));
  }
}

void TimingChart::mousePressEvent(QMouseEvent* event) {
  int row = (int(event->position().y()) - kTop) / kRowHeight;
  if (event->position().y() >= kTop && row >= 0 && row < int(bars_.size())) emit kernelClicked(bars_[size_t(row)].kernel_index);
}

}  // namespace rw::viewer
