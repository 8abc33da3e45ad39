// A background command's progress in the status bar: what it is doing, DONE of TOTAL
// (indeterminate until the command says), and a Cancel button. Hidden while nothing runs.
#pragma once
#include <QWidget>

#include "viewers/background_command.h"

class QLabel;
class QProgressBar;
class QToolButton;

namespace rw::viewer {

class CommandProgressBar : public QWidget {
  Q_OBJECT
 public:
  explicit CommandProgressBar(QWidget* parent = nullptr);
  // Follows `command` until it finishes; title names it ("Bisect").
  void follow(BackgroundCommand* command, const QString& title);

  QString text() const;  // what the label shows, for tests
  int value() const;
  int maximum() const;
  QToolButton* cancelButton() const { return cancel_; }

 private:
  void show_progress(const CommandProgress& p);
  QString title_;
  QLabel* label_;
  QProgressBar* bar_;
  QToolButton* cancel_;
};

}  // namespace rw::viewer
