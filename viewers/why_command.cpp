#include "viewers/why_command.h"

namespace rw::viewer {

WhyCommand::WhyCommand(QObject* parent) : QObject(parent) {}

QStringList WhyCommand::arguments(const WhyQuestion& q) {
  return {QStringLiteral("why"), q.trace, QStringLiteral("%1:%2").arg(q.pass_id).arg(q.step), QStringLiteral("--node"), QString::number(q.node_id),
          QStringLiteral("--run"), QString::number(q.run), QStringLiteral("--json")};
}

void WhyCommand::start(const QString& executable, const WhyQuestion& question) {
  if (command_) {
    // Its finished() must not answer the new question.
    disconnect(command_, nullptr, this, nullptr);
    command_->cancel();
    command_->deleteLater();
  }
  question_ = question;
  command_ = new BackgroundCommand(executable, arguments(question), this);
  connect(command_, &BackgroundCommand::finished, this, &WhyCommand::onFinished);
  command_->start();
}

void WhyCommand::onFinished(const CommandOutcome& outcome) {
  if (!outcome.ok()) {
    emit failed(outcome.failure(tr("rewind why")));
    return;
  }
  QString error;
  std::optional<WhyNotResult> result = parse_why_not(outcome.stdout_data, &error);
  if (!result) {
    emit failed(error + (outcome.stderr_text.trimmed().isEmpty() ? QString() : QStringLiteral("\n") + outcome.stderr_text.trimmed()));
    return;
  }
  emit resultReady(*result);
}

}  // namespace rw::viewer
