#include "viewers/rerun_command.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include "viewers/command_progress_bar.h"

namespace rw::viewer {

QString RerunChange::describe() const {
  if (skip_step) return QObject::tr("without step %1 of pass #%2").arg(skip_step->second).arg(skip_step->first);
  return QObject::tr("with rule \"%1\" disabled").arg(disable_rule);
}

QString rerun_output_path(const QString& trace, const RerunChange& change) {
  const QFileInfo info(trace);
  QString suffix;
  if (change.skip_step) {
    suffix = QStringLiteral("skip-%1-%2").arg(change.skip_step->first).arg(change.skip_step->second);
  } else {
    // Rule texts hold spaces, arrows and slashes: a short readable slug plus a hash keeps
    // names valid and distinct.
    QString slug = change.disable_rule.left(24).toLower();
    slug.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    const QByteArray hash = QCryptographicHash::hash(change.disable_rule.toUtf8(), QCryptographicHash::Sha1).toHex().left(6);
    suffix = QStringLiteral("no-%1-%2").arg(slug.remove(QRegularExpression(QStringLiteral("^-|-$"))), QString::fromLatin1(hash));
  }
  const QFileInfo folder(info.absolutePath());
  const QString dir = folder.isDir() && folder.isWritable() ? info.absolutePath() : QDir::tempPath();
  const QString base = QStringLiteral("%1/%2.%3").arg(dir, info.completeBaseName(), suffix);
  QString path = base + QStringLiteral(".rwd");
  for (int n = 2; QFileInfo::exists(path); ++n) path = QStringLiteral("%1-%2.rwd").arg(base).arg(n);
  return path;
}

QStringList rerun_arguments(const QString& trace, const RerunChange& change, const QString& output) {
  QStringList args{QStringLiteral("rerun"), trace, QStringLiteral("--run"), QString::number(change.run)};
  if (change.skip_step)
    args << QStringLiteral("--skip-step") << QStringLiteral("%1:%2").arg(change.skip_step->first).arg(change.skip_step->second);
  else
    args << QStringLiteral("--disable-rule") << change.disable_rule;
  args << QStringLiteral("-o") << output;
  return args;
}

RerunCommand::RerunCommand(CommandProgressBar* progress, QObject* parent) : QObject(parent), progress_(progress) {}

void RerunCommand::start(const QString& executable, const QString& trace, const RerunChange& change) {
  if (running()) {
    emit failed(tr("A re-run is already under way; wait for it or cancel it in the status bar."));
    return;
  }
  if (command_) command_->deleteLater();
  const QString output = rerun_output_path(trace, change);
  const QString description = change.describe();
  command_ = new BackgroundCommand(executable, rerun_arguments(trace, change, output), this);
  connect(command_, &BackgroundCommand::finished, this, [this, output, description](const CommandOutcome& outcome) {
    if (!outcome.ok()) {
      emit failed(outcome.failure(tr("rewind rerun %1").arg(description)));
    } else if (!QFileInfo::exists(output)) {
      emit failed(tr("rewind rerun %1 finished but wrote no trace at %2.").arg(description, output));
    } else {
      emit written(output, description);
    }
  });
  progress_->follow(command_, tr("Re-run %1").arg(description));
  command_->start();
}

}  // namespace rw::viewer
