// Speed of the symbolic simplifier: 100k random index expressions, generated outside the
// timing, each simplified untraced (graph_rewrite with symbolic()); reports successful
// rewrites per second (counted by a RewriteObserver, as the verifier would be).
//
//   ninja -C build symbolic_bench && ./build/tests/bench/symbolic_bench
//
// Layouts: "per_program" keeps 1,000 expressions per arena, as a compilation holds one
// program's nodes; "one_arena" interns all 100k (about 1.2M nodes) in one arena, where
// interning lookups miss the caches. "warm" re-simplifies expressions whose results are
// already interned (steady state); "cold" simplifies a fresh corpus each iteration, paying
// for creating every result node.
#include <benchmark/benchmark.h>

#include <memory>

#include "engine/ir/arena.h"
#include "engine/rewrite/expr_gen.h"
#include "engine/rewrite/graph_rewrite.h"
#include "engine/rewrite/symbolic.h"

namespace rw {
namespace {

constexpr int kExpressions = 100'000;

struct StepCounter : RewriteObserver {
  int64_t steps = 0;
  void on_step(std::string_view, int64_t, const Rule&, UOpPtr, UOpPtr) override { ++steps; }
};

struct Corpus {
  std::vector<std::unique_ptr<Arena>> arenas;
  std::vector<UOpPtr> exprs;
  Corpus(int per_arena, bool conditions, uint64_t seed) {
    ExprGenOptions opt;
    opt.conditions = conditions;
    opt.max_depth = 4;
    std::unique_ptr<ExprGen> gen;
    std::vector<UOpPtr> vars;
    exprs.reserve(kExpressions);
    for (int i = 0; i < kExpressions; ++i) {
      if (i % per_arena == 0) {
        arenas.push_back(std::make_unique<Arena>());
        gen = std::make_unique<ExprGen>(*arenas.back(), seed + uint64_t(i), opt);
      }
      if (i % 100 == 0) vars = gen->make_vars();  // new bounds now and then
      exprs.push_back(gen->expr(vars));
    }
  }
};

void simplify_all(const Corpus& corpus) {
  for (UOpPtr e : corpus.exprs) benchmark::DoNotOptimize(simplify(e));
}

void report(benchmark::State& state, const StepCounter& counter, int64_t exprs) {
  state.counters["rewrites/s"] = benchmark::Counter(double(counter.steps), benchmark::Counter::kIsRate);
  state.counters["exprs/s"] = benchmark::Counter(double(exprs), benchmark::Counter::kIsRate);
  state.counters["rewrites/expr"] = double(counter.steps) / double(exprs);
}

void warm(benchmark::State& state, int per_arena, bool conditions) {
  symbolic();  // the rule table is built once, outside the timing
  Corpus corpus(per_arena, conditions, 2026);
  simplify_all(corpus);  // intern every result once
  StepCounter counter;
  RewriteObserverScope scope(&counter);
  int64_t exprs = 0;
  for (auto _ : state) {
    simplify_all(corpus);
    exprs += int64_t(corpus.exprs.size());
  }
  report(state, counter, exprs);
}

void cold(benchmark::State& state, int per_arena) {
  symbolic();
  StepCounter counter;
  int64_t exprs = 0;
  uint64_t seed = 1;
  for (auto _ : state) {
    state.PauseTiming();
    auto corpus = std::make_unique<Corpus>(per_arena, false, seed++);
    state.ResumeTiming();
    {
      RewriteObserverScope scope(&counter);
      simplify_all(*corpus);
    }
    exprs += int64_t(corpus->exprs.size());
    state.PauseTiming();
    corpus.reset();  // freeing the arenas is not simplification
    state.ResumeTiming();
  }
  report(state, counter, exprs);
}

void BM_IndexExprs_PerProgram_Warm(benchmark::State& s) { warm(s, 1000, false); }
void BM_IndexExprs_PerProgram_Cold(benchmark::State& s) { cold(s, 1000); }
void BM_IndexExprs_OneArena_Warm(benchmark::State& s) { warm(s, kExpressions, false); }
void BM_IndexExprs_OneArena_Cold(benchmark::State& s) { cold(s, kExpressions); }
void BM_ExprsWithConditions_PerProgram_Warm(benchmark::State& s) { warm(s, 1000, true); }
BENCHMARK(BM_IndexExprs_PerProgram_Warm)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_IndexExprs_PerProgram_Cold)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_IndexExprs_OneArena_Warm)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_IndexExprs_OneArena_Cold)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ExprsWithConditions_PerProgram_Warm)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace rw

BENCHMARK_MAIN();
