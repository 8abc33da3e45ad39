// The answer to "why didn't a rule fire here?": which node was asked about, then each
// candidate rule of the pass with its outcome, where its pattern failed, and its file:line.
// Shows the question while `rewind why` replays the run, and the command's error when it fails.
#pragma once
#include <QWidget>

#include "viewers/why_command.h"

class QTextBrowser;

namespace rw::viewer {

class WhyPanel : public QWidget {
  Q_OBJECT
 public:
  explicit WhyPanel(QWidget* parent = nullptr);
  void showAsking(const WhyQuestion& q);
  void showResult(const WhyNotResult& r);
  void showError(const QString& message);
  QString text() const;  // plain text, for tests
  bool showsError() const { return error_; }

 private:
  QTextBrowser* browser_;
  bool error_ = false;
};

}  // namespace rw::viewer
