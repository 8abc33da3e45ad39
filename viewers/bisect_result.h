// The result `rewind bisect --json` prints, as plain data: the verdict, where the fault is
// (a pass step, an interval of steps, or a kernel) and the first wrong value. Parsing checks
// every field it uses, so a malformed or truncated result is an error message, not a jump
// to a made-up step.
#pragma once
#include <QByteArray>
#include <QString>
#include <optional>

namespace rw::viewer {

struct BisectDiff {
  QString buffer;
  qint64 count = 0, first_index = 0;
  double got = 0, want = 0;
  QString detail;  // e.g. an out-of-bounds access, where there are no values to compare
};

struct BisectResult {
  enum class Verdict { WrongStep, Interval, AfterGraph, Linearize, Correct, Error };
  Verdict verdict = Verdict::Error;
  qint64 run = 0;
  QString summary;
  // wrong-step: pass and step; interval: pass and the steps around the unevaluable ones;
  // after-graph/linearize: the kernel, with its codegen pass when known.
  std::optional<qint64> pass_id;
  QString pass_name;
  qint64 step = 0, from_step = 0, to_step = 0;
  QString rule, location, kernel;
  std::optional<BisectDiff> diff;
  qint64 evaluated = 0;

  // The step a person wants to see first: the culprit, or the first step of the interval.
  std::optional<qint64> stepToShow() const;
  QString verdictName() const;
};

// On failure returns nothing and says what is wrong with the output in *error.
std::optional<BisectResult> parse_bisect_result(const QByteArray& json, QString* error);

}  // namespace rw::viewer
