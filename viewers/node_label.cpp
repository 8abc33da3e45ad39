#include "viewers/node_label.h"

#include <algorithm>

namespace rw::viewer {
namespace {
constexpr int kMaxArgChars = 28;
}

QString node_id_text(int64_t key) { return key >= 0 ? QStringLiteral("#%1").arg(key) : QStringLiteral("~%1").arg(-key); }

QString node_shape_text(const std::vector<int64_t>& shape) {
  QString s = QStringLiteral("(");
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i) s += QStringLiteral(", ");
    s += QString::number(shape[i]);
  }
  if (shape.size() == 1) s += QLatin1Char(',');
  return s + QLatin1Char(')');
}

QStringList node_label_lines(const NodeRow& n) {
  QStringList lines;
  lines << QString::fromStdString(n.op) + QStringLiteral("  ") + node_id_text(n.id);
  QString second = QString::fromStdString(n.dtype);
  // A range that reaches the int64 limits says "unbounded": it would only widen the box.
  constexpr int64_t kBounded = int64_t(1) << 53;
  if (n.vmin && n.vmax && *n.vmin != *n.vmax && n.op != "CONST" && *n.vmin > -kBounded && *n.vmax < kBounded)
    second += QStringLiteral("  [%1..%2]").arg(*n.vmin).arg(*n.vmax);
  lines << second;
  // An index constant's scalar shape says nothing an index expression needs.
  if (n.shape && !(n.shape->empty() && n.dtype == "index")) {
    QString shape = node_shape_text(*n.shape);
    if (shape.size() > kMaxArgChars) shape = shape.left(kMaxArgChars - 1) + QChar(0x2026);
    lines << shape;
  }
  if (!n.arg.empty()) {
    QString arg = QString::fromStdString(n.arg);
    if (arg.size() > kMaxArgChars) arg = arg.left(kMaxArgChars - 1) + QChar(0x2026);
    lines << arg;
  }
  return lines;
}

QSizeF node_box_size(const QStringList& lines, const LabelMetrics& m) {
  qsizetype longest = 0;
  for (const QString& l : lines) longest = std::max(longest, l.size());
  return {double(longest) * m.char_width + 2 * m.padding, double(lines.size()) * m.line_height + m.padding};
}

QString node_text_form(const NodeRow& n) {
  QString s = node_id_text(n.id) + QLatin1Char(' ') + QString::fromStdString(n.op) + QLatin1Char(' ') + QString::fromStdString(n.dtype);
  if (!n.arg.empty()) s += QStringLiteral(" arg=") + QString::fromStdString(n.arg);
  if (!n.srcs.empty()) {
    // A SINK may have hundreds of sources: the first few say enough in one line.
    constexpr size_t kMaxListedSources = 8;
    QStringList srcs;
    for (size_t i = 0; i < n.srcs.size() && i < kMaxListedSources; ++i) srcs << node_id_text(n.srcs[i]);
    if (n.srcs.size() > kMaxListedSources) srcs << QStringLiteral("… %1 more").arg(n.srcs.size() - kMaxListedSources);
    s += QStringLiteral(" (") + srcs.join(QStringLiteral(", ")) + QLatin1Char(')');
  }
  return s;
}

}  // namespace rw::viewer
