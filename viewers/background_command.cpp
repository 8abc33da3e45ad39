#include "viewers/background_command.h"

#include <QFileInfo>

namespace rw::viewer {

bool parse_progress_line(const QString& line, CommandProgress* out) {
  // "progress DONE TOTAL MESSAGE": the message may hold spaces, or be absent.
  const QStringList parts = line.trimmed().split(QLatin1Char(' '));
  if (parts.size() < 3 || parts[0] != QLatin1String("progress")) return false;
  bool done_ok = false, total_ok = false;
  const qint64 done = parts[1].toLongLong(&done_ok), total = parts[2].toLongLong(&total_ok);
  if (!done_ok || !total_ok || done < 0 || total < 0) return false;
  out->done = done;
  out->total = total;
  out->message = parts.mid(3).join(QLatin1Char(' '));
  return true;
}

QString CommandOutcome::failure(const QString& what) const {
  if (cancelled) return QObject::tr("%1 was cancelled.").arg(what);
  const QString message = stderr_text.trimmed();
  if (!started) return QObject::tr("%1 could not be started: %2").arg(what, message);
  if (crashed) return QObject::tr("%1 crashed.%2").arg(what, message.isEmpty() ? QString() : QStringLiteral("\n") + message);
  if (message.isEmpty()) return QObject::tr("%1 failed (exit code %2) without a message.").arg(what).arg(exit_code);
  return QObject::tr("%1 failed (exit code %2):\n%3").arg(what).arg(exit_code).arg(message);
}

BackgroundCommand::BackgroundCommand(QString executable, QStringList arguments, QObject* parent)
    : QObject(parent), executable_(std::move(executable)), arguments_(std::move(arguments)) {
  connect(&process_, &QProcess::readyReadStandardError, this, [this] { readStderr(false); });
  connect(&process_, &QProcess::readyReadStandardOutput, this, [this] { outcome_.stdout_data += process_.readAllStandardOutput(); });
  connect(&process_, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
    outcome_.exit_code = code;
    outcome_.crashed = outcome_.crashed || (status == QProcess::CrashExit && !outcome_.cancelled);
    finish(true);
  });
  connect(&process_, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
    if (error != QProcess::FailedToStart) return;  // crashes and kills end in finished()
    outcome_.stderr_text = tr("%1 (%2). Check that the file exists and is executable.").arg(process_.errorString(), executable_);
    finish(false);
  });
}

BackgroundCommand::~BackgroundCommand() {
  // A window closed mid-bisect must not leave the child running.
  if (running()) {
    done_ = true;
    process_.kill();
    process_.waitForFinished(2000);
  }
}

void BackgroundCommand::start() {
  outcome_ = {};
  done_ = false;
  process_.start(executable_, arguments_);
}

void BackgroundCommand::cancel() {
  if (!running()) return;
  outcome_.cancelled = true;
  process_.kill();
}

void BackgroundCommand::readStderr(bool flush_partial_line) {
  stderr_pending_ += process_.readAllStandardError();
  qsizetype end;
  auto take_line = [&](QByteArray line) {
    CommandProgress p;
    if (parse_progress_line(QString::fromUtf8(line), &p)) {
      progress_ = p;
      emit progress(p);
    } else {
      outcome_.stderr_text += QString::fromUtf8(line) + QLatin1Char('\n');
    }
  };
  while ((end = stderr_pending_.indexOf('\n')) >= 0) {
    take_line(stderr_pending_.left(end));
    stderr_pending_.remove(0, end + 1);
  }
  if (flush_partial_line && !stderr_pending_.isEmpty()) {
    take_line(stderr_pending_);
    stderr_pending_.clear();
  }
}

void BackgroundCommand::finish(bool started) {
  if (done_) return;
  done_ = true;
  if (started) {
    outcome_.stdout_data += process_.readAllStandardOutput();
    readStderr(true);
  }
  outcome_.started = started;
  emit finished(outcome_);
}

}  // namespace rw::viewer
