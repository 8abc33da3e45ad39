#include "viewers/graph_diff.h"

namespace rw::viewer {

std::vector<DiffLine> step_diff(const FrameGraph& before, const FrameGraph& after, std::optional<int64_t> replacement) {
  std::vector<DiffLine> out;
  for (const NodeRow& n : before.nodes)
    if (!after.contains(n.id)) out.push_back({'-', node_text_form(n)});
  for (const NodeRow& n : after.nodes)
    if (!before.contains(n.id)) out.push_back({'+', node_text_form(n)});
  if (replacement && before.contains(*replacement))
    out.push_back({' ', node_text_form(*after.find(*replacement)) + QStringLiteral("   (replacement, already in the graph)")});
  return out;
}

QString diff_text(const std::vector<DiffLine>& lines) {
  QString s;
  for (const DiffLine& l : lines) s += QChar::fromLatin1(l.sign) + QLatin1Char(' ') + l.text + QLatin1Char('\n');
  return s;
}

QString diff_html(const std::vector<DiffLine>& lines, bool dark) {
  // Rich text layout grows with the text: a huge step (a rebuilt chain through a big graph)
  // shows its first lines and a count, so stepping stays quick.
  constexpr size_t kMaxShownLines = 40;
  const QString removed = dark ? QStringLiteral("#ff8080") : QStringLiteral("#b00020");
  const QString added = dark ? QStringLiteral("#80e080") : QStringLiteral("#1a7f37");
  QString s = QStringLiteral("<pre style='margin:0'>");
  for (size_t i = 0; i < lines.size() && i < kMaxShownLines; ++i) {
    const DiffLine& l = lines[i];
    QString text = (QChar::fromLatin1(l.sign) + QLatin1Char(' ') + l.text).toHtmlEscaped();
    if (l.sign == '-') s += QStringLiteral("<span style='color:%1'>%2</span>\n").arg(removed, text);
    else if (l.sign == '+') s += QStringLiteral("<span style='color:%1'>%2</span>\n").arg(added, text);
    else s += text + QLatin1Char('\n');
  }
  if (lines.size() > kMaxShownLines) s += QStringLiteral("… and %1 more lines\n").arg(lines.size() - kMaxShownLines);
  return s + QStringLiteral("</pre>");
}

}  // namespace rw::viewer
