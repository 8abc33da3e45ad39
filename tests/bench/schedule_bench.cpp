// Scheduling time of every benchmark program (/work/shared/bench), untraced and traced.
//
//   ninja -C build schedule_bench && ./build/tests/bench/schedule_bench
//
// "warm": the program is built once and scheduled again and again in the same arena, like
// tinygrad's "warm schedule" column (bench/README.md): the nodes scheduling builds are
// already interned after the first run. "cold": a fresh arena and program every iteration
// (building the program, reading its .npy files included). "traced": every pass, rewrite,
// decision and kernel written to a SQLite trace (a new file per iteration).
#include <benchmark/benchmark.h>

#include <filesystem>

#include "engine/frontend/program.h"
#include "engine/ir/arena.h"
#include "engine/schedule/schedule_program.h"
#include "engine/trace/sqlite_tracer.h"

namespace rw {
namespace {

const std::filesystem::path kBench = std::filesystem::path(REWIND_SHARED_DIR) / "bench";

void warm(benchmark::State& state, std::string name, bool traced) {
  Arena arena;
  Program program = load_program(arena, kBench / name / "program.tg");
  std::string trace_path = (std::filesystem::temp_directory_path() / ("schedule_bench_" + name + ".rwd")).string();
  size_t kernels = 0;
  for (auto _ : state) {
    if (traced) {
      SqliteTracer tracer(trace_path);
      TracerScope scope(tracer);
      tracer.begin_run(RunInfo{"schedule", name, program.source(), {}, "bench"});
      kernels = schedule_program(program).kernels.size();
      tracer.end_run(true);
      tracer.close();
    } else {
      kernels = schedule_program(program).kernels.size();
    }
  }
  state.counters["kernels"] = double(kernels);
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
  for (const char* p : kPrograms) {
    benchmark::RegisterBenchmark((std::string("warm/") + p).c_str(), warm, std::string(p), false)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark((std::string("warm_traced/") + p).c_str(), warm, std::string(p), true)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark((std::string("cold/") + p).c_str(), cold, std::string(p))->Unit(benchmark::kMillisecond);
  }
  return 0;
}
const int registered = register_all();

}  // namespace
}  // namespace rw

BENCHMARK_MAIN();
