#include "viewers/kernel_panel.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QVBoxLayout>

#include "viewers/op_palette.h"
#include "viewers/source_highlighter.h"
#include "viewers/timing_chart.h"

namespace rw::viewer {

KernelPanel::KernelPanel(QWidget* parent) : QTabWidget(parent) {
  c_ = makeSourceView(int(SourceLanguage::C));
  llvm_ = makeSourceView(int(SourceLanguage::LlvmIr));
  linear_ = makeSourceView(int(SourceLanguage::LinearUops));
  addTab(c_, tr("C"));
  addTab(llvm_, tr("LLVM IR"));
  addTab(linear_, tr("Linear"));

  auto* timing_page = new QWidget;
  auto* timing_layout = new QVBoxLayout(timing_page);
  timing_ = new QLabel;
  timing_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  timing_->setWordWrap(true);
  chart_ = new TimingChart;
  auto* chart_scroll = new QScrollArea;
  chart_scroll->setWidget(chart_);
  chart_scroll->setWidgetResizable(true);
  timing_layout->addWidget(timing_);
  timing_layout->addWidget(chart_scroll, 1);
  addTab(timing_page, tr("Timing"));
  connect(chart_, &TimingChart::kernelClicked, this, &KernelPanel::kernelChosen);

  check_ = new QLabel;
  check_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  check_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  check_->setWordWrap(true);
  check_->setMargin(8);
  addTab(check_, tr("Check"));
  showCurrent();
}

QPlainTextEdit* KernelPanel::makeSourceView(int language) {
  auto* view = new QPlainTextEdit;
  view->setReadOnly(true);
  view->setLineWrapMode(QPlainTextEdit::NoWrap);
  view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  new SourceHighlighter(view->document(), SourceLanguage(language), palette_is_dark());
  return view;
}

void KernelPanel::setKernels(std::vector<KernelSummary> kernels) {
  kernels_ = std::move(kernels);
  chart_->setKernels(kernels_);
  current_ = kernels_.empty() ? -1 : 0;
  showCurrent();
}

void KernelPanel::setCurrent(int index) {
  current_ = index >= 0 && index < int(kernels_.size()) ? index : -1;
  showCurrent();
}

const KernelSummary* KernelPanel::currentKernel() const { return current_ >= 0 ? &kernels_[size_t(current_)] : nullptr; }

void KernelPanel::showCurrent() {
  chart_->setCurrent(current_);
  const KernelSummary* k = currentKernel();
  const QString none = kernels_.empty() ? tr("This run has no kernels yet.") : tr("No kernel selected (PgUp/PgDn steps through the kernels).");
  auto show = [&](QPlainTextEdit* view, const std::string& text, const QString& missing) {
    view->setPlainText(QString::fromStdString(text));
    view->setPlaceholderText(k ? missing : none);
  };
  show(c_, k ? k->kernel.c_source : "", tr("This kernel has no C source in the trace."));
  show(llvm_, k ? k->kernel.llvm_ir : "", tr("This kernel has no LLVM IR in the trace."));
  show(linear_, k ? k->kernel.linear : "", tr("This kernel has no linear UOps in the trace."));

  if (!k) {
    timing_->setText(none);
    check_->setText(none);
    return;
  }
  QString t = QStringLiteral("<b>%1</b><br>").arg(QString::fromStdString(k->kernel.name).toHtmlEscaped());
  if (k->timing) {
    t += tr("min %1 µs, median %2 µs over %3 runs").arg(k->timing->min_us, 0, 'f', 2).arg(k->timing->median_us, 0, 'f', 2).arg(k->timing->iterations);
    if (auto g = k->gflops()) t += tr("<br>%1 GFLOP/s").arg(*g, 0, 'f', 2);
    if (auto b = k->gbytes_per_s()) t += tr("<br>%1 GB/s").arg(*b, 0, 'f', 2);
  } else {
    t += tr("This kernel was not timed (run with --timings).");
  }
  if (k->kernel.id) t += tr("<br>compiled in %1 ms").arg(k->kernel.compile_ms, 0, 'f', 1);
  timing_->setText(t);

  QString c;
  if (k->checks.empty()) {
    c = tr("This kernel's output was not checked.");
  } else {
    for (const CheckRow& r : k->checks) {
      QString color = r.ok ? QStringLiteral("#1a7f37") : QStringLiteral("#d03030");
      c += QStringLiteral("<p><b style='color:%1'>%2</b> buffer <b>%3</b><br>")
               .arg(color, r.ok ? tr("PASS") : tr("FAIL"), QString::fromStdString(r.buffer).toHtmlEscaped());
      c += tr("max abs error %1, max rel error %2").arg(r.max_abs_err, 0, 'g', 6).arg(r.max_rel_err, 0, 'g', 6);
      if (!r.ok) {
        c += tr("<br>%1 mismatches; first bad index %2: got %3, want %4").arg(r.mismatches).arg(r.first_bad_index).arg(r.got, 0, 'g', 8).arg(r.want, 0, 'g', 8);
      }
      if (!r.detail.empty()) c += QStringLiteral("<br><i>%1</i>").arg(QString::fromStdString(r.detail).toHtmlEscaped());
      c += QStringLiteral("</p>");
    }
  }
  check_->setText(c);
}

QString KernelPanel::shownText(Tab tab) const {
  switch (tab) {
    case CTab: return c_->toPlainText();
    case LlvmTab: return llvm_->toPlainText();
    case LinearTab: return linear_->toPlainText();
    case TimingTab: return timing_->text();
    case CheckTab: return check_->text();
  }
  return {};
}

}  // namespace rw::viewer
