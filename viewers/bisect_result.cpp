#include "viewers/bisect_result.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <algorithm>
#include <array>
#include <utility>

namespace rw::viewer {
namespace {

constexpr std::array<std::pair<const char*, BisectResult::Verdict>, 6> kVerdicts{{
    {"wrong-step", BisectResult::Verdict::WrongStep},
    {"interval", BisectResult::Verdict::Interval},
    {"after-graph", BisectResult::Verdict::AfterGraph},
    {"linearize", BisectResult::Verdict::Linearize},
    {"correct", BisectResult::Verdict::Correct},
    {"error", BisectResult::Verdict::Error},
}};

// Reads integer fields, remembering the first one that is missing or not an integer.
struct Fields {
  const QJsonObject& object;
  QString where;
  QString* missing;
  qint64 integer(const char* name) {
    const QJsonValue v = object.value(QLatin1String(name));
    const double d = v.toDouble();
    if (!v.isDouble() || d != double(qint64(d))) {
      if (missing->isEmpty()) *missing = QStringLiteral("%1\"%2\" (an integer)").arg(where, QLatin1String(name));
      return 0;
    }
    return qint64(d);
  }
  QString text(const char* name) { return object.value(QLatin1String(name)).toString(); }
};

}  // namespace

std::optional<qint64> BisectResult::stepToShow() const {
  if (!pass_id) return std::nullopt;
  if (verdict == Verdict::WrongStep) return step;
  if (verdict == Verdict::Interval) return std::min(from_step + 1, to_step);
  return std::nullopt;  // a kernel's codegen pass: its output (see the caller)
}

QString BisectResult::verdictName() const {
  for (auto& [name, v] : kVerdicts)
    if (v == verdict) return QLatin1String(name);
  return {};
}

std::optional<BisectResult> parse_bisect_result(const QByteArray& json, QString* error) {
  QJsonParseError parse{};
  // Only the last non-empty line is the result: a command may print notes before it.
  QByteArray text = json.trimmed();
  if (qsizetype nl = text.lastIndexOf('\n'); nl >= 0 && !text.startsWith('{')) text = text.mid(nl + 1);
  const QJsonDocument doc = QJsonDocument::fromJson(text, &parse);
  if (parse.error != QJsonParseError::NoError || !doc.isObject()) {
    *error = text.isEmpty() ? QObject::tr("bisect printed no result on stdout")
                            : QObject::tr("bisect's result is not a JSON object (%1 at offset %2): %3")
                                  .arg(parse.errorString()).arg(parse.offset).arg(QString::fromUtf8(text.left(200)));
    return std::nullopt;
  }
  const QJsonObject o = doc.object();
  BisectResult r;
  const QString verdict = o.value(QLatin1String("verdict")).toString();
  bool known = false;
  for (auto& [name, v] : kVerdicts)
    if (verdict == QLatin1String(name)) r.verdict = v, known = true;
  if (!known) {
    *error = QObject::tr("bisect's result has an unknown verdict \"%1\" (expected wrong-step, interval, after-graph, linearize, correct or error)").arg(verdict);
    return std::nullopt;
  }
  QString missing;
  Fields top{o, {}, &missing};
  r.run = top.integer("run");
  r.summary = top.text("summary");
  if (o.contains(QLatin1String("evaluated"))) r.evaluated = top.integer("evaluated");
  const QJsonObject c = o.value(QLatin1String("culprit")).toObject();
  Fields culprit{c, QStringLiteral("culprit."), &missing};
  switch (r.verdict) {
    case BisectResult::Verdict::WrongStep:
      r.pass_id = culprit.integer("pass_id");
      r.step = culprit.integer("step");
      break;
    case BisectResult::Verdict::Interval:
      r.pass_id = culprit.integer("pass_id");
      r.from_step = culprit.integer("from_step");
      r.to_step = culprit.integer("to_step");
      break;
    case BisectResult::Verdict::AfterGraph:
    case BisectResult::Verdict::Linearize:
      r.kernel = culprit.text("kernel");
      if (r.kernel.isEmpty() && missing.isEmpty()) missing = QStringLiteral("culprit.\"kernel\" (a name)");
      if (c.contains(QLatin1String("pass_id"))) r.pass_id = culprit.integer("pass_id");
      break;
    case BisectResult::Verdict::Correct:
    case BisectResult::Verdict::Error:
      break;
  }
  r.pass_name = culprit.text("pass");
  r.rule = culprit.text("rule");
  r.location = culprit.text("location");
  if (o.value(QLatin1String("diff")).isObject()) {
    const QJsonObject d = o.value(QLatin1String("diff")).toObject();
    BisectDiff diff;
    diff.buffer = d.value(QLatin1String("buffer")).toString();
    diff.count = d.value(QLatin1String("count")).toInteger();
    diff.detail = d.value(QLatin1String("detail")).toString();
    diff.first_index = d.value(QLatin1String("first_index")).toInteger();
    diff.got = d.value(QLatin1String("got")).toDouble();
    diff.want = d.value(QLatin1String("want")).toDouble();
    r.diff = diff;
  }
  if (!missing.isEmpty()) {
    *error = QObject::tr("bisect's %1 result lacks %2").arg(verdict, missing);
    return std::nullopt;
  }
  return r;
}

}  // namespace rw::viewer
