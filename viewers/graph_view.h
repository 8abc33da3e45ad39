// The view onto the graph scene: zoom with the wheel (around the cursor), pan by dragging,
// fit the visible graph, and a small overlay while the layout thread works.
#pragma once
#include <QGraphicsView>

namespace rw::viewer {

class GraphScene;

class GraphView : public QGraphicsView {
  Q_OBJECT
 public:
  explicit GraphView(GraphScene* scene, QWidget* parent = nullptr);
  void fitGraph();
  void centerOnNode(int64_t key);
  // Brings a node on screen: centres on it when it is outside the view, and zooms in to
  // `readable` first when the view is zoomed out further than that.
  void revealNode(int64_t key, double readable);
  bool nodeOnScreen(int64_t key) const;
  void setBusyText(const QString& text);  // empty: not busy
  void setEmptyText(const QString& text);  // shown when no node is visible
  const QString& emptyText() const { return empty_; }
  double zoom() const;

 protected:
  void wheelEvent(QWheelEvent* event) override;
  void drawForeground(QPainter* painter, const QRectF& rect) override;

 private:
  GraphScene* scene_;
  QString busy_, empty_;
};

}  // namespace rw::viewer
