#include "engine/debug/bisect.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

#include "engine/debug/recorded_run.h"
#include "engine/debug/snapshot_judge.h"
#include "engine/debug/snapshots.h"
#include "engine/ir/print.h"
#include "engine/reference/stage_evaluator.h"
#include "engine/runtime/buffer_check.h"
#include "engine/runtime/compiled_program.h"

namespace rw {

std::string_view verdict_name(BisectVerdict v) {
  switch (v) {
    case BisectVerdict::Correct: return "correct";
    case BisectVerdict::WrongStep: return "wrong-step";
    case BisectVerdict::Interval: return "interval";
    case BisectVerdict::Linearize: return "linearize";
    case BisectVerdict::AfterGraph: return "after-graph";
    case BisectVerdict::Error: return "error";
  }
  return "?";
}

namespace {

// How deep the culprit's before/after subgraphs are written (deeper nodes as %id).
constexpr int kShownDepth = 4;

std::string clip(std::string s, size_t limit = 2000) {
  if (s.size() > limit) s = s.substr(0, limit) + " ... (" + std::to_string(s.size() - limit) + " more characters)";
  return s;
}

std::string describe_diff(const CheckRecord& c) {
  if (c.ok) return "";
  if (c.mismatches == 0 && !c.detail.empty()) return c.detail;
  std::string s = c.buffer + ": " + std::to_string(c.mismatches) + " element(s) differ";
  if (c.first_bad_index >= 0) s += ", first at " + std::to_string(c.first_bad_index) + " (got " + std::to_string(c.got) + ", want " + std::to_string(c.want) + ")";
  else if (!c.detail.empty()) s += " (" + c.detail + ")";
  return s;
}

// Where the search ended: lo is the last snapshot judged right (-1: none, the phase's start is
// taken as right), hi the first judged wrong (n: none, the phase's result is known wrong).
struct Bracket {
  long lo = -1, hi = 0;
  Judgement at_hi;
};

class Bisector {
 public:
  Bisector(TraceReader& reader, const BisectOptions& o) : reader_(reader), options_(o) {}

  BisectResult run() {
    report("re-running the pipeline");
    rec_ = record_run(reader_, options_.run_id);
    result_.run_id = rec_.run_id();
    program_ = rec_.replay.program.get();
    if (!rec_.error.empty()) {
      result_.verdict = BisectVerdict::Error;
      result_.summary = "the re-run stopped with an error, so there is no output to judge: " + rec_.error;
      return result_;
    }
    snaps_ = std::make_unique<Snapshots>(recorder().passes());

    if (compiled().result.ok()) {
      result_.verdict = BisectVerdict::Correct;
      result_.summary = "the run is correct: every buffer matches the reference interpreter";
      return result_;
    }
    estimate_ = 2 + int(std::ceil(std::log2(double(recorder().timeline().size()) + 1))) + int(compiled().schedule.kernels.size());
    Evaluator reference(program_->buffers());
    expected_ = expected_buffers(compiled().schedule, reference);
    for (auto& [id, want] : expected_outputs(compiled().schedule, compiled().reference)) expected_.try_emplace(id, std::move(want));

    if (search_schedule()) return result_;
    for (size_t k = 0; k < compiled().schedule.kernels.size(); ++k)
      if (search_kernel(k)) return result_;
    blame_after_graph();
    return result_;
  }

 private:
  void report(const std::string& what) {
    if (options_.progress) options_.progress(result_.evaluated, std::max(estimate_, result_.evaluated + 1), what);
  }

  StepRef ref(const TimelineEntry& e) const {
    const RecordedPass& p = recorder().passes()[size_t(e.pass)];
    return StepRef{rec_.pass_ids[size_t(e.pass)], p.seq, p.name, e.step};
  }

  int root_of(int pass) const {
    const auto& passes = recorder().passes();
    while (passes[size_t(pass)].parent >= 0) pass = passes[size_t(pass)].parent;
    return pass;
  }

  // The timeline entries of one phase that are whole graphs: a top pass's input and its
  // steps. `root` is the phase's outermost pass.
  std::vector<size_t> phase_entries(int root) const {
    std::vector<size_t> out;
    const auto& tl = recorder().timeline();
    for (size_t i = 0; i < tl.size(); ++i) {
      int top = snaps_->top(tl[i].pass);
      // Steps of nested passes are parts of their parent's step; refine() looks into them.
      if (top != tl[i].pass || root_of(tl[i].pass) != root) continue;
      out.push_back(i);
    }
    return out;
  }

  template <class Judge>
  Bracket search(const std::vector<size_t>& entries, Judge judge) {
    Bracket b;
    b.hi = long(entries.size());
    while (b.hi - b.lo > 1) {
      const long mid = (b.lo + b.hi) / 2;
      long probe = -1;
      Judgement j;
      // The evaluable snapshot nearest the middle of the bracket.
      for (long d = 0; probe < 0 && (mid - d > b.lo || mid + d < b.hi); ++d)
        for (long at : {mid + d, mid - d}) {
          if (at <= b.lo || at >= b.hi || probe >= 0) continue;
          j = judge(entries[size_t(at)]);
          if (j.evaluable) probe = at;
        }
      if (probe < 0) break;  // nothing between is evaluable
      if (j.right) b.lo = probe;
      else {
        b.hi = probe;
        b.at_hi = j;
      }
    }
    return b;
  }

  std::string trail_line(const TimelineEntry& e, const Judgement& j) const {
    StepRef r = ref(e);
    std::string what = "pass " + std::to_string(r.pass_id) + " '" + r.pass + "' " + (r.step ? "step " + std::to_string(r.step) : "input");
    if (!j.evaluable) return what + ": not evaluable (" + clip(j.why_not, 200) + ")";
    return what + ": " + (j.right ? "right" : "wrong, " + describe_diff(j.diff));
  }

  // Judges timeline entry `i` with `judge`, counting and reporting it.
  template <class Judge>
  Judgement judged(size_t i, Judge judge) {
    if (auto it = judged_.find(i); it != judged_.end()) return it->second;
    const TimelineEntry& e = recorder().timeline()[i];
    report("evaluating " + ref(e).pass + (e.step ? " step " + std::to_string(e.step) : " input"));
    Judgement j = judge(e);
    ++result_.evaluated;
    result_.trail.push_back(trail_line(e, j));
    judged_.emplace(i, j);
    return j;
  }

  bool search_schedule() {
    int root = -1;
    for (size_t i = 0; i < recorder().passes().size() && root < 0; ++i)
      if (recorder().passes()[i].parent < 0 && recorder().passes()[i].kind != "codegen") root = int(i);
    if (root < 0) return false;
    ProgramJudge judge(*program_, compiled().reference);
    // The scheduler's result as a whole: its kernels run in order by the stage evaluator.
    report("evaluating the schedule");
    NamedArrays scheduled;
    bool wrong = false;
    try {
      scheduled = evaluate_schedule(compiled().schedule, program_->buffers());
    } catch (const OutOfBoundsError& e) {
      wrong = true;  // the schedule reads outside a buffer: wrong, whatever its values
      result_.trail.push_back(std::string("the schedule reads outside a buffer: ") + e.what());
    } catch (const std::exception& e) {
      result_.trail.push_back(std::string("the schedule: not evaluable (") + e.what() + ")");
      return false;
    }
    ++result_.evaluated;
    for (const auto& [name, got] : scheduled)
      for (const auto& [ref_name, want] : compiled().reference)
        if (name == ref_name && !check_buffer("", name, got, want).ok) wrong = true;
    if (!scheduled.empty() || !wrong)
      result_.trail.push_back(std::string("the schedule (every kernel AST by the stage evaluator): ") + (wrong ? "wrong" : "right"));
    if (!wrong) return false;

    std::vector<size_t> entries = phase_entries(root);
    // Phase entries are steps of top passes, whose graphs are whole.
    auto judge_entry = [&](size_t i) { return judged(i, [&](const TimelineEntry& e) { return judge.judge(snaps_->local(e.pass, e.step)); }); };
    Bracket b = search(entries, judge_entry);
    conclude(entries, b, "");
    return true;
  }

  bool search_kernel(size_t k) {
    const ScheduledKernel& kernel = compiled().schedule.kernels[k];
    KernelJudge judge(compiled().schedule, k, program_->buffers(), expected_);
    report("running kernel " + kernel.name + "'s linear program");
    Judgement linear = judge.judge_linear(compiled().result.kernels.at(k).program.linear);
    ++result_.evaluated;
    result_.trail.push_back("kernel " + kernel.name + " linear program: " +
                            (!linear.evaluable ? "not evaluable (" + clip(linear.why_not, 200) + ")" : linear.right ? "right" : "wrong, " + describe_diff(linear.diff)));
    if (!linear.evaluable || linear.right) return false;

    const int root = codegen_root(k);
    if (root < 0) throw BisectError("the re-run has no codegen pass for kernel " + kernel.name);
    std::vector<size_t> entries = phase_entries(root);
    auto judge_entry = [&](size_t i) {
      return judged(i, [&](const TimelineEntry& e) { return judge.judge(snaps_->local(e.pass, e.step), recorder().passes()[size_t(e.pass)].name); });
    };
    result_.kernel = kernel.name;
    Bracket b = search(entries, judge_entry);
    if (b.hi == long(entries.size()) && b.hi - b.lo <= 1) {
      // Every graph of the kernel is right; only its linear program is wrong.
      result_.verdict = BisectVerdict::Linearize;
      result_.culprit = StepRef{rec_.pass_ids[size_t(root)], recorder().passes()[size_t(root)].seq, recorder().passes()[size_t(root)].name, 0};
      if (b.lo >= 0) result_.last_right = ref(recorder().timeline()[entries[size_t(b.lo)]]);
      result_.diff = linear.diff;
      result_.summary = "every snapshot of kernel " + kernel.name + " is right, but its linear program computes " + describe_diff(linear.diff) +
                        ": the linearizer (create basic blocks / finalize order) is wrong for this kernel";
      return true;
    }
    if (b.hi == long(entries.size())) b.at_hi = linear;
    conclude(entries, b, kernel.name);
    return true;
  }

  // Turns a finished search into the verdict: one step, or an interval.
  void conclude(const std::vector<size_t>& entries, const Bracket& b, const std::string& kernel) {
    const auto& tl = recorder().timeline();
    if (b.lo >= 0) result_.last_right = ref(tl[entries[size_t(b.lo)]]);
    result_.diff = b.at_hi.diff;
    if (b.hi >= long(entries.size())) {
      // Every evaluable snapshot is right, yet the phase's result is wrong.
      result_.verdict = BisectVerdict::Interval;
      if (b.lo + 1 < long(entries.size())) result_.interval_from = ref(tl[entries[size_t(b.lo + 1)]]);
      if (!entries.empty()) result_.culprit = ref(tl[entries.back()]);
      result_.summary = "the snapshots after " + (result_.last_right ? describe(*result_.last_right) : std::string("the start")) +
                        " cannot be evaluated, and the result is wrong at the end" + (kernel.empty() ? "" : " of kernel " + kernel);
      return;
    }
    const TimelineEntry& wrong = tl[entries[size_t(b.hi)]];
    result_.culprit = ref(wrong);
    if (b.hi - b.lo > 1) {
      result_.verdict = BisectVerdict::Interval;
      result_.interval_from = ref(tl[entries[size_t(b.lo + 1)]]);
      result_.summary = "the result goes wrong between " + describe(*result_.interval_from) + " and " + describe(*result_.culprit) +
                        "; the snapshots between cannot be evaluated; " + describe_diff(b.at_hi.diff);
      return;
    }
    result_.verdict = BisectVerdict::WrongStep;
    // A step's rule may have run nested passes on parts of the graph: the first of them that
    // changed its part's value holds the wrong step.
    std::pair<int, int64_t> at = refine(wrong.pass, wrong.step);
    result_.culprit = ref(TimelineEntry{at.first, at.second});
    const RecordedPass& p = recorder().passes()[size_t(at.first)];
    if (at.second >= 1) {
      const RecordedStep& s = p.steps[size_t(at.second - 1)];
      result_.rule = s.rule ? s.rule->text : "(rule not given)";
      if (s.rule && !s.rule->file.empty()) result_.location = s.rule->file + ":" + std::to_string(s.rule->line);
      result_.before = clip(render_expr(s.matched, kShownDepth));
      result_.after = clip(render_expr(s.replacement, kShownDepth));
    } else {
      blame_pass_without_steps(b, entries);
    }
    result_.summary = "the first wrong snapshot is after " + describe(*result_.culprit) + (result_.rule.empty() ? "" : ", rule '" + result_.rule + "'") +
                      (result_.location.empty() ? "" : " at " + result_.location) + ": " + describe_diff(b.at_hi.diff);
  }

  // Step `step` of `pass` made the result wrong. The passes that ran inside it (nested in the
  // step's rule) rewrite parts of the graph and must keep each part's value: the first one
  // that does not, at its first step that changes the value, is the more precise culprit
  // (recursively). When every nested pass keeps its values, the step's own rule is wrong.
  std::pair<int, int64_t> refine(int pass, int64_t step) {
    if (step < 1) return {pass, step};
    const auto& passes = recorder().passes();
    for (size_t q = 0; q < passes.size(); ++q) {
      const RecordedPass& n = passes[q];
      if (n.parent != pass || n.parent_steps + 1 != step || n.steps.empty() || !n.ended) continue;
      UOpPtr input = n.input;
      auto keeps = [&](int64_t j) {
        std::optional<bool> same = same_value(input, snaps_->local(int(q), j));
        ++result_.evaluated;
        result_.trail.push_back("nested pass " + std::to_string(rec_.pass_ids[q]) + " '" + n.name + "' step " + std::to_string(j) + ": " +
                                (!same ? "not evaluable" : *same ? "keeps its input's value" : "changes its input's value"));
        return same;
      };
      std::optional<bool> whole = keeps(int64_t(n.steps.size()));
      if (!whole || *whole) continue;
      // Binary search for the first step that changes the value: lo keeps it, hi does not.
      int64_t lo = 0, hi = int64_t(n.steps.size());
      while (hi - lo > 1) {
        int64_t mid = (lo + hi) / 2;
        std::optional<bool> same = keeps(mid);
        if (!same) break;
        (*same ? lo : hi) = mid;
      }
      return refine(int(q), hi);
    }
    return {pass, step};
  }

  // Whether two graphs compute the same values (nullopt: cannot tell): evaluated as one
  // comparison so that values over different loop ranges broadcast against each other.
  std::optional<bool> same_value(UOpPtr a, UOpPtr b) {
    if (a == b) return true;
    if (a->op == Op::SINK && b->op == Op::SINK && a->src.size() == b->src.size()) {
      // A nested pass rewrites several expressions at once (an index per axis, say).
      for (size_t i = 0; i < a->src.size(); ++i) {
        std::optional<bool> same = same_value(a->src[i], b->src[i]);
        if (!same || !*same) return same;
      }
      return true;
    }
    if (a->dtype != b->dtype || a->dtype.is_void() || a->dtype.ptr) return std::nullopt;
    try {
      Tracer null;
      TracerScope quiet(null);
      UOpPtr differs = a->arena->make(Op::CMPNE, DType::bool_(), {a, b});
      StageEvaluator ev(program_->buffers());
      const HostArray& v = ev.evaluate(differs);
      return std::none_of(v.data.begin(), v.data.end(), [](double x) { return x != 0; });
    } catch (const std::exception&) {
      return std::nullopt;
    }
  }

  // The first wrong snapshot is a pass's input: the work between the last right snapshot and
  // it was done by a pass that takes no rewrite steps (realize decisions, say).
  void blame_pass_without_steps(const Bracket& b, const std::vector<size_t>& entries) {
    const size_t from = b.lo >= 0 ? entries[size_t(b.lo)] : 0, to = entries[size_t(b.hi)];
    const auto& passes = recorder().passes();
    for (size_t i = 0; i < passes.size(); ++i) {
      const RecordedPass& p = passes[i];
      if (p.begin_at > from && p.ended && p.end_at <= to && p.steps.empty() && p.kind != "rewrite" && p.input != p.output) {
        result_.culprit = StepRef{rec_.pass_ids[i], p.seq, p.name, 0};
        result_.rule = "(pass '" + p.name + "' changes the graph without rewrite steps)";
        if (p.input) result_.before = clip(render_expr(p.input, kShownDepth));
        if (p.output) result_.after = clip(render_expr(p.output, kShownDepth));
        return;
      }
    }
    result_.rule = "(the input of pass '" + result_.culprit->pass + "')";
  }

  void blame_after_graph() {
    // Checks are in buffer order; the kernel that ran first among the failing ones is blamed.
    for (size_t ki = 0; ki < compiled().result.kernels.size(); ++ki) {
      const KernelRun& k = compiled().result.kernels[ki];
      for (const BoundsReport& b : compiled().result.out_of_bounds)
        if (b.kernel == k.program.name) {
          CheckRecord c;
          c.kernel = b.kernel;
          c.buffer = b.buffer;
          c.ok = false;
          c.detail = "out-of-bounds access: " + b.to_string();
          blame_kernel(ki, c);
          return;
        }
      for (const CheckRecord& c : compiled().result.checks)
        if (!c.ok && c.kernel == k.program.name) {
          blame_kernel(ki, c);
          return;
        }
    }
    result_.verdict = BisectVerdict::Correct;
    result_.summary = "the run is correct";
  }

  void blame_kernel(size_t ki, const CheckRecord& c) {
    const KernelRun& k = compiled().result.kernels[ki];
    result_.verdict = BisectVerdict::AfterGraph;
    result_.kernel = k.program.name;
    result_.diff = c;
    if (int root = codegen_root(ki); root >= 0) {
      const RecordedPass& p = recorder().passes()[size_t(root)];
      result_.culprit = StepRef{rec_.pass_ids[size_t(root)], p.seq, p.name, 0};
    }
    result_.summary = "all snapshots are correct and every linear program is right; kernel " + k.program.name +
                      "'s rendering or compilation is wrong: the compiled kernel computes " + describe_diff(c);
  }

  // Kernel k's codegen pass: the k-th outermost codegen pass (kernels are generated in order).
  int codegen_root(size_t k) const {
    size_t seen = 0;
    for (size_t i = 0; i < recorder().passes().size(); ++i) {
      const RecordedPass& p = recorder().passes()[i];
      if (p.parent < 0 && p.kind == "codegen" && seen++ == k) return int(i);
    }
    return -1;
  }

  static std::string describe(const StepRef& r) {
    return "pass " + std::to_string(r.pass_id) + " '" + r.pass + "' " + (r.step ? "step " + std::to_string(r.step) : "(its input)");
  }

  TraceReader& reader_;
  BisectOptions options_;
  BisectResult result_;
  const PassRecorder& recorder() const { return *rec_.recorder; }
  const CompiledRun& compiled() const { return rec_.run; }

  RecordedRun rec_;
  std::unique_ptr<Snapshots> snaps_;
  const Program* program_ = nullptr;
  std::map<int, HostArray> expected_;
  std::map<size_t, Judgement> judged_;  // by timeline index: each snapshot is judged once
  int estimate_ = 1;
};

}  // namespace

BisectResult bisect(TraceReader& reader, const BisectOptions& options) { return Bisector(reader, options).run(); }

}  // namespace rw
