// One `rewind` subcommand run as a child process (bisect, rerun) without blocking the window.
// The child reports progress as stderr lines `progress DONE TOTAL MESSAGE`; every other stderr
// line is kept as its message for the user. Stdout is collected whole (bisect's JSON result).
// The executable is injectable so tests can run a small script in its place.
#pragma once
#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace rw::viewer {

struct CommandProgress {
  qint64 done = 0, total = 0;
  QString message;
};

// Parses one stderr line; false when it is not a progress line.
bool parse_progress_line(const QString& line, CommandProgress* out);

struct CommandOutcome {
  bool started = false;      // false: the executable could not be run at all
  bool cancelled = false;
  bool crashed = false;
  int exit_code = -1;
  QByteArray stdout_data;
  QString stderr_text;       // stderr without the progress lines
  bool ok() const { return started && !cancelled && !crashed && exit_code == 0; }
  // What went wrong, for the user: the command's own message, or why it did not run.
  QString failure(const QString& what) const;
};

class BackgroundCommand : public QObject {
  Q_OBJECT
 public:
  BackgroundCommand(QString executable, QStringList arguments, QObject* parent = nullptr);
  ~BackgroundCommand() override;
  void start();
  void cancel();  // kills the child; finished() follows with cancelled set
  bool running() const { return process_.state() != QProcess::NotRunning; }
  const QString& executable() const { return executable_; }
  const QStringList& arguments() const { return arguments_; }
  const CommandProgress& lastProgress() const { return progress_; }

 signals:
  void progress(rw::viewer::CommandProgress progress);
  void finished(rw::viewer::CommandOutcome outcome);

 private:
  void readStderr(bool flush_partial_line);
  void finish(bool started);

  QString executable_;
  QStringList arguments_;
  QProcess process_;
  QByteArray stderr_pending_;  // a line not yet ended
  CommandOutcome outcome_;
  CommandProgress progress_;
  bool done_ = false;
};

}  // namespace rw::viewer
