// One side of the compare view's graphs: a title naming the run and graph with its diff
// counts, over the usual graph scene and view (zoom, pan, click).
#pragma once
#include <QWidget>
#include <memory>
#include <optional>

#include "viewers/graph_frame.h"

class QLabel;

namespace rw::viewer {

class GraphScene;
class GraphView;

class CompareGraphPane : public QWidget {
  Q_OBJECT
 public:
  explicit CompareGraphPane(QWidget* parent = nullptr);
  void showGraph(std::shared_ptr<const GraphFrame> frame, const QString& title);
  void showError(const QString& title, const QString& message);  // nothing drawn, the message in the view
  // Marks the node (no key: clears the mark); `centre` also brings it to the middle of the
  // view, zoomed in far enough to read.
  void selectNode(std::optional<int64_t> key, bool centre);
  GraphScene* scene() const { return scene_; }
  GraphView* view() const { return view_; }
  QString title() const;

 private:
  QLabel* title_;
  GraphScene* scene_;
  GraphView* view_;
};

}  // namespace rw::viewer
