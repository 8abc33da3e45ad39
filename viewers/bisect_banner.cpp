#include "viewers/bisect_banner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QTextDocument>
#include <QToolButton>

namespace rw::viewer {
namespace {

QString heading(const BisectResult& r) {
  using V = BisectResult::Verdict;
  switch (r.verdict) {
    case V::WrongStep: return QObject::tr("Bisect: the first wrong step is step %1 of pass %2").arg(r.step).arg(r.pass_name.toHtmlEscaped());
    case V::Interval:
      return QObject::tr("Bisect: the output goes wrong between steps %1 and %2 of pass %3 (the steps between cannot be evaluated)")
          .arg(r.from_step).arg(r.to_step).arg(r.pass_name.toHtmlEscaped());
    case V::AfterGraph: return QObject::tr("Bisect: every graph is right; kernel %1 computes a wrong result").arg(r.kernel.toHtmlEscaped());
    case V::Linearize: return QObject::tr("Bisect: kernel %1 goes wrong when linearized").arg(r.kernel.toHtmlEscaped());
    case V::Correct: return QObject::tr("Bisect: the run's output is correct, nothing to bisect");
    case V::Error: return QObject::tr("Bisect could not decide");
  }
  return {};
}

}  // namespace

QString describe_bisect_result(const BisectResult& r) {
  QString html = QStringLiteral("<b>%1</b>").arg(heading(r));
  if (!r.summary.isEmpty()) html += QStringLiteral("<br>") + r.summary.toHtmlEscaped();
  QStringList details;
  if (!r.rule.isEmpty()) details << QObject::tr("rule <code>%1</code>").arg(r.rule.toHtmlEscaped());
  if (!r.location.isEmpty()) details << QObject::tr("at %1").arg(r.location.toHtmlEscaped());
  if (r.diff && r.diff->count == 0 && !r.diff->detail.isEmpty())
    details << r.diff->detail.toHtmlEscaped();
  else if (r.diff)
    details << QObject::tr("%1: %2 values wrong, first at [%3]: got %4, want %5")
                   .arg(r.diff->buffer.toHtmlEscaped()).arg(r.diff->count).arg(r.diff->first_index).arg(r.diff->got).arg(r.diff->want);
  if (r.evaluated) details << (r.evaluated == 1 ? QObject::tr("1 snapshot evaluated") : QObject::tr("%1 snapshots evaluated").arg(r.evaluated));
  if (!details.isEmpty()) html += QStringLiteral("<br>") + details.join(QStringLiteral(" · "));
  return html;
}

BisectBanner::BisectBanner(QWidget* parent) : QFrame(parent) {
  setFrameShape(QFrame::StyledPanel);
  setAutoFillBackground(true);
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(8, 4, 4, 4);
  label_ = new QLabel;
  label_->setWordWrap(true);
  label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  close_ = new QToolButton;
  close_->setText(QStringLiteral("✕"));
  close_->setToolTip(tr("Close"));
  close_->setAutoRaise(true);
  layout->addWidget(label_, 1);
  layout->addWidget(close_, 0, Qt::AlignTop);
  connect(close_, &QToolButton::clicked, this, &QWidget::hide);
  hide();
}

void BisectBanner::setTone(bool error) {
  error_ = error;
  // Light tints that read on both palettes' text colours.
  QPalette p = palette();
  const bool dark = p.color(QPalette::Window).lightness() < 128;
  const QColor tint = error ? (dark ? QColor(0x5a, 0x22, 0x22) : QColor(0xfb, 0xe3, 0xe3)) : (dark ? QColor(0x22, 0x3a, 0x55) : QColor(0xe3, 0xee, 0xfb));
  p.setColor(QPalette::Window, tint);
  setPalette(p);
}

void BisectBanner::showResult(const BisectResult& result) {
  setTone(result.verdict == BisectResult::Verdict::Error);
  label_->setText(describe_bisect_result(result));
  show();
}

void BisectBanner::showResultNote(const QString& note) {
  label_->setText(label_->text() + QStringLiteral("<br><i>%1</i>").arg(note.toHtmlEscaped()));
}

void BisectBanner::showError(const QString& message) {
  setTone(true);
  label_->setText(QStringLiteral("<b>%1</b><br>%2").arg(tr("Bisect failed"), message.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"))));
  show();
}

QString BisectBanner::text() const {
  QTextDocument doc;
  doc.setHtml(label_->text());
  return doc.toPlainText();
}

}  // namespace rw::viewer
