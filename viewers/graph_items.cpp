#include "viewers/graph_items.h"

#include <QLineF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QtMath>
#include <algorithm>
#include <cmath>

namespace rw::viewer {

NodeItem::NodeItem(const NodeRow& node, const QRectF& box, bool dark, std::optional<int64_t> user)
    : key_(node.id), user_(user), box_(box), lines_(node_label_lines(node)), family_(op_family(node.op)), dark_(dark) {
  fill_ = family_fill(family_, dark);
  text_ = dark ? QColor(0xf0, 0xf0, 0xf0) : QColor(0x10, 0x10, 0x10);
  setFlag(ItemIsSelectable, false);
  setAcceptedMouseButtons(Qt::LeftButton);
  setZValue(1);  // above edges (no tooltip: a click shows the details, and building the text
                 // for every node costs more than drawing a step of a big graph)
}

void NodeItem::rebind(const NodeRow& node, const QRectF& box, std::optional<int64_t> user) {
  if (box != box_) prepareGeometryChange();
  key_ = node.id;
  user_ = user;
  box_ = box;
  lines_ = node_label_lines(node);
  family_ = op_family(node.op);
  fill_ = family_fill(family_, dark_);
  update();
}

void NodeItem::setHighlight(Highlight h, bool root) {
  if (h == highlight_ && root == root_) return;
  highlight_ = h;
  root_ = root;
  update();
}

void NodeItem::setOverlayFill(std::optional<QColor> fill) {
  if (fill == overlay_) return;
  overlay_ = fill;
  update();
}

void NodeItem::setMarked(bool marked) {
  if (marked == marked_) return;
  marked_ = marked;
  update();
}

QRectF NodeItem::boundingRect() const { return box_.adjusted(-5, -5, 5, 5); }

QColor NodeItem::borderColor() const {
  switch (highlight_) {
    case Highlight::None: return text_;
    case Highlight::Matched: return HighlightColors::matched();
    case Highlight::Replacement: return HighlightColors::replacement();
    case Highlight::Changed: return HighlightColors::changed();
    case Highlight::Removed: return HighlightColors::removed();
    case Highlight::Added: return HighlightColors::added();
  }
  return text_;
}

double NodeItem::borderWidth() const {
  if (highlight_ == Highlight::None) return 0.8;
  return root_ ? 4.0 : 2.5;
}

void NodeItem::paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget*) {
  // Zoomed far out, labels would be a few pixels high: boxes only, which keeps stepping
  // through big graphs fast.
  const double lod = option ? QStyleOptionGraphicsItem::levelOfDetailFromTransform(p->worldTransform()) : 1.0;
  p->setRenderHint(QPainter::Antialiasing, lod > 0.3);
  p->setPen(QPen(borderColor(), borderWidth()));
  p->setBrush(paintedFill());
  // Corners of 4 points are under a pixel from here on; plain rectangles draw much faster.
  if (lod < 0.35) p->drawRect(box_);
  else p->drawRoundedRect(box_, 4, 4);
  if (marked_) {
    p->setPen(QPen(HighlightColors::selected(), 2, Qt::DashLine));
    p->setBrush(Qt::NoBrush);
    p->drawRoundedRect(box_.adjusted(-4, -4, 4, 4), 6, 6);
  }
  if (lod < 0.35) return;
  p->setPen(text_);
  QFont f = label_font();
  const double line = box_.height() / std::max<qsizetype>(lines_.size(), 1);
  for (qsizetype i = 0; i < lines_.size(); ++i) {
    f.setBold(i == 0);
    p->setFont(f);
    QRectF r(box_.left(), box_.top() + double(i) * line, box_.width(), line);
    p->drawText(r, Qt::AlignCenter, lines_[i]);
  }
}

EdgeItem::EdgeItem(const EdgePath& e, QColor color) : from_(e.from), to_(e.to), color_(color) {
  setPath(e);
  setZValue(0);
  setAcceptedMouseButtons(Qt::NoButton);
}

void EdgeItem::setPath(const EdgePath& e) {
  prepareGeometryChange();
  from_ = e.from;
  to_ = e.to;
  path_.clear();
  arrow_.clear();
  // The quick layout and the nodes placed outside it draw straight edges: a line is far
  // cheaper to paint than a Bézier path, and thousands are painted at every step.
  straight_ = !e.bezier.empty();
  if (straight_) {
    const QLineF chord(e.bezier.front(), e.bezier.back());
    for (const QPointF& c : e.bezier) {
      const QLineF to_c(chord.p1(), c);
      const double cross = chord.dx() * to_c.dy() - chord.dy() * to_c.dx();
      straight_ = straight_ && std::abs(cross) <= 0.5 * std::max(chord.length(), 1.0);
    }
  }
  if (!e.bezier.empty()) {
    path_.moveTo(e.bezier[0]);
    for (size_t i = 1; i + 2 < e.bezier.size(); i += 3) path_.cubicTo(e.bezier[i], e.bezier[i + 1], e.bezier[i + 2]);
    // Graphviz ends the curve at the arrowhead's base and gives the tip separately; without
    // a tip, the arrowhead covers the curve's last 8 points.
    QPointF base = e.bezier.back(), tip = e.arrow_tip;
    if (QLineF(base, tip).length() < 1 && e.bezier.size() > 1) {
      QLineF last(e.bezier[e.bezier.size() - 2], tip);
      base = last.length() > 8 ? last.pointAt(1 - 8 / last.length()) : last.p1();
    }
    QLineF normal = QLineF(base, tip).normalVector();
    normal.setLength(3.5);
    QPointF off = normal.p2() - normal.p1();
    arrow_ << tip << base + off << base - off;
  }
  bounds_ = path_.boundingRect().united(arrow_.boundingRect()).adjusted(-2, -2, 2, 2);
  update();
}

EdgePath EdgeItem::straight(int64_t from, const QRectF& a, int64_t to, const QRectF& b) {
  QPointF start(a.center().x(), a.bottom()), tip(b.center().x(), b.top());
  QLineF l(start, tip);
  QPointF base = l.length() > 8 ? l.pointAt(1 - 8 / l.length()) : start;
  EdgePath e{from, to, {start, (start * 2 + base) / 3, (start + base * 2) / 3, base}, tip};
  return e;
}

QRectF EdgeItem::boundingRect() const { return bounds_; }

void EdgeItem::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) {
  const double lod = QStyleOptionGraphicsItem::levelOfDetailFromTransform(p->worldTransform());
  p->setRenderHint(QPainter::Antialiasing, lod > 0.3);
  p->setPen(QPen(color_, 1.0));
  p->setBrush(Qt::NoBrush);
  if (straight_) p->drawLine(path_.elementAt(0), path_.currentPosition());
  else p->drawPath(path_);
  if (lod < 0.2) return;  // an arrowhead of a pixel or two: the ranks already say the direction
  p->setBrush(color_);
  p->drawPolygon(arrow_);
}

}  // namespace rw::viewer
