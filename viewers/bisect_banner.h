// A bar above the graph with the last bisect's answer: the verdict in a sentence, where the
// fault is (rule and source location, or the kernel) and the first wrong value; or, when the
// bisect itself failed, its error. Stays until closed or the next bisect.
#pragma once
#include <QFrame>

#include "viewers/bisect_result.h"

class QLabel;
class QToolButton;

namespace rw::viewer {

class BisectBanner : public QFrame {
  Q_OBJECT
 public:
  explicit BisectBanner(QWidget* parent = nullptr);
  void showResult(const BisectResult& result);
  // note: what the window could not do with the result (a culprit not in this trace).
  void showResultNote(const QString& note);
  void showError(const QString& message);
  QString text() const;  // plain text, for tests
  bool isError() const { return error_; }

 private:
  void setTone(bool error);
  QLabel* label_;
  QToolButton* close_;
  bool error_ = false;
};

// The banner's rich text for a result (separate so tests can read it without a widget).
QString describe_bisect_result(const BisectResult& result);

}  // namespace rw::viewer
