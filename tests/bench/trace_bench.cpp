// Cost of tracing rewrites into SQLite: steps written per second, and a traced run's time
// against the same run untraced. The workload is what graph_rewrite does per rewrite: build
// the rebuilt node and a replacement (new nodes), then report the event with two bindings.
//
//   ./build/tests/bench/trace_bench --benchmark_counters_tabular=true
//
// Counters: steps/s is wall-clock throughput of the whole run including close(); cpu_us/step
// is CPU time of both threads per step; writer_steps/cpu_s is what the writer thread sustains
// per second of its own CPU time, i.e. on a core of its own. On a shared machine the wall-clock
// figures mostly measure the neighbours; compare CPU figures.
#include <benchmark/benchmark.h>

#include <sys/resource.h>

#include <chrono>
#include <filesystem>

#include "engine/ir/arena.h"
#include "engine/trace/sqlite_tracer.h"

namespace rw {
namespace {

const RuleInfo kRules[4] = {
    {"x+0 -> x", "ADD(x, 0:CONST)", "symbolic", "engine/rewrite/symbolic.cpp", 10},
    {"x*1 -> x", "MUL(x, 1:CONST)", "symbolic", "engine/rewrite/symbolic.cpp", 11},
    {"(x*c0)//c0 -> x", "IDIV(MUL(x, c0:CONST), c0:CONST)", "symbolic_div", "engine/rewrite/symbolic_div.cpp", 20},
    {"(x+c0)+c1 -> x+(c0+c1)", "ADD(ADD(x, c0:CONST), c1:CONST)", "symbolic", "engine/rewrite/symbolic.cpp", 12},
};

// One pass of `steps` rewrites over a growing expression.
//  new_nodes = 2: the rule matched a rebuilt parent (new) and built its result (new).
//  new_nodes = 1: the rule matched a rebuilt parent (new) and returned an existing node
//                 (x+0 -> x); the expression grows by one node every 64 steps.
void synthetic_pass(Tracer& t, Arena& a, int64_t steps, int new_nodes) {
  UOpPtr x = a.var("x", 0, 1023);
  UOpPtr cur = x;
  t.begin_pass("synthetic", "rewrite", cur);
  const bool on = t.active();
  for (int64_t i = 0; i < steps; ++i) {
    UOpPtr c = a.index_const(i % 64 + 2);
    UOpPtr matched = cur->add(c);  // the rebuilt node the rule matched
    UOpPtr replacement = new_nodes == 2 ? cur->mul(c) : cur;
    if (on) {
      Binding b[] = {{"x", cur}, {"c0", c}};
      t.on_rewrite(RewriteEvent{&kRules[i % 4], matched, b, replacement, 250});
    }
    if (new_nodes == 2 || i % 64 == 63) cur = new_nodes == 2 ? replacement : cur->mul(c);
  }
  t.end_pass(cur, true);
}

// 1M steps as a compilation makes them: many runs of passes, each run with its own arena
// (one huge arena would measure the arena's cache misses, not tracing).
constexpr int64_t kStepsPerRun = 50'000;

double g_writer_cpu = 0;  // of the last traced program
double g_close_ms = 0;

void traced_program(Tracer& t, int64_t steps, int new_nodes) {
  std::vector<std::unique_ptr<Arena>> arenas;  // nodes must outlive the tracer's close()
  for (int64_t done = 0; done < steps; done += kStepsPerRun) {
    arenas.push_back(std::make_unique<Arena>());
    t.begin_run({"bench", "", "", {}, "bench"});
    synthetic_pass(t, *arenas.back(), std::min(kStepsPerRun, steps - done), new_nodes);
    t.end_run(true);
  }
  if (auto* s = dynamic_cast<SqliteTracer*>(&t)) {
    auto c0 = std::chrono::steady_clock::now();
    s->close();  // the run is not over until the trace is written
    g_close_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - c0).count();
    g_writer_cpu = s->stats().writer_cpu_seconds;
  }
}

// CPU seconds of the whole process (both threads): the machine may be shared, so wall time
// alone would mostly measure the neighbours.
double process_cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + 1e-6 * double(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

void BM_Untraced(benchmark::State& state) {
  const int64_t steps = state.range(0);
  double cpu0 = process_cpu_seconds();
  for (auto _ : state) {
    Tracer null;
    traced_program(null, steps, int(state.range(1)));
  }
  state.counters["steps/s"] = benchmark::Counter(double(steps), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["cpu_us/step"] = 1e6 * (process_cpu_seconds() - cpu0) / double(steps * state.iterations());
}

void BM_SqliteTraced(benchmark::State& state) {
  const int64_t steps = state.range(0);
  auto path = (std::filesystem::temp_directory_path() / "rewind-trace-bench.rwd").string();
  double cpu0 = process_cpu_seconds();
  for (auto _ : state) {
    SqliteTracer t(path);
    traced_program(t, steps, int(state.range(1)));
  }
  state.counters["steps/s"] = benchmark::Counter(double(steps), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["cpu_us/step"] = 1e6 * (process_cpu_seconds() - cpu0) / double(steps * state.iterations());
  // What one free core running only the writer would sustain.
  state.counters["writer_steps/cpu_s"] = double(steps) / g_writer_cpu;
  state.counters["close_ms"] = g_close_ms;  // final flush + WAL checkpoint, included in Time
  state.counters["MB"] = double(std::filesystem::file_size(path)) / 1e6;
  std::filesystem::remove(path);
}

// Args: steps, new nodes per step.
BENCHMARK(BM_Untraced)->Args({1'000'000, 2})->Args({1'000'000, 1})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_SqliteTraced)->Args({1'000'000, 2})->Args({1'000'000, 1})->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace rw

BENCHMARK_MAIN();
