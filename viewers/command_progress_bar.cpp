#include "viewers/command_progress_bar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>
#include <limits>

namespace rw::viewer {

CommandProgressBar::CommandProgressBar(QWidget* parent) : QWidget(parent) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  label_ = new QLabel;
  bar_ = new QProgressBar;
  bar_->setMaximumWidth(160);
  bar_->setTextVisible(true);
  cancel_ = new QToolButton;
  cancel_->setText(tr("Cancel"));
  layout->addWidget(label_);
  layout->addWidget(bar_);
  layout->addWidget(cancel_);
  hide();
}

void CommandProgressBar::follow(BackgroundCommand* command, const QString& title) {
  title_ = title;
  show_progress({});
  show();
  cancel_->disconnect();
  connect(cancel_, &QToolButton::clicked, command, &BackgroundCommand::cancel);
  connect(command, &BackgroundCommand::progress, this, &CommandProgressBar::show_progress);
  connect(command, &BackgroundCommand::finished, this, [this] { hide(); });
}

void CommandProgressBar::show_progress(const CommandProgress& p) {
  // QProgressBar counts in int; TOTAL may grow while the command works.
  constexpr qint64 kMax = std::numeric_limits<int>::max();
  if (p.total <= 0) {
    bar_->setRange(0, 0);
  } else {
    bar_->setRange(0, int(std::min(p.total, kMax)));
    bar_->setValue(int(std::min(p.done, std::min(p.total, kMax))));
    bar_->setFormat(QStringLiteral("%1/%2").arg(p.done).arg(p.total));
  }
  label_->setText(p.message.isEmpty() ? title_ + QStringLiteral("…") : QStringLiteral("%1: %2").arg(title_, p.message));
}

QString CommandProgressBar::text() const { return label_->text(); }
int CommandProgressBar::value() const { return bar_->value(); }
int CommandProgressBar::maximum() const { return bar_->maximum(); }

}  // namespace rw::viewer
