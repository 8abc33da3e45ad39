#include "viewers/graph_view.h"

#include <QPainter>
#include <QWheelEvent>
#include <algorithm>

#include "viewers/graph_scene.h"

namespace rw::viewer {

GraphView::GraphView(GraphScene* scene, QWidget* parent) : QGraphicsView(scene, parent), scene_(scene) {
  setDragMode(QGraphicsView::ScrollHandDrag);
  setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
  setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
  // A step changes many items at once: one repaint beats merging hundreds of small regions.
  setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
  // Every item sets the pen, brush and hints it paints with: saving and restoring the painter
  // around each of thousands of items is pure overhead.
  setOptimizationFlags(QGraphicsView::DontSavePainterState | QGraphicsView::DontAdjustForAntialiasing);
  setFocusPolicy(Qt::StrongFocus);
}

double GraphView::zoom() const { return transform().m11(); }

void GraphView::fitGraph() {
  QRectF r = scene_->visibleBounds();
  if (r.isEmpty()) return;
  fitInView(r.adjusted(-20, -20, 20, 20), Qt::KeepAspectRatio);
  // A small graph fitted to a big window would have huge text: stop at 1.5x.
  if (zoom() > 1.5) {
    setTransform(QTransform::fromScale(1.5, 1.5));
    centerOn(r.center());
  }
}

void GraphView::centerOnNode(int64_t key) {
  if (QGraphicsItem* item = scene_->nodeItem(key)) centerOn(item);
}

bool GraphView::nodeOnScreen(int64_t key) const {
  QGraphicsItem* item = scene_->nodeItem(key);
  return item && item->isVisible() && mapToScene(viewport()->rect()).boundingRect().contains(item->sceneBoundingRect());
}

void GraphView::revealNode(int64_t key, double readable) {
  QGraphicsItem* item = scene_->nodeItem(key);
  if (!item || !item->isVisible()) return;
  if (zoom() < readable) {
    setTransform(QTransform::fromScale(readable, readable));
    centerOn(item);
  } else if (!nodeOnScreen(key)) {
    centerOn(item);
  }
}

void GraphView::wheelEvent(QWheelEvent* event) {
  const double steps = event->angleDelta().y() / 120.0;
  if (steps == 0) return;
  const double factor = std::pow(1.2, steps);
  const double next = std::clamp(zoom() * factor, 0.02, 8.0);
  scale(next / zoom(), next / zoom());
  event->accept();
}

// Both are set on every step: repainting a big graph for an unchanged overlay costs as much
// as drawing the step itself.
void GraphView::setBusyText(const QString& text) {
  if (text == busy_) return;
  busy_ = text;
  viewport()->update();
}

void GraphView::setEmptyText(const QString& text) {
  if (text == empty_) return;
  empty_ = text;
  viewport()->update();
}

void GraphView::drawForeground(QPainter* painter, const QRectF&) {
  // Overlays in viewport coordinates, over the scene.
  const QString& text = !busy_.isEmpty() ? busy_ : (scene_->hasVisibleNodes() ? QString() : empty_);
  if (text.isEmpty()) return;
  painter->save();
  painter->resetTransform();
  QRect r = viewport()->rect();
  QFont f = font();
  f.setPointSizeF(f.pointSizeF() * 1.1);
  painter->setFont(f);
  QRect box = painter->fontMetrics().boundingRect(r, Qt::AlignCenter | Qt::TextWordWrap, text).adjusted(-12, -8, 12, 8);
  if (!busy_.isEmpty()) box.moveTopRight(r.topRight() + QPoint(-10, 10));
  QColor bg = palette().color(QPalette::ToolTipBase);
  bg.setAlpha(230);
  painter->setPen(palette().color(QPalette::Mid));
  painter->setBrush(bg);
  painter->drawRoundedRect(box, 6, 6);
  painter->setPen(palette().color(QPalette::ToolTipText));
  painter->drawText(box, Qt::AlignCenter | Qt::TextWordWrap, text);
  painter->restore();
}

}  // namespace rw::viewer
