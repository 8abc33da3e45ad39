// "Why didn't a rule fire here?" on a graph node: runs
// `rewind why TRACE PASS_ID:STEP --node ID --run RUN --json` in the background (it replays the
// run, which takes a while) and hands over the parsed answer or what went wrong.
#pragma once
#include <QObject>
#include <QPointer>

#include "viewers/background_command.h"
#include "viewers/why_not_result.h"

namespace rw::viewer {

struct WhyQuestion {
  QString trace;
  qint64 run = 0, pass_id = 0, step = 0, node_id = 0;
};

class WhyCommand : public QObject {
  Q_OBJECT
 public:
  explicit WhyCommand(QObject* parent = nullptr);
  static QStringList arguments(const WhyQuestion& q);
  // A question asked while another runs replaces it (the older answer is no longer wanted).
  void start(const QString& executable, const WhyQuestion& question);
  bool running() const { return command_ && command_->running(); }
  const WhyQuestion& question() const { return question_; }

 signals:
  void resultReady(rw::viewer::WhyNotResult result);
  void failed(QString message);

 private:
  void onFinished(const CommandOutcome& outcome);
  QPointer<BackgroundCommand> command_;
  WhyQuestion question_;
};

}  // namespace rw::viewer
