// The cost of tracing on a named workload: simplifying 100k random index expressions
// (1,000 per arena, one traced run per arena; /1 with comparisons, and/or and where, /0
// index arithmetic only, symbolic_bench's IndexExprs corpus), untraced versus written to a SQLite trace,
// the trace's final close() included. Reports successful rewrites per second both ways and
// the traced/untraced ratio (target <= 1.5x) and steps written per second (target >= 500k).
//
//   ninja -C build traced_simplify_bench && ./build/tests/bench/traced_simplify_bench
#include <benchmark/benchmark.h>

#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>

#include "engine/ir/arena.h"
#include "engine/rewrite/expr_gen.h"
#include "engine/rewrite/graph_rewrite.h"
#include "engine/rewrite/symbolic.h"
#include "engine/trace/sqlite_tracer.h"

namespace rw {
namespace {

constexpr int kExpressions = 100'000;
constexpr int kPerArena = 1'000;

struct StepCounter : RewriteObserver {
  int64_t steps = 0;
  void on_step(std::string_view, int64_t, const Rule&, UOpPtr, UOpPtr) override { ++steps; }
};

struct Program {
  std::unique_ptr<Arena> arena = std::make_unique<Arena>();
  std::vector<UOpPtr> exprs;
};

// conditions: whether expressions also hold comparisons, and/or and where (ExprGen's
// default); without, the corpus is symbolic_bench's IndexExprs one.
std::vector<Program> make_corpus(uint64_t seed, bool conditions) {
  ExprGenOptions options;
  options.conditions = conditions;
  std::vector<Program> programs(kExpressions / kPerArena);
  for (size_t p = 0; p < programs.size(); ++p) {
    ExprGen gen(*programs[p].arena, seed + p, options);
    std::vector<UOpPtr> vars;
    for (int i = 0; i < kPerArena; ++i) {
      if (i % 100 == 0) vars = gen.make_vars();
      programs[p].exprs.push_back(gen.expr(vars));
    }
  }
  return programs;
}

using Clock = std::chrono::steady_clock;

double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
}

// Accepts every event and keeps nothing: what the engine thread pays for being traced at all
// (timing each rule callback, building the events), apart from the tracer's own work.
struct DiscardingTracer : Tracer {
  bool active() const override { return true; }
};

enum class Mode { Untraced, Discarded, Traced };

void run(benchmark::State& state, Mode mode) {
  const bool traced = mode == Mode::Traced;
  symbolic();
  StepCounter counter;
  RewriteObserverScope scope(&counter);
  const std::string path = (std::filesystem::temp_directory_path() / "rewind_traced_simplify_bench.rwd").string();
  double seconds = 0, engine_cpu = 0, writer_cpu = 0;
  int64_t steps = 0, written = 0;
  uint64_t seed = 1;
  for (auto _ : state) {
    std::vector<Program> corpus = make_corpus(seed++, state.range(0) != 0);  // fresh nodes every iteration: cold
    const int64_t before = counter.steps;
    auto t0 = Clock::now();
    const double cpu0 = thread_cpu_seconds();
    double cpu1 = 0;
    if (traced) {
      SqliteTracer tracer(path);
      TracerScope install(tracer);
      for (Program& p : corpus) {
        RunInfo info;
        info.command = "simplify";
        tracer.begin_run(info);
        for (UOpPtr e : p.exprs) benchmark::DoNotOptimize(simplify(e));
        tracer.end_run(true);
      }
      cpu1 = thread_cpu_seconds();  // the engine thread's own work, before waiting in close()
      tracer.close();
      SqliteTracer::Stats st = tracer.stats();
      writer_cpu += st.writer_cpu_seconds;
      written += st.steps_written;
    } else {
      DiscardingTracer discard;
      Tracer* t = mode == Mode::Discarded ? static_cast<Tracer*>(&discard) : &current_tracer();
      TracerScope install(*t);
      for (Program& p : corpus)
        for (UOpPtr e : p.exprs) benchmark::DoNotOptimize(simplify(e));
      cpu1 = thread_cpu_seconds();
    }
    engine_cpu += cpu1 - cpu0;
    double s = std::chrono::duration<double>(Clock::now() - t0).count();
    state.SetIterationTime(s);
    seconds += s;
    steps += counter.steps - before;
  }
  state.counters["rewrites/s"] = double(steps) / seconds;
  state.counters["rewrites"] = double(steps) / double(state.iterations());
  // CPU time per iteration: on a loaded machine wall time mostly measures the neighbours.
  state.counters["engine_cpu_ms"] = 1e3 * engine_cpu / double(state.iterations());
  if (traced) {
    state.counters["writer_cpu_ms"] = 1e3 * writer_cpu / double(state.iterations());
    state.counters["steps_written/s"] = double(written) / seconds;
    state.counters["writer_steps/cpu_s"] = writer_cpu > 0 ? double(written) / writer_cpu : 0;
  }
  if (!std::getenv("REWIND_BENCH_KEEP_TRACE")) std::filesystem::remove(path);  // kept: to inspect the rows
}

void BM_SimplifyUntraced(benchmark::State& state) { run(state, Mode::Untraced); }
void BM_SimplifyDiscarded(benchmark::State& state) { run(state, Mode::Discarded); }
void BM_SimplifyTraced(benchmark::State& state) { run(state, Mode::Traced); }
// Argument 1: expressions with conditions (ExprGen's default); 0: index arithmetic only.
BENCHMARK(BM_SimplifyUntraced)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5)->Arg(1)->Arg(0);
BENCHMARK(BM_SimplifyDiscarded)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5)->Arg(1)->Arg(0);
BENCHMARK(BM_SimplifyTraced)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5)->Arg(1)->Arg(0);

}  // namespace
}  // namespace rw

BENCHMARK_MAIN();
