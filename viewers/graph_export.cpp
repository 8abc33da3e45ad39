#include "viewers/graph_export.h"

#include <QFile>
#include <QFileInfo>
#include <QPainter>

#include "viewers/graph_items.h"
#include "viewers/graph_scene.h"

namespace rw::viewer {
namespace {

QString svg_path(const QPainterPath& path) {
  QString d;
  for (int i = 0; i < path.elementCount(); ++i) {
    const QPainterPath::Element& e = path.elementAt(i);
    if (e.isMoveTo()) d += QStringLiteral("M%1 %2 ").arg(e.x).arg(e.y);
    else if (e.isLineTo()) d += QStringLiteral("L%1 %2 ").arg(e.x).arg(e.y);
    else if (e.isCurveTo()) d += QStringLiteral("C%1 %2 ").arg(e.x).arg(e.y);
    else d += QStringLiteral("%1 %2 ").arg(e.x).arg(e.y);  // curve data points
  }
  return d.trimmed();
}

QString dot_quote(const QString& s) {
  QString q = s;
  q.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('"'), QStringLiteral("\\\""));
  return QLatin1Char('"') + q + QLatin1Char('"');
}

}  // namespace

QByteArray scene_to_svg(const GraphScene& scene) {
  QRectF r = scene.visibleBounds().adjusted(-10, -10, 10, 10);
  QString s = QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                             "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%1\" height=\"%2\" viewBox=\"%3 %4 %1 %2\">\n")
                  .arg(r.width()).arg(r.height()).arg(r.left()).arg(r.top());
  for (QGraphicsItem* item : scene.items(Qt::AscendingOrder)) {
    if (!item->isVisible() || item->type() != EdgeItem::Type) continue;
    auto* e = static_cast<EdgeItem*>(item);
    QString color = e->color().name();
    s += QStringLiteral("<path class=\"edge\" d=\"%1\" fill=\"none\" stroke=\"%2\"/>\n").arg(svg_path(e->path()), color);
    QString points;
    for (const QPointF& p : e->arrow()) points += QStringLiteral("%1,%2 ").arg(p.x()).arg(p.y());
    s += QStringLiteral("<polygon points=\"%1\" fill=\"%2\"/>\n").arg(points.trimmed(), color);
  }
  for (QGraphicsItem* item : scene.items(Qt::AscendingOrder)) {
    if (!item->isVisible() || item->type() != NodeItem::Type) continue;
    auto* n = static_cast<NodeItem*>(item);
    const QRectF& b = n->box();
    // A shared leaf is drawn once per user: ids stay unique, data-node names the node.
    const QString id = n->user() ? QStringLiteral("node%1-for%2").arg(n->key()).arg(*n->user()) : QStringLiteral("node%1").arg(n->key());
    s += QStringLiteral("<g class=\"node\" id=\"%1\" data-node=\"%2\"%3>\n")
             .arg(id).arg(n->key())
             .arg(n->highlight() != Highlight::None ? QStringLiteral(" data-highlighted=\"1\"") : QString());
    s += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" rx=\"4\" fill=\"%5\" stroke=\"%6\" stroke-width=\"%7\"/>\n")
             .arg(b.left()).arg(b.top()).arg(b.width()).arg(b.height())
             .arg(n->fill().name(), n->borderColor().name()).arg(n->borderWidth());
    const double line = b.height() / std::max<qsizetype>(n->lines().size(), 1);
    for (qsizetype i = 0; i < n->lines().size(); ++i)
      s += QStringLiteral("<text x=\"%1\" y=\"%2\" text-anchor=\"middle\" dominant-baseline=\"central\" font-family=\"monospace\" font-size=\"9pt\"%3 fill=\"%4\">%5</text>\n")
               .arg(b.center().x()).arg(b.top() + (double(i) + 0.5) * line)
               .arg(i == 0 ? QStringLiteral(" font-weight=\"bold\"") : QString(), n->textColor().name(), n->lines()[i].toHtmlEscaped());
    s += QStringLiteral("</g>\n");
  }
  s += QStringLiteral("</svg>\n");
  return s.toUtf8();
}

QImage scene_to_image(GraphScene& scene, double scale) {
  QRectF r = scene.visibleBounds().adjusted(-10, -10, 10, 10);
  if (r.isEmpty()) return {};
  QImage image((r.size() * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::white);
  QPainter p(&image);
  p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
  scene.render(&p, QRectF(QPointF(0, 0), image.size()), r);
  return image;
}

QString shown_graph_to_dot(const GraphScene& scene) {
  const FrameGraph* g = scene.shownGraph();
  QString s = QStringLiteral("digraph rewind {\n  node [shape=box, style=\"rounded,filled\", fontname=\"monospace\"];\n");
  if (!g) return s + QStringLiteral("}\n");
  for (const NodeRow& n : g->nodes) {
    NodeItem* item = scene.nodeItem(n.id);
    QString attrs = QStringLiteral("label=%1").arg(dot_quote(node_label_lines(n).join(QStringLiteral("\\n"))));
    if (item) {
      attrs += QStringLiteral(", fillcolor=%1").arg(dot_quote(item->fill().name()));
      if (item->highlight() != Highlight::None) attrs += QStringLiteral(", color=%1, penwidth=3").arg(dot_quote(item->borderColor().name()));
    }
    s += QStringLiteral("  n%1 [%2];\n").arg(n.id).arg(attrs);
  }
  for (const NodeRow& n : g->nodes)
    for (int64_t src : n.srcs) s += QStringLiteral("  n%1 -> n%2;\n").arg(src).arg(n.id);
  return s + QStringLiteral("}\n");
}

QString export_graph(GraphScene& scene, const QString& path) {
  const QString ext = QFileInfo(path).suffix().toLower();
  if (ext == QLatin1String("png")) {
    QImage image = scene_to_image(scene);
    if (image.isNull()) return QStringLiteral("There is no graph to export.");
    return image.save(path) ? QString() : QStringLiteral("Could not write %1.").arg(path);
  }
  QByteArray bytes;
  if (ext == QLatin1String("svg")) bytes = scene_to_svg(scene);
  else if (ext == QLatin1String("dot") || ext == QLatin1String("gv")) bytes = shown_graph_to_dot(scene).toUtf8();
  else return QStringLiteral("Unknown export format '.%1': use .svg, .png or .dot.").arg(ext);
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size()) return QStringLiteral("Could not write %1: %2").arg(path, f.errorString());
  return {};
}

}  // namespace rw::viewer
