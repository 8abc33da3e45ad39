// rewind simplify 'EXPR' --var x=0..15: the symbolic simplifier as a tool of its own, and the
// smallest real trace (one run, one pass, every rule that fired).
#include <chrono>
#include <iostream>
#include <memory>
#include <optional>

#include "app/cli/command.h"
#include "app/cli/trace_session.h"
#include "engine/ir/arena.h"
#include "engine/ir/print.h"
#include "engine/rewrite/expr_parser.h"
#include "engine/rewrite/graph_rewrite.h"
#include "engine/rewrite/symbolic.h"
#include "engine/rewrite/symbolic_fuzz.h"

namespace rw::cli {
namespace {

struct StepLog : RewriteObserver {
  struct Entry {
    const RuleInfo* rule;
    UOpPtr matched, replacement;
  };
  std::vector<Entry> steps;
  void on_step(std::string_view, int64_t, const Rule& r, UOpPtr m, UOpPtr rep) override { steps.push_back({&r.info, m, rep}); }
};

int run_fuzz(const ParsedArgs& args) {
  int64_t count = std::stoll(*args.get("fuzz"));
  uint64_t seed = std::stoull(args.get_or("seed", "1"));
  auto t0 = std::chrono::steady_clock::now();
  FuzzReport report = fuzz_symbolic(seed, count);
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cout << report.summary() << "seed " << seed << ", " << s << " s\n";
  return report.failures.empty() ? 0 : 1;
}

int run_simplify(const ParsedArgs& args) {
  if (args.has("fuzz")) return run_fuzz(args);
  if (args.positional.size() != 1)
    throw UsageError("rewind simplify: expected one expression in quotes, e.g. rewind simplify '(x*4+y)//4' --var x=0..15 --var y=0..3");
  const std::string& text = args.positional[0];
  VarDecls vars;
  for (const std::string& spec : args.all("var")) parse_var_spec(spec, vars);

  Arena arena;
  std::unique_ptr<TraceSession> trace;
  if (auto out = args.get("out")) {
    RunInfo info;
    info.command = "simplify";
    info.program_text = text;
    for (const std::string& spec : args.all("var")) info.options.emplace_back("var", spec);
    trace = std::make_unique<TraceSession>(*out, info);
  }
  UOpPtr input = parse_index_expr(arena, text, vars);
  StepLog log;
  UOpPtr result;
  {
    RewriteObserverScope observe(&log);
    result = simplify(input);
  }
  if (trace) trace->finish(true);

  std::cout << "input:   " << render_expr(input) << "\n";
  std::cout << "result:  " << render_expr(result) << "\n";
  if (result->has_range()) std::cout << "range:   [" << result->vmin << ", " << result->vmax << "]\n";
  std::cout << "steps:   " << log.steps.size() << " rewrite" << (log.steps.size() == 1 ? "" : "s") << " in pass 'symbolic'\n";
  for (size_t i = 0; i < log.steps.size(); ++i) {
    const auto& s = log.steps[i];
    std::cout << "  " << i + 1 << ". " << s.rule->text << "    " << s.rule->file << ":" << s.rule->line << "\n"
              << "       " << render_expr(s.matched) << "  =>  " << render_expr(s.replacement) << "\n";
  }
  if (trace) std::cout << "trace:   " << trace->path() << "\n";
  return 0;
}

}  // namespace

Command simplify_command() {
  return Command{
      "simplify",
      "simplify an index expression and show every rule that fired",
      "rewind simplify 'EXPR' --var X=LO..HI ... [-o FILE.rwd] | rewind simplify --fuzz N [--seed S]",
      "EXPR is Python-like integer arithmetic: + - * // % (floor division and modulo), comparisons,\n"
      "and/or/not, max(a, b), min(a, b), where(c, a, b), a if c else b. Every variable needs bounds.\n"
      "Example:  rewind simplify '(x*4 + y) // 4' --var x=0..15 --var y=0..3\n"
      "--fuzz N checks the simplifier on N random expressions: each simplified result must give the\n"
      "same value as its input on random assignments and stay within its value range.",
      {
          {"var", "", "X=LO..HI", "declare a variable and its inclusive bounds", true},
          {"out", "o", "FILE.rwd", "write the trace here"},
          {"fuzz", "", "N", "check the simplifier on N random expressions instead"},
          {"seed", "", "S", "random seed for --fuzz (default 1)"},
      },
      run_simplify,
  };
}

}  // namespace rw::cli
