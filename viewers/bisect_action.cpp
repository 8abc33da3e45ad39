#include "viewers/bisect_action.h"

#include <QAction>
#include <QIcon>

#include "viewers/command_progress_bar.h"

namespace rw::viewer {

BisectAction::BisectAction(CommandProgressBar* progress, QObject* parent) : QObject(parent), progress_(progress) {
  action_ = new QAction(tr("&Bisect wrong output"), this);
  action_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
  action_->setIconText(tr("Bisect"));
  action_->setToolTip(tr("Find the first rewrite or kernel that makes this run's output wrong (Ctrl+B)"));
  action_->setEnabled(false);  // until a trace is open
}

QStringList BisectAction::arguments(const QString& trace, qint64 run) {
  return {QStringLiteral("bisect"), trace, QStringLiteral("--run"), QString::number(run), QStringLiteral("--json"), QStringLiteral("--progress")};
}

void BisectAction::start(const QString& executable, const QString& trace, qint64 run) {
  if (running()) return;
  // The previous command (finished) goes once control is back in the event loop.
  if (command_) command_->deleteLater();
  command_ = new BackgroundCommand(executable, arguments(trace, run), this);
  connect(command_, &BackgroundCommand::finished, this, &BisectAction::onFinished);
  progress_->follow(command_, tr("Bisect"));
  action_->setEnabled(false);
  emit started();
  command_->start();
}

void BisectAction::cancel() {
  if (command_) command_->cancel();
}

void BisectAction::onFinished(const CommandOutcome& outcome) {
  action_->setEnabled(true);
  if (!outcome.ok()) {
    emit failed(outcome.failure(tr("rewind bisect")));
    return;
  }
  QString error;
  std::optional<BisectResult> result = parse_bisect_result(outcome.stdout_data, &error);
  if (!result) {
    emit failed(error + (outcome.stderr_text.trimmed().isEmpty() ? QString() : QStringLiteral("\n") + outcome.stderr_text.trimmed()));
    return;
  }
  emit resultReady(*result);
}

}  // namespace rw::viewer
