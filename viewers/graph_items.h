// The QGraphicsItems of the graph view: a node box with its label, and an edge with its
// arrowhead. Both paint from plain data; the scene decides what is visible and highlighted.
#pragma once
#include <QGraphicsItem>
#include <QPainterPath>
#include <QStringList>
#include <optional>

#include "viewers/graph_layout.h"
#include "viewers/op_palette.h"

namespace rw::viewer {

// Matched and Replacement: a rewrite step's; Changed, Removed and Added: a node's class in
// a structural diff against another graph (the compare view).
enum class Highlight { None, Matched, Replacement, Changed, Removed, Added };

class NodeItem : public QGraphicsItem {
 public:
  static constexpr int Type = UserType + 1;
  // user: for a copy of a shared leaf, the node this copy is drawn for.
  NodeItem(const NodeRow& node, const QRectF& box, bool dark, std::optional<int64_t> user = std::nullopt);
  int type() const override { return Type; }
  // Gives the item another node and place. The scene recycles the items of nodes outside the
  // picture from step to step: removing and adding items costs far more than changing them.
  void rebind(const NodeRow& node, const QRectF& box, std::optional<int64_t> user);
  int64_t key() const { return key_; }
  std::optional<int64_t> user() const { return user_; }
  OpFamily family() const { return family_; }
  const QStringList& lines() const { return lines_; }
  const QRectF& box() const { return box_; }
  QColor fill() const { return fill_; }
  // A fill that replaces the op family's (the diff overlay's class colour); none: the family's.
  void setOverlayFill(std::optional<QColor> fill);
  QColor paintedFill() const { return overlay_.value_or(fill_); }
  QColor textColor() const { return text_; }
  // The border as painted: colour and width (highlights are thicker).
  QColor borderColor() const;
  double borderWidth() const;

  void setHighlight(Highlight h, bool root);
  Highlight highlight() const { return highlight_; }
  void setMarked(bool marked);  // the clicked node or a search hit
  bool marked() const { return marked_; }

  QRectF boundingRect() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

 private:
  int64_t key_;
  std::optional<int64_t> user_;
  QRectF box_;
  QStringList lines_;
  OpFamily family_;
  QColor fill_, text_;
  std::optional<QColor> overlay_;
  bool dark_;
  Highlight highlight_ = Highlight::None;
  bool root_ = false, marked_ = false;
};

class EdgeItem : public QGraphicsItem {
 public:
  static constexpr int Type = UserType + 2;
  EdgeItem(const EdgePath& path, QColor color);
  // A straight edge between two boxes (for nodes placed outside the Graphviz layout).
  static EdgePath straight(int64_t from, const QRectF& a, int64_t to, const QRectF& b);
  int type() const override { return Type; }
  void setPath(const EdgePath& path);  // another edge (recycled, like NodeItem::rebind)
  void setEnds(int64_t from, int64_t to) { from_ = from, to_ = to; }  // another edge along the same path
  int64_t from() const { return from_; }
  int64_t to() const { return to_; }
  const QPainterPath& path() const { return path_; }
  const QPolygonF& arrow() const { return arrow_; }
  QColor color() const { return color_; }
  QRectF boundingRect() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

 private:
  int64_t from_, to_;
  QPainterPath path_;
  QPolygonF arrow_;
  QRectF bounds_;  // computed once: the scene asks for it on every paint
  bool straight_ = false;  // all control points on the chord: painted as a line
  QColor color_;
};

}  // namespace rw::viewer
