#include "viewers/node_details.h"

namespace rw::viewer {
namespace {
QString esc(const QString& s) { return s.toHtmlEscaped(); }
QString esc(const std::string& s) { return QString::fromStdString(s).toHtmlEscaped(); }
}  // namespace

QString node_details_html(const FrameGraph& graph, int64_t key, const QString& history_html) {
  const NodeRow* n = graph.find(key);
  if (!n) return QStringLiteral("<i>Node %1 is not in the shown graph.</i>").arg(esc(node_id_text(key)));
  QString s = QStringLiteral("<p><b>%1</b></p>%2<table>").arg(esc(node_text_form(*n)), history_html);
  auto row = [&](const QString& name, const QString& value) { s += QStringLiteral("<tr><td><i>%1</i>&nbsp;</td><td>%2</td></tr>").arg(name, value); };
  row(QStringLiteral("op"), esc(n->op));
  row(QStringLiteral("dtype"), esc(n->dtype));
  row(QStringLiteral("shape"), n->shape ? esc(node_shape_text(*n->shape)) : QStringLiteral("<i>none</i>"));
  if (!n->arg.empty()) row(QStringLiteral("arg"), esc(n->arg));
  if (n->tag) row(QStringLiteral("tag"), QString::number(n->tag));
  if (n->vmin && n->vmax) row(QStringLiteral("range"), QStringLiteral("[%1, %2]").arg(*n->vmin).arg(*n->vmax));
  if (n->hash) row(QStringLiteral("hash"), QStringLiteral("%1").arg(n->hash, 16, 16, QLatin1Char('0')));
  row(QStringLiteral("provenance"), n->provenance.empty() ? QStringLiteral("<i>no program location</i>") : esc(n->provenance));
  if (key < 0) row(QStringLiteral("note"), QStringLiteral("rebuilt for this snapshot; the trace stores no node like it"));
  s += QStringLiteral("</table><p><b>Sources</b></p><ul>");
  if (n->srcs.empty()) s += QStringLiteral("<li><i>none</i></li>");
  for (int64_t src : n->srcs)
    if (const NodeRow* c = graph.find(src)) s += QStringLiteral("<li>%1</li>").arg(esc(node_text_form(*c)));
  s += QStringLiteral("</ul><p><b>Users</b></p><ul>");
  std::vector<int64_t> users = graph.users_of(key);
  if (users.empty()) s += key == graph.root ? QStringLiteral("<li><i>none: the graph's root</i></li>") : QStringLiteral("<li><i>none</i></li>");
  for (int64_t u : users) s += QStringLiteral("<li>%1</li>").arg(esc(node_text_form(*graph.find(u))));
  return s + QStringLiteral("</ul>");
}

}  // namespace rw::viewer
