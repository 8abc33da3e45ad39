// rewind bisect FILE.rwd: which rewrite made the run's output wrong? Re-runs the traced run
// from the trace alone and judges its snapshots by value (engine/debug/bisect.h).
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/run_number.h"
#include "engine/debug/bisect.h"
#include "engine/trace/json_writer.h"

namespace rw::cli {
namespace {

void write_step(JsonWriter& j, const StepRef& r) {
  j.key("pass_id").value(r.pass_id);
  j.key("pass_seq").value(r.pass_seq);
  j.key("pass").value(r.pass);
}

void write_check(JsonWriter& j, const CheckRecord& c) {
  j.begin_object();
  j.key("kernel").value(c.kernel);
  j.key("buffer").value(c.buffer);
  j.key("count").value(c.mismatches);
  j.key("first_index").value(c.first_bad_index);
  j.key("got").value(c.got);
  j.key("want").value(c.want);
  j.key("detail").value(c.detail);
  j.end_object();
}

std::string to_json(const BisectResult& r) {
  JsonWriter j;
  j.begin_object();
  j.key("verdict").value(verdict_name(r.verdict));
  j.key("run").value(r.run_id);
  j.key("summary").value(r.summary);
  if (r.culprit) {
    j.key("culprit").begin_object();
    write_step(j, *r.culprit);
    if (r.verdict == BisectVerdict::Interval) {
      j.key("from_step").value(r.interval_from && r.interval_from->pass_id == r.culprit->pass_id ? r.interval_from->step : 0);
      j.key("to_step").value(r.culprit->step);
    } else {
      j.key("step").value(r.culprit->step);
    }
    if (!r.rule.empty()) j.key("rule").value(r.rule);
    if (!r.location.empty()) j.key("location").value(r.location);
    if (!r.kernel.empty()) j.key("kernel").value(r.kernel);
    if (!r.before.empty()) j.key("before").value(r.before);
    if (!r.after.empty()) j.key("after").value(r.after);
    j.end_object();
  }
  if (r.interval_from) {
    j.key("interval_from").begin_object();
    write_step(j, *r.interval_from);
    j.key("step").value(r.interval_from->step);
    j.end_object();
  }
  if (r.last_right) {
    j.key("last_right").begin_object();
    write_step(j, *r.last_right);
    j.key("step").value(r.last_right->step);
    j.end_object();
  }
  if (!r.kernel.empty()) j.key("kernel").value(r.kernel);
  if (r.diff) {
    j.key("diff");
    write_check(j, *r.diff);
  }
  j.key("evaluated").value(r.evaluated);
  j.key("trail").begin_array();
  for (const std::string& t : r.trail) j.value(t);
  j.end_array();
  j.end_object();
  return j.str();
}

void print_text(const BisectResult& r) {
  std::cout << "verdict: " << verdict_name(r.verdict) << "\n" << r.summary << "\n";
  if (r.culprit) {
    std::cout << "\nculprit: pass " << r.culprit->pass_id << " '" << r.culprit->pass << "'";
    if (r.verdict == BisectVerdict::Interval && r.interval_from)
      std::cout << ", from pass " << r.interval_from->pass_id << " step " << r.interval_from->step << " to step " << r.culprit->step;
    else if (r.culprit->step)
      std::cout << " step " << r.culprit->step;
    std::cout << "\n";
    if (!r.rule.empty()) std::cout << "rule:    " << r.rule << (r.location.empty() ? "" : "  (" + r.location + ")") << "\n";
    if (!r.before.empty()) std::cout << "before:  " << r.before << "\n";
    if (!r.after.empty()) std::cout << "after:   " << r.after << "\n";
  }
  if (r.last_right) std::cout << "last right snapshot: pass " << r.last_right->pass_id << " '" << r.last_right->pass << "' step " << r.last_right->step << "\n";
  if (r.diff && !r.diff->ok) {
    if (r.diff->mismatches == 0 && !r.diff->detail.empty()) {
      std::cout << "differs: " << r.diff->detail << "\n";
    } else {
      std::cout << "differs: " << r.diff->buffer << ": " << r.diff->mismatches << " element(s)";
      if (r.diff->first_bad_index >= 0) std::cout << ", first at index " << r.diff->first_bad_index << ": got " << r.diff->got << ", want " << r.diff->want;
      std::cout << "\n";
    }
  }
  std::cout << "\nevaluated " << r.evaluated << " snapshot(s):\n";
  for (const std::string& t : r.trail) std::cout << "  " << t << "\n";
}

int run(const ParsedArgs& args) {
  if (args.positional.size() != 1) throw UsageError("rewind bisect: expected one trace file, e.g. rewind bisect out/run.rwd");
  BisectOptions options;
  options.run_id = run_option(args, "bisect").value_or(0);
  if (args.has("progress"))
    options.progress = [](int done, int total, const std::string& what) { std::cerr << "progress " << done << " " << total << " " << what << std::endl; };
  TraceReader reader(args.positional[0]);
  BisectResult r = bisect(reader, options);  // errors: main prints "rewind bisect: ..." and exits 1
  if (args.has("json")) std::cout << to_json(r) << "\n";
  else print_text(r);
  return 0;
}

}  // namespace

Command bisect_command() {
  return Command{
      "bisect",
      "find the first rewrite after which a traced run's output is wrong",
      "rewind bisect FILE.rwd [--run N] [--json] [--progress]",
      "Re-runs the traced run from what the trace holds (program, options, inputs), evaluates its snapshots with the stage and "
      "linear evaluators, and compares them with the reference interpreter: a binary search over the scheduling snapshots, then "
      "over the codegen snapshots of the first kernel that computes wrong values. Reports the first step after which the result is "
      "wrong (pass, rule, file:line, the rewritten subgraph, which elements differ), an interval when the steps between cannot be "
      "evaluated, \"the linearizer\" or \"rendering or compilation\" when every graph is right, or that the run is correct.",
      {
          {"run", "", "N", "the run to bisect (default: the trace's only run)"},
          {"json", "", "", "print the result as JSON"},
          {"progress", "", "", "print 'progress DONE TOTAL WHAT' lines on stderr while working"},
      },
      run,
  };
}

}  // namespace rw::cli
