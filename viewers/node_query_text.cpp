#include "viewers/node_query_text.h"

#include <QObject>
#include <QRegularExpression>
#include <QStringList>

namespace rw::viewer {
namespace {

const QStringList& keys() {
  static const QStringList k{QStringLiteral("op"), QStringLiteral("arg"), QStringLiteral("rule"), QStringLiteral("kernel"), QStringLiteral("computed")};
  return k;
}

// Splits on spaces outside double quotes; quotes are dropped.
QStringList terms(const QString& text) {
  QStringList out;
  QString cur;
  bool quoted = false, any = false;
  for (QChar c : text) {
    if (c == QLatin1Char('"')) {
      quoted = !quoted;
      any = true;
    } else if (c.isSpace() && !quoted) {
      if (any) out << cur;
      cur.clear();
      any = false;
    } else {
      cur += c;
      any = true;
    }
  }
  if (any) out << cur;
  return out;
}

}  // namespace

bool looks_like_node_query(const QString& text) {
  static const QRegularExpression term(QStringLiteral("(^|\\s)(op|arg|rule|kernel|computed):"), QRegularExpression::CaseInsensitiveOption);
  return term.match(text).hasMatch();
}

std::optional<NodeQuery> parse_node_query(const QString& text, QString* error) {
  NodeQuery q;
  const QString valid = QObject::tr("terms are key:value with key one of %1, e.g. op:ADD arg:3 rule:fold kernel:r_6_10").arg(keys().join(QStringLiteral(", ")));
  const QStringList parts = terms(text);
  for (const QString& t : parts) {
    const qsizetype colon = t.indexOf(QLatin1Char(':'));
    const QString key = colon < 0 ? QString() : t.left(colon).toLower();
    const std::string value = colon < 0 ? std::string() : t.mid(colon + 1).toStdString();
    if (colon < 0 || !keys().contains(key)) {
      if (error) *error = QObject::tr("Search: '%1' is not a query term; %2").arg(t, valid);
      return std::nullopt;
    }
    if (value.empty()) {
      if (error) *error = QObject::tr("Search: '%1' has no value; %2").arg(t, valid);
      return std::nullopt;
    }
    std::optional<std::string>& slot = key == QLatin1String("op") ? q.op
                                       : key == QLatin1String("arg") ? q.arg
                                       : key == QLatin1String("rule") ? q.rule
                                       : key == QLatin1String("kernel") ? q.kernel
                                                                        : q.computed_by;
    if (slot) {
      if (error) *error = QObject::tr("Search: '%1:' is given twice; each key takes one value").arg(key);
      return std::nullopt;
    }
    slot = value;
  }
  if (parts.isEmpty()) {
    if (error) *error = QObject::tr("Search: the query is empty; %1").arg(valid);
    return std::nullopt;
  }
  return q;
}

}  // namespace rw::viewer
