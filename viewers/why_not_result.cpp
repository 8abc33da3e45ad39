#include "viewers/why_not_result.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>

namespace rw::viewer {
namespace {

const char* const kOutcomes[] = {"mismatch", "pattern-matches", "fires"};

QString esc(const QString& s) { return s.toHtmlEscaped(); }

QString outcome_style(const QString& outcome) {
  if (outcome == QLatin1String("fires")) return QStringLiteral("color:#1fa84f");
  if (outcome == QLatin1String("pattern-matches")) return QStringLiteral("color:#c77800");
  return QStringLiteral("color:#c0392b");
}

}  // namespace

std::optional<WhyNotResult> parse_why_not(const QByteArray& json, QString* error) {
  auto fail = [&](const QString& what) {
    if (error) *error = QObject::tr("rewind why printed an answer the viewer cannot read: %1.").arg(what);
    return std::nullopt;
  };
  QJsonParseError parse{};
  // The answer is the last line: a command may print notes before it.
  QByteArray text = json.trimmed();
  if (qsizetype nl = text.lastIndexOf('\n'); nl >= 0 && !text.startsWith('{')) text = text.mid(nl + 1);
  const QJsonDocument doc = QJsonDocument::fromJson(text, &parse);
  if (parse.error != QJsonParseError::NoError || !doc.isObject())
    return fail(text.isEmpty() ? QObject::tr("no output") : QObject::tr("not a JSON object (%1)").arg(parse.errorString()));
  const QJsonObject o = doc.object();
  for (const char* key : {"run", "pass_id", "step", "node_id", "other_rules"})
    if (!o.value(QLatin1String(key)).isDouble()) return fail(QObject::tr("\"%1\" is missing or not a number").arg(QLatin1String(key)));
  if (!o.value(QLatin1String("rules")).isArray()) return fail(QObject::tr("\"rules\" is missing or not a list"));
  WhyNotResult r;
  r.run = o.value(QLatin1String("run")).toInteger();
  r.pass_id = o.value(QLatin1String("pass_id")).toInteger();
  r.step = o.value(QLatin1String("step")).toInteger();
  r.node_id = o.value(QLatin1String("node_id")).toInteger();
  r.other_rules = o.value(QLatin1String("other_rules")).toInt();
  r.pass = o.value(QLatin1String("pass")).toString();
  r.node = o.value(QLatin1String("node")).toString();
  r.next = o.value(QLatin1String("next")).toString();
  const QJsonArray rules = o.value(QLatin1String("rules")).toArray();
  for (qsizetype i = 0; i < rules.size(); ++i) {
    const QJsonObject a = rules[i].toObject();
    WhyRule w{a.value(QLatin1String("rule")).toString(), a.value(QLatin1String("location")).toString(),
              a.value(QLatin1String("outcome")).toString(), a.value(QLatin1String("detail")).toString()};
    bool known = false;
    for (const char* k : kOutcomes) known = known || w.outcome == QLatin1String(k);
    if (w.rule.isEmpty() || !known) return fail(QObject::tr("rule %1 has no text or an unknown outcome '%2'").arg(i + 1).arg(w.outcome));
    r.rules.push_back(std::move(w));
  }
  return r;
}

QString why_not_html(const WhyNotResult& r) {
  QString s = QObject::tr("<p><b>Node #%1</b> at step %2 of pass %3 (%4)<br><code>%5</code></p>")
                  .arg(r.node_id).arg(r.step).arg(r.pass_id).arg(esc(r.pass), esc(r.node));
  if (!r.next.isEmpty()) s += QStringLiteral("<p>%1</p>").arg(esc(r.next));
  s += QObject::tr("<p>%n rule(s) of the pass can apply to its op", nullptr, int(r.rules.size()));
  s += QObject::tr(" (%n other(s) are for other ops):</p>", nullptr, r.other_rules);
  if (r.rules.empty()) s += QObject::tr("<p><i>No rule of this pass has a pattern for this node's op.</i></p>");
  s += QStringLiteral("<table cellspacing='4'>");
  for (const WhyRule& w : r.rules) {
    s += QStringLiteral("<tr><td style='%1'><b>%2</b></td><td><code>%3</code>%4<br>%5</td></tr>")
             .arg(outcome_style(w.outcome), esc(w.outcome), esc(w.rule),
                  w.location.isEmpty() ? QString() : QStringLiteral(" &nbsp;<i>%1</i>").arg(esc(w.location)), esc(w.detail));
  }
  return s + QStringLiteral("</table>");
}

}  // namespace rw::viewer
