// Speed of the symbolic simplifier: 100k random index expressions (generated once, outside
// the timing), each simplified untraced; reports successful rewrites per second.
//   ninja -C build symbolic_bench && ./build/tests/bench/symbolic_bench
#include <benchmark/benchmark.h>

#include "engine/ir/arena.h"
#include "engine/rewrite/expr_gen.h"
#include "engine/rewrite/graph_rewrite.h"
#include "engine/rewrite/symbolic.h"

namespace rw {
namespace {

struct StepCounter : RewriteObserver {
  int64_t steps = 0;
  void on_step(std::string_view, int64_t, const Rule&, UOpPtr, UOpPtr) override { ++steps; }
};

struct Corpus {
  Arena arena;
  std::vector<UOpPtr> exprs;
  explicit Corpus(bool conditions) {
    ExprGenOptions opt;
    opt.conditions = conditions;
    opt.max_depth = 4;
    ExprGen gen(arena, 2026, opt);
    std::vector<UOpPtr> vars = gen.make_vars();
    exprs.reserve(100'000);
    for (int i = 0; i < 100'000; ++i) {
      if (i % 100 == 0) vars = gen.make_vars();  // new bounds now and then
      exprs.push_back(gen.expr(vars));
    }
  }
};

void run(benchmark::State& state, Corpus& corpus) {
  symbolic();  // build the rule table outside the timing
  StepCounter counter;
  RewriteObserverScope scope(&counter);
  int64_t exprs = 0;
  for (auto _ : state) {
    for (UOpPtr e : corpus.exprs) benchmark::DoNotOptimize(simplify(e));
    exprs += int64_t(corpus.exprs.size());
  }
  state.counters["rewrites/s"] = benchmark::Counter(double(counter.steps), benchmark::Counter::kIsRate);
  state.counters["exprs/s"] = benchmark::Counter(double(exprs), benchmark::Counter::kIsRate);
  state.counters["rewrites/expr"] = double(counter.steps) / double(exprs);
}

void BM_SimplifyIndexExpressions(benchmark::State& state) {
  static Corpus corpus(false);
  run(state, corpus);
}
BENCHMARK(BM_SimplifyIndexExpressions)->Unit(benchmark::kMillisecond);

void BM_SimplifyExpressionsWithConditions(benchmark::State& state) {
  static Corpus corpus(true);
  run(state, corpus);
}
BENCHMARK(BM_SimplifyExpressionsWithConditions)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace rw

BENCHMARK_MAIN();
