// Traces written by earlier schema versions stay readable: one committed fixture per version.
#include <gtest/gtest.h>

#include "engine/trace/schema.h"
#include "engine/trace/trace_reader.h"
#include "tests/trace/fixture_run.h"

namespace rw {
namespace {

const std::string kFixtureV1 = std::string(REWIND_FIXTURE_DIR) + "/trace-v1.rwd";

TEST(Fixture, DISABLED_Regenerate) {
  testing::write_fixture_run(std::string(REWIND_FIXTURE_DIR) + "/trace-v" + std::to_string(kSchemaVersion) + ".rwd");
}

}  // namespace
}  // namespace rw

namespace rw {
namespace {

TEST(Fixture, V1ReadsBackItsRun) {
  TraceReader r(kFixtureV1);
  EXPECT_EQ(r.meta().schema_version, 1);
  EXPECT_EQ(r.meta().compatible_version, 1);
  EXPECT_EQ(r.meta().engine_version, "0.1.0");
  EXPECT_EQ(r.meta().created_at, "2026-11-27T09:43:13Z");
  auto runs = r.runs();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].command, "schedule");
  EXPECT_EQ(runs[0].program_path, "examples/index.tg");
  EXPECT_EQ(runs[0].program_text, "x = arange(16).reshape(4, 4)\ny = x.T + 0\noutput(y)\n");
  EXPECT_EQ(runs[0].options, (std::vector<std::pair<std::string, std::string>>{{"fusion", "rangeify"}, {"opt", "all"}}));
  EXPECT_EQ(runs[0].ok, false);

  auto passes = r.passes(1);
  ASSERT_EQ(passes.size(), 3u);
  EXPECT_EQ(passes[0].name, "schedule");
  EXPECT_EQ(passes[0].children, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(passes[1].name, "fold");
  EXPECT_EQ(passes[1].step_count, 12);
  EXPECT_EQ(passes[1].input_root, 60);
  EXPECT_EQ(passes[1].output_root, 93);
  EXPECT_EQ(passes[2].ok, false);
  EXPECT_EQ(passes[2].error, "unsupported: DEFINE_VAR y has no buffer at examples/index.tg:2:5");

  auto steps = r.steps(2, 0, 2);
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].rule_text, "x+0 -> x");
  EXPECT_EQ(steps[0].matched, 4);
  EXPECT_EQ(steps[0].replacement, 1);
  EXPECT_EQ(steps[0].bound, (std::vector<BoundRow>{{"x", 1}}));
  EXPECT_EQ(steps[1].matched, 64);

  auto rules = r.rules(1);
  ASSERT_EQ(rules.size(), 3u);
  EXPECT_EQ(rules[0].text, "x+0 -> x");
  EXPECT_EQ(rules[0].fire_count, 6);
  EXPECT_EQ(rules[1].fire_count, 5);
  EXPECT_EQ(rules[2].text, "(x*c1)*c2 -> x*(c1*c2)");
  EXPECT_EQ(rules[2].line, 42);

  auto n4 = r.node(1, 4);
  ASSERT_TRUE(n4);
  EXPECT_EQ(n4->op, "ADD");
  EXPECT_EQ(n4->srcs, (std::vector<int64_t>{1, 3}));
  EXPECT_EQ(n4->vmin, 0);
  EXPECT_EQ(n4->vmax, 7);
  EXPECT_EQ(n4->hash, uint64_t(-5946498673156486146));
  auto x = r.node(1, 0);
  ASSERT_TRUE(x);
  EXPECT_EQ(x->provenance, "examples/index.tg:1:5");

  EXPECT_EQ(r.checkpoints(2).size(), 3u);
  GraphAt end = r.graph_at(2, 12);
  EXPECT_EQ(end.root, 93);  // the checkpoint's stand-in resolves to the output stored later
  EXPECT_EQ(end.nodes.back().op, "SINK");
  EXPECT_EQ(end.nodes.size(), 27u);
  GraphAt mid = r.graph_at(2, 6);
  EXPECT_EQ(mid.from_checkpoint_step, 4);
  EXPECT_EQ(mid.matched, r.step(2, 6)->matched);

  auto ks = r.kernels(1);
  ASSERT_EQ(ks.size(), 2u);
  EXPECT_EQ(ks[0].name, "E_4_4");
  EXPECT_EQ(ks[0].ast_root, 93);
  EXPECT_EQ(ks[0].computes, std::vector<int64_t>{77});
  EXPECT_EQ(r.timings(1).at(1).min_us, 4.25);
  EXPECT_EQ(r.checks(1).at(1).mismatches, 1);
  EXPECT_EQ(r.decisions(1).at(2).reason, "single_consumer");
  EXPECT_EQ(r.logs(1).at(0).level, "warning");
  auto bufs = r.buffers(1);
  ASSERT_EQ(bufs.size(), 2u);
  EXPECT_EQ(bufs[0].shape, (std::vector<int64_t>{4, 4}));
  EXPECT_EQ(bufs[0].sha256, "5d85718ec594b982c252d0279e5966ffca33a5eaf2a455038d3ab331fde70cea");
  ASSERT_TRUE(bufs[0].data);
  EXPECT_EQ(bufs[0].data->size(), 64u);
  EXPECT_EQ((*bufs[0].data)[20], char(5));
}

}  // namespace
}  // namespace rw
