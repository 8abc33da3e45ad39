// Scheduling time of every benchmark program (/work/shared/bench), untraced and traced,
// against tinygrad's "warm schedule" column (bench/README.md).
//
//   ninja -C build schedule_bench && ./build/tests/bench/schedule_bench
//
// "warm": the program is built once and scheduled again and again in the same arena, like
// tinygrad's "warm schedule" column: the nodes scheduling builds are already interned after
// the first run. "warm_traced": the same, with every pass, rewrite, decision and kernel
// written to one SQLite trace that all iterations share (one run each), as a long-lived
// process such as the viewer does. The writer thread works beside the scheduler (its queue
// is bounded, so a writer that falls behind slows the scheduler down); closing the file at
// the end, which waits for every row to be committed, is added to the total, so x_faster and
// the per-iteration time below it count all the writing. "warm_discarded": the same with a
// tracer that keeps nothing, so what the scheduler itself pays for being traced. "traced_file": what a single
// `rewind schedule -o FILE` pays: every iteration creates a trace file (schema included),
// schedules once into it and closes it (the WAL checkpoint included). "cold": a fresh arena and
// program every iteration (building the program, reading its .npy files included).
//
// Counters: kernels; tinygrad_ms, tinygrad's warm schedule; x_faster = tinygrad_ms / our
// time per iteration (target: 50 untraced; traced, target <= 1.5x the untraced time).
// engine_cpu_ms: CPU time of the scheduling thread per iteration (close() excluded);
// writer_cpu_ms: CPU time of the trace's writer thread per iteration. On a machine shared with
// other work the wall time mostly measures the neighbours; the CPU times do not.
#include <benchmark/benchmark.h>

#include <time.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>

#include "engine/frontend/program.h"
#include "engine/ir/arena.h"
#include "engine/schedule/schedule_program.h"
#include "engine/trace/sqlite_tracer.h"

namespace rw {
namespace {

const std::filesystem::path kBench = std::filesystem::path(REWIND_SHARED_DIR) / "bench";

// bench/README.md, "warm schedule" (ms), tinygrad with RANGEIFY=1.
const std::map<std::string, double> kTinygradWarmMs = {
    {"elementwise", 4.7}, {"sum_axis", 3.0},  {"max_reduce", 3.0}, {"softmax", 7.7},    {"matmul64", 4.2}, {"matmul256", 4.2}, {"conv2d", 24.0},
    {"pad_reduce", 5.8},  {"broadcast", 4.6}, {"layernorm", 8.0},  {"attention", 21.3}, {"cumsum", 40.3}, {"mlp", 13.6}};

double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
}

// Accepts every event and keeps nothing: what the scheduler pays for being traced at all
// (counting rule tries, building the events), apart from the trace writer's own work.
struct DiscardingTracer : Tracer {
  bool active() const override { return true; }
};

void warm_discarded(benchmark::State& state, std::string name) {
  Arena arena;
  Program program = load_program(arena, kBench / name / "program.tg");
  DiscardingTracer discard;
  TracerScope scope(discard);
  const double cpu0 = thread_cpu_seconds();
  for (auto _ : state) benchmark::DoNotOptimize(schedule_program(program).kernels.size());
  state.counters["engine_cpu_ms"] = 1e3 * (thread_cpu_seconds() - cpu0) / double(state.iterations());
}

void warm(benchmark::State& state, std::string name, bool traced) {
  Arena arena;
  Program program = load_program(arena, kBench / name / "program.tg");
  std::string trace_path = (std::filesystem::temp_directory_path() / ("schedule_bench_" + name + ".rwd")).string();
  std::optional<SqliteTracer> tracer;
  if (traced) tracer.emplace(trace_path);
  size_t kernels = 0;
  double seconds = 0;
  const double cpu0 = thread_cpu_seconds();
  for (auto _ : state) {
    auto t0 = std::chrono::steady_clock::now();
    if (tracer) {
      TracerScope scope(*tracer);
      tracer->begin_run(RunInfo{"schedule", name, program.source(), {}, "bench"});
      kernels = schedule_program(program).kernels.size();
      tracer->end_run(true);
    } else {
      kernels = schedule_program(program).kernels.size();
    }
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
  state.counters["engine_cpu_ms"] = 1e3 * (thread_cpu_seconds() - cpu0) / double(state.iterations());
  if (tracer) {  // everything written and committed counts: the writer thread's backlog too
    auto t0 = std::chrono::steady_clock::now();
    tracer->close();
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    state.counters["writer_cpu_ms"] = 1e3 * tracer->stats().writer_cpu_seconds / double(state.iterations());
  }
  double ms = seconds * 1e3 / double(state.iterations());
  state.counters["kernels"] = double(kernels);
  state.counters["tinygrad_ms"] = kTinygradWarmMs.at(name);
  state.counters["x_faster"] = kTinygradWarmMs.at(name) / ms;
  std::filesystem::remove(trace_path);
}

void traced_file(benchmark::State& state, std::string name) {
  Arena arena;
  Program program = load_program(arena, kBench / name / "program.tg");
  std::string trace_path = (std::filesystem::temp_directory_path() / ("schedule_bench_file_" + name + ".rwd")).string();
  double writer_cpu = 0;
  const double cpu0 = thread_cpu_seconds();
  for (auto _ : state) {
    SqliteTracer tracer(trace_path);
    TracerScope scope(tracer);
    tracer.begin_run(RunInfo{"schedule", name, program.source(), {}, "bench"});
    benchmark::DoNotOptimize(schedule_program(program).kernels.size());
    tracer.end_run(true);
    tracer.close();
    writer_cpu += tracer.stats().writer_cpu_seconds;
  }
  state.counters["engine_cpu_ms"] = 1e3 * (thread_cpu_seconds() - cpu0) / double(state.iterations());
  state.counters["writer_cpu_ms"] = 1e3 * writer_cpu / double(state.iterations());
  std::filesystem::remove(trace_path);
}

void cold(benchmark::State& state, std::string name) {
  for (auto _ : state) {
    Arena arena;
    Program program = load_program(arena, kBench / name / "program.tg");
    benchmark::DoNotOptimize(schedule_program(program).kernels.size());
  }
}

const char* kPrograms[] = {"elementwise", "sum_axis", "max_reduce", "softmax", "matmul64", "matmul256", "conv2d",
                           "pad_reduce",  "broadcast", "layernorm", "attention", "cumsum", "mlp"};

int register_all() {
  // The untraced runs first, while the process has a single thread: a traced run starts the
  // trace's writer thread, and from then on every lock in the process (the arena's, malloc's)
  // takes an atomic instruction. An untraced process never pays that, so untraced times
  // measured after a traced run would be 2-5% too slow, and traced/untraced too kind.
  for (const char* p : kPrograms) {
    benchmark::RegisterBenchmark((std::string("warm/") + p).c_str(), warm, std::string(p), false)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark((std::string("cold/") + p).c_str(), cold, std::string(p))->Unit(benchmark::kMillisecond);
  }
  for (const char* p : kPrograms) {
    benchmark::RegisterBenchmark((std::string("warm_traced/") + p).c_str(), warm, std::string(p), true)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark((std::string("warm_discarded/") + p).c_str(), warm_discarded, std::string(p))->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark((std::string("traced_file/") + p).c_str(), traced_file, std::string(p))->Unit(benchmark::kMillisecond);
  }
  return 0;
}
const int registered = register_all();

}  // namespace
}  // namespace rw

BENCHMARK_MAIN();
