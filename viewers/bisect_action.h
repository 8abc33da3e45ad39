// "Bisect" (Ctrl+B): runs `rewind bisect TRACE --run N --json --progress` in the background,
// shows its progress in the status bar (cancellable) and hands over the parsed result. The
// window decides where to jump; this class only runs the command and reads its answer.
#pragma once
#include <QObject>
#include <QPointer>

#include "viewers/background_command.h"
#include "viewers/bisect_result.h"

class QAction;

namespace rw::viewer {

class CommandProgressBar;

class BisectAction : public QObject {
  Q_OBJECT
 public:
  BisectAction(CommandProgressBar* progress, QObject* parent = nullptr);
  QAction* action() const { return action_; }
  void start(const QString& executable, const QString& trace, qint64 run);
  bool running() const { return command_ && command_->running(); }
  void cancel();
  static QStringList arguments(const QString& trace, qint64 run);

 signals:
  void started();
  void resultReady(rw::viewer::BisectResult result);
  void failed(QString message);

 private:
  void onFinished(const CommandOutcome& outcome);
  QAction* action_;
  CommandProgressBar* progress_;
  QPointer<BackgroundCommand> command_;
};

}  // namespace rw::viewer
