#include "engine/rewrite/symbolic_fuzz.h"

#include <exception>

#include "engine/ir/graph.h"
#include "engine/ir/print.h"
#include "engine/rewrite/graph_rewrite.h"
#include "engine/rewrite/symbolic.h"

namespace rw {

namespace {
struct StepCounter : RewriteObserver {
  int64_t steps = 0;
  void on_step(std::string_view, int64_t, const Rule&, UOpPtr, UOpPtr) override { ++steps; }
};

std::string describe_vars(std::span<const UOpPtr> vars) {
  std::string s;
  for (UOpPtr v : vars) {
    const VarArg& a = v->arg.get<VarArg>();
    s += (s.empty() ? "" : ", ") + a.name + " in [" + std::to_string(a.min) + ", " + std::to_string(a.max) + "] " + to_string(v->dtype);
  }
  return s;
}

std::string describe_assignment(std::span<const UOpPtr> vars, const VarValues& values) {
  std::string s;
  for (UOpPtr v : vars) s += (s.empty() ? "" : ", ") + v->arg.get<VarArg>().name + "=" + std::to_string(values.at(v));
  return s;
}

// The first node (children first) whose range does not hold its value, or nullptr.
UOpPtr out_of_range(const ExprEvaluator& e, int64_t* value) {
  for (size_t i = 0; i < e.nodes().size(); ++i) {
    UOpPtr n = e.nodes()[i];
    if (e.value_at(i) < n->vmin || e.value_at(i) > n->vmax) {
      *value = e.value_at(i);
      return n;
    }
  }
  return nullptr;
}

UOpPtr run_rules(UOpPtr e, const FuzzOptions& options) {
  return graph_rewrite(e, options.rules ? *options.rules : symbolic(), "symbolic");
}

// Does simplifying `e` change its value under `values`?
bool mismatches(UOpPtr e, const VarValues& values, const FuzzOptions& options) {
  try {
    return eval_expr(e, values) != eval_expr(run_rules(e, options), values);
  } catch (const std::exception&) {
    return true;
  }
}

// The smallest subexpression of `e` (children first) that already mismatches: what to look at.
UOpPtr smallest_mismatch(UOpPtr e, const VarValues& values, const FuzzOptions& options) {
  for (UOpPtr n : toposort(e))
    if ((n->dtype.is_int() || n->dtype.is_bool()) && mismatches(n, values, options)) return n;
  return e;
}

void add_failure(FuzzReport& report, const FuzzOptions& options, FuzzFailure f) {
  ++report.failure_count;
  if (int64_t(report.failures.size()) < options.max_failures) report.failures.push_back(std::move(f));
}
}  // namespace

std::string FuzzFailure::to_string() const {
  std::string s = "case " + std::to_string(case_index) + " (seed " + std::to_string(case_seed) + "): " + kind + "\n";
  s += "  expression: " + expr + "\n";
  if (!simplified.empty()) s += "  simplified: " + simplified + "\n";
  s += "  variables:  " + variables + "\n";
  if (!assignment.empty()) s += "  assignment: " + assignment + "\n";
  s += "  " + detail + "\n";
  return s;
}

std::string FuzzReport::summary() const {
  std::string s = std::to_string(cases) + " expressions, " + std::to_string(evaluations) + " evaluations, " +
                  std::to_string(rewrites) + " rewrites: " +
                  (ok() ? "no failures" : std::to_string(failure_count) + " failure(s)") + "\n";
  for (const FuzzFailure& f : failures) s += f.to_string();
  return s;
}

void fuzz_symbolic_case(uint64_t case_seed, int64_t case_index, const FuzzOptions& options, FuzzReport& report) {
  Arena arena;
  ExprGenOptions gen = options.gen;
  if (options.wraparound_cases && case_index % 8 == 7) {
    gen.dtype = DType::int32();
    gen.wide_constants = true;
  } else if (options.wraparound_cases && case_index % 8 == 3) {
    gen.wide_constants = true;  // index constants near the int64 limits
  } else if (options.wraparound_cases && case_index % 8 == 5) {
    gen.dtype = DType(Scalar::UInt32);  // unsigned: subtraction and negation wrap around 2^32
    gen.wide_constants = true;
  }
  ExprGen g(arena, case_seed, gen);
  std::vector<UOpPtr> vars = g.make_vars();
  UOpPtr e = g.expr(vars);
  ++report.cases;
  FuzzFailure base;
  base.case_index = case_index;
  base.case_seed = case_seed;
  base.expr = render_expr(e);
  base.variables = describe_vars(vars);

  UOpPtr s;
  try {
    StepCounter counter;
    RewriteObserverScope scope(&counter);
    s = run_rules(e, options);
    report.rewrites += counter.steps;
  } catch (const std::exception& ex) {
    base.kind = dynamic_cast<const RewriteError*>(&ex) ? "no convergence" : "error";
    base.detail = ex.what();
    return add_failure(report, options, base);
  }
  base.simplified = render_expr(s);
  // graph_rewrite stops where no rule applies, so simplifying again must change nothing.
  try {
    if (UOpPtr again = run_rules(s, options); again != s) {
      base.kind = "not a fixed point";
      base.detail = "simplifying the result again gives " + render_expr(again);
      return add_failure(report, options, base);
    }
  } catch (const std::exception& ex) {
    base.kind = "no convergence";
    base.detail = std::string("simplifying the result again: ") + ex.what();
    return add_failure(report, options, base);
  }

  ExprEvaluator before(e), after(s);
  for (int i = 0; i < options.assignments; ++i) {
    VarValues values = g.assignment(vars);
    ++report.evaluations;
    FuzzFailure f = base;
    f.assignment = describe_assignment(vars, values);
    try {
      before.run(values);
      after.run(values);
    } catch (const ExprEvalError& ex) {
      f.kind = "error";
      f.detail = ex.what();
      return add_failure(report, options, f);
    }
    int64_t bad_value = 0;
    for (const ExprEvaluator* ev : {&before, &after}) {
      if (UOpPtr bad = out_of_range(*ev, &bad_value)) {
        f.kind = "out of range";
        f.expr = render_expr(ev == &before ? e : s);
        f.detail = "node " + render_expr(bad) + " (" + bad->summary() + ") has value " + std::to_string(bad_value) +
                   " outside its range [" + std::to_string(bad->vmin) + ", " + std::to_string(bad->vmax) + "]";
        return add_failure(report, options, f);
      }
    }
    if (before.result() != after.result()) {
      f.kind = "mismatch";
      f.detail = "expression = " + std::to_string(before.result()) + ", simplified = " + std::to_string(after.result());
      try {
        UOpPtr small = smallest_mismatch(e, values, options);
        UOpPtr small_s = run_rules(small, options);
        if (small != e)
          f.detail += "; smallest failing part: " + render_expr(small) + " = " + std::to_string(eval_expr(small, values)) +
                      ", simplified " + render_expr(small_s) + " = " + std::to_string(eval_expr(small_s, values));
      } catch (const std::exception& ex) {
        f.detail += std::string("; (narrowing it down failed: ") + ex.what() + ")";
      }
      return add_failure(report, options, f);
    }
  }
}

FuzzReport fuzz_symbolic(uint64_t seed, int64_t count, const FuzzOptions& options) {
  FuzzReport report;
  SplitMix64 seeds(seed);
  for (int64_t i = 0; i < count; ++i) fuzz_symbolic_case(seeds.next(), i, options, report);
  return report;
}

}  // namespace rw
