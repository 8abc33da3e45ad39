// "Re-run without this step" / "Re-run with this rule disabled": runs
// `rewind rerun TRACE --run N (--skip-step PASS_ID:STEP | --disable-rule TEXT) -o NEW.rwd` in
// the background and reports the new trace. The new file goes next to the trace, or to the
// temporary directory when the trace's folder is not writable; it never replaces a file.
#pragma once
#include <QObject>
#include <QPointer>
#include <optional>

#include "viewers/background_command.h"

namespace rw::viewer {

class CommandProgressBar;

struct RerunChange {
  qint64 run = 0;
  // One of the two: the step to skip, or the rule to disable.
  std::optional<std::pair<qint64, qint64>> skip_step;  // pass id, step
  QString disable_rule;
  QString describe() const;  // "without step 3 of pass #2"
};

// Where the rerun of `trace` with `change` is written: a name saying what changed, made
// unique.
QString rerun_output_path(const QString& trace, const RerunChange& change);
QStringList rerun_arguments(const QString& trace, const RerunChange& change, const QString& output);

class RerunCommand : public QObject {
  Q_OBJECT
 public:
  RerunCommand(CommandProgressBar* progress, QObject* parent = nullptr);
  void start(const QString& executable, const QString& trace, const RerunChange& change);
  bool running() const { return command_ && command_->running(); }
  const BackgroundCommand* command() const { return command_; }

 signals:
  void written(QString path, QString description);
  void failed(QString message);

 private:
  CommandProgressBar* progress_;
  QPointer<BackgroundCommand> command_;
};

}  // namespace rw::viewer
