// FLOPs per run: the tensor graph's own (each elementwise op once per element, each reduce
// once per input element) against what the kernels executed, logged through the tracer and
// shown by the report, so recomputation is visible: overfusion.tg with the recompute rule off
// executes its transcendentals over and over, once per block of output columns.
#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>

#include "engine/ir/arena.h"
#include "engine/ir/graph_flops.h"
#include "engine/runtime/compiled_program.h"
#include "engine/trace/report.h"
#include "engine/trace/sqlite_tracer.h"

namespace rw {
namespace {

const std::filesystem::path kOverfusion = std::filesystem::path(REWIND_SOURCE_DIR) / "resources/examples/overfusion.tg";

std::filesystem::path temp_trace(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("rewind-flops-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir / name;
}

TEST(RunFlops, GraphCountsEachOpOncePerElementAndReducesPerInputElement) {
  Arena arena;
  // ones() is a broadcast constant: no FLOPs. MUL and ADD on (4, 8): 32 each; the sum reads
  // 32 elements; the final MUL is on (4,): 4. Total 100.
  Program p = build_program(arena, "x = ones(4, 8)\ny = (x * 3 + 1).sum(axis=1) * 2\noutput(y)\n", "flops.tg", ".");
  EXPECT_EQ(graph_flops(p.sink()), 32 + 32 + 32 + 4);
}

TEST(RunFlops, LogLineRoundTrips) {
  RunFlops f{8388608, 4227072};
  auto back = parse_run_flops(format_run_flops(f));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->executed, f.executed);
  EXPECT_EQ(back->graph, f.graph);
  EXPECT_FALSE(parse_run_flops("flops: executed 12, tensor graph"));
  EXPECT_FALSE(parse_run_flops("scheduled 3 kernels"));
  EXPECT_EQ(describe_run_flops(f), "8.39 MFLOP executed, tensor graph 4.23 MFLOP (1.98x the graph's)");
}

CompiledRun run(Program& p, int64_t threshold) {
  CompiledOptions o;
  o.schedule.recompute_threshold = threshold;
  o.run.warmup = 0;
  o.run.iterations = 1;
  return run_compiled(p, o);
}

TEST(RunFlops, RecomputationShowsAsExecutedAboveTheGraph) {
  Arena arena;
  Program p = load_program(arena, kOverfusion);
  CompiledRun fused = run(p, 0), split = run(p, kDefaultRecomputeThreshold);
  EXPECT_TRUE(fused.failures().empty());
  EXPECT_TRUE(split.failures().empty());
  EXPECT_EQ(fused.flops.graph, split.flops.graph);
  // Realized, every op runs about once per element (codegen adds a constant or two).
  EXPECT_NEAR(double(split.flops.executed), double(split.flops.graph), 0.001 * double(split.flops.graph));
  // Fused, a's eight ops per element run once per output column; codegen's upcast shares
  // them between 4 columns, so 512 / 4 = 128 times over: 8 * 4096 * 127 more FLOPs.
  EXPECT_GE(fused.flops.executed - split.flops.executed, 8 * 4096 * 127);
  EXPECT_GT(double(fused.flops.executed), 1.9 * double(fused.flops.graph));
}

TEST(RunFlops, TheReportShowsExecutedAgainstGraphFlops) {
  auto path = temp_trace("overfusion.rwd");
  {
    Arena arena;
    Program p = load_program(arena, kOverfusion);
    SqliteTracer tracer(path.string());
    TracerScope scope(tracer);
    tracer.begin_run({"run", kOverfusion.string(), p.source(), {{"recompute-threshold", "0"}}, "test"});
    CompiledRun r = run(p, 0);
    tracer.end_run(r.failures().empty());
    tracer.close();
    TraceReader reader(path.string());
    std::string text = report_text(reader);
    EXPECT_NE(text.find("FLOPs: " + describe_run_flops(r.flops)), std::string::npos) << text;
    std::string json = report_json(reader);
    EXPECT_NE(json.find("\"flops\":{\"executed\":" + std::to_string(r.flops.executed) + ",\"tensor_graph\":" + std::to_string(r.flops.graph) + "}"),
              std::string::npos)
        << json;
  }
  std::filesystem::remove_all(path.parent_path());
}

}  // namespace
}  // namespace rw
