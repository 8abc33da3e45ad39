#include "viewers/node_provenance.h"

#include <QObject>

namespace rw::viewer {
namespace {
QString esc(const std::string& s) { return QString::fromStdString(s).toHtmlEscaped(); }

QString step_anchor(const StepRef& s) {
  return QStringLiteral("<a href=\"%1\">step %2 of pass %3 (%4)</a>")
      .arg(step_link(s.pass_id, s.step))
      .arg(s.step)
      .arg(s.pass_id)
      .arg(esc(s.pass_name));
}

QString rule_text(const StepRef& s) {
  QString r = s.rule.empty() ? QObject::tr("rule #%1").arg(s.rule_id) : QObject::tr("rule <code>%1</code>").arg(esc(s.rule));
  if (!s.rule_location.empty()) r += QStringLiteral(" at %1").arg(esc(s.rule_location));
  return r;
}

QString pass_anchor(int64_t pass_id, int64_t step, const QString& text) {
  return QStringLiteral("<a href=\"%1\">%2</a>").arg(step_link(pass_id, step), text);
}
}  // namespace

QString step_link(int64_t pass_id, int64_t step) { return QStringLiteral("step:%1:%2").arg(pass_id).arg(step); }

std::optional<StepPlace> parse_step_link(const QUrl& url) {
  if (url.scheme() != QLatin1String("step")) return std::nullopt;
  const QStringList parts = url.path().split(QLatin1Char(':'));
  if (parts.size() != 2) return std::nullopt;
  bool ok_pass = false, ok_step = false;
  StepPlace p{parts[0].toLongLong(&ok_pass), parts[1].toLongLong(&ok_step)};
  if (!ok_pass || !ok_step) return std::nullopt;
  return p;
}

QString node_provenance_html(const NodeHistory& h) {
  QString s = QObject::tr("<p><b>History</b></p><ul>");
  switch (h.origin) {
    case Origin::Step:
      s += QObject::tr("<li>created by %1, %2</li>").arg(step_anchor(*h.created_by), rule_text(*h.created_by));
      break;
    case Origin::Program:
      s += QObject::tr("<li>from the program%1, in the %2</li>")
               .arg(h.line ? QObject::tr(", line %1: <code>%2</code>").arg(h.line).arg(esc(h.program_line)) : QString(),
                    pass_anchor(*h.created_in_pass, 0, QObject::tr("input of pass %1").arg(*h.created_in_pass)));
      break;
    case Origin::Pass:
      s += QObject::tr("<li>built by %1's own code, outside any rewrite step</li>")
               .arg(pass_anchor(*h.created_in_pass, 0, QObject::tr("pass %1").arg(*h.created_in_pass)));
      break;
    case Origin::Unused: s += QObject::tr("<li>in no pass graph or step of the run</li>"); break;
  }
  if (h.origin != Origin::Program && h.line)
    s += QObject::tr("<li>traces back to line %1: <code>%2</code></li>").arg(h.line).arg(esc(h.program_line));
  if (h.removed_by)
    s += QObject::tr("<li>removed by %1, %2 (%3)</li>")
             .arg(step_anchor(*h.removed_by), rule_text(*h.removed_by),
                  h.removed_as_matched ? QObject::tr("rewritten: it was the matched node") : QObject::tr("dropped: a user was rewritten without it"));
  else if (h.origin != Origin::Unused)
    s += QObject::tr("<li>still in the graph: no step removes it</li>");
  s += QStringLiteral("</ul>");
  auto steps = [&](const QString& title, const std::vector<StepRef>& list) {
    if (list.empty()) return;
    s += QStringLiteral("<p><b>%1</b></p><ul>").arg(title);
    for (const StepRef& r : list) s += QStringLiteral("<li>%1: %2</li>").arg(step_anchor(r), rule_text(r));
    s += QStringLiteral("</ul>");
  };
  steps(QObject::tr("Matched by"), h.rewritten_by);
  steps(QObject::tr("Produced by"), h.replaced_in);
  if (!h.decisions.empty()) {
    s += QObject::tr("<p><b>Decisions</b></p><ul>");
    for (const DecisionRow& d : h.decisions) s += QStringLiteral("<li><b>%1</b> (%2) %3</li>").arg(esc(d.decision), esc(d.reason), esc(d.detail));
    s += QStringLiteral("</ul>");
  }
  for (const std::string& k : h.kernels_computing) s += QObject::tr("<p>computed by kernel <b>%1</b></p>").arg(esc(k));
  for (const std::string& k : h.kernels_in_ast) s += QObject::tr("<p>in the AST of kernel <b>%1</b></p>").arg(esc(k));
  return s;
}

}  // namespace rw::viewer
