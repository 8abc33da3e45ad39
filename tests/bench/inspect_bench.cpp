// Inspecting a large trace: one pass of 200k rewrites over a growing expression (the shape
// trace_bench writes), then the questions `rewind query` and `rewind diff` ask of it.
//
//   ./build/tests/bench/inspect_bench
//
// Setup (writing the trace) is not timed. Each benchmark opens a fresh reader, so its time
// includes decoding the blocks it needs, as a CLI invocation would.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "engine/inspect/graph_diff.h"
#include "engine/inspect/node_history.h"
#include "engine/inspect/node_search.h"
#include "engine/ir/arena.h"
#include "engine/trace/sqlite_tracer.h"

namespace rw {
namespace {

constexpr int64_t kSteps = 200'000;

const RuleInfo kRules[2] = {
    {"x+c -> x*c", "ADD(x, c:CONST)", "bench", "tests/bench/inspect_bench.cpp", 20},
    {"x+c -> x*c (again)", "ADD(x, c:CONST)", "bench", "tests/bench/inspect_bench.cpp", 21},
};

// Step i matches cur+c (new) and replaces it by cur*c (new), which becomes cur.
const std::string& trace_path() {
  static const std::string path = [] {
    auto p = (std::filesystem::temp_directory_path() / "rewind-inspect-bench.rwd").string();
    std::filesystem::remove(p);
    Arena a;
    SqliteTracer t(p);
    t.begin_run({"bench", "", "", {}, "bench"});
    UOpPtr cur = a.var("x", 0, 1023);
    t.begin_pass("synthetic", "rewrite", cur);
    for (int64_t i = 0; i < kSteps; ++i) {
      UOpPtr c = a.index_const(i % 64 + 2);
      UOpPtr matched = cur->add(c);
      UOpPtr replacement = cur->mul(c);
      Binding b[] = {{"x", cur}, {"c", c}};
      t.on_rewrite(RewriteEvent{&kRules[i % 2], matched, b, replacement, 250});
      cur = replacement;
    }
    t.end_pass(cur, true);
    t.end_run(true);
    t.close();
    return p;
  }();
  return path;
}

void BM_LoadRunSteps(benchmark::State& state) {
  const std::string& path = trace_path();
  for (auto _ : state) {
    TraceReader r(path);
    benchmark::DoNotOptimize(load_run_steps(r, 1).steps.size());
  }
}

// A node built half-way through the pass: its creating step is found early, and the pass's
// last graph (200k nodes deep) shows it was never removed.
void BM_NodeHistoryMidPass(benchmark::State& state) {
  const std::string& path = trace_path();
  int64_t node = 0;
  {
    TraceReader r(path);
    node = r.step(1, kSteps / 2)->replacement;  // the only pass: id 1
  }
  for (auto _ : state) {
    TraceReader r(path);
    NodeHistory h = node_history(r, 1, node);
    if (h.origin != Origin::Step) state.SkipWithError("expected a node created by a step");
    benchmark::DoNotOptimize(h.removed_by.has_value());
  }
}

void BM_FindByOp(benchmark::State& state) {
  const std::string& path = trace_path();
  for (auto _ : state) {
    TraceReader r(path);
    NodeQuery q;
    q.op = "ADD";
    q.limit = 10;
    benchmark::DoNotOptimize(find_nodes(r, 1, q).total);
  }
}

void BM_FindByRule(benchmark::State& state) {
  const std::string& path = trace_path();
  for (auto _ : state) {
    TraceReader r(path);
    NodeQuery q;
    q.rule = "(again)";
    q.limit = 10;
    benchmark::DoNotOptimize(find_nodes(r, 1, q).total);
  }
}

// Two snapshots 1000 steps apart near the end of the pass: 200k nodes each.
void BM_DiffTwoSteps(benchmark::State& state) {
  const std::string& path = trace_path();
  for (auto _ : state) {
    TraceReader r(path);
    GraphAt a = r.graph_at(1, kSteps - 1000), b = r.graph_at(1, kSteps);
    GraphDiff d = diff_graphs(a.nodes, a.root, b.nodes, b.root);
    benchmark::DoNotOptimize(d.added_roots.size());
  }
}

BENCHMARK(BM_LoadRunSteps)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NodeHistoryMidPass)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FindByOp)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FindByRule)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DiffTwoSteps)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace rw

BENCHMARK_MAIN();
