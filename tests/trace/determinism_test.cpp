// The same run traced twice gives the same rows in every table, apart from times (and the
// cut of node and step blocks).
#include <gtest/gtest.h>

#include "engine/trace/schema.h"
#include "engine/trace/sqlite_tracer.h"
#include "tests/trace/trace_test_util.h"

namespace rw {
namespace {

void traced_run(const std::string& path, size_t batch_records) {
  Arena a;
  testing::FoldRules rules;
  std::vector<testing::Step> log;
  SqliteTracerOptions opts;
  opts.batch_records = batch_records;
  opts.checkpoint_min_spacing = 8;
  SqliteTracer t(path, opts);
  t.begin_run({"simplify", "p.tg", "text", {{"a", "b"}}, "v"});
  for (uint32_t seed : {1u, 2u}) {
    UOpPtr in = testing::random_expression(a, seed, 200);
    t.begin_pass("fold", "rewrite", in);
    testing::Folder f(t, rules, log);
    UOpPtr out = f.rewrite(in);
    t.on_decision({out, "realize", "output", ""});
    t.end_pass(out, true, {}, f.rule_stats());
  }
  t.on_kernel({"E_1", a.sink({a.var("x", 0, 3)}), "l", "c", "ll", 1.0, 1, 2, {}});
  t.on_timing({"E_1", 3, 1.0, 2.0});
  t.on_check({"E_1", "out", true, 0, 0, 0, -1, 0, 0, ""});
  t.on_buffer({"o", "output", "int32", {1}, std::string(4, '\0'), "", ""});
  t.log(LogLevel::Info, "done");
  t.end_run(true);
  t.close();
}

// Batch boundaries depend on timing in real runs (a batch is also cut after 100 ms), so the
// two runs cut their batches at different places.
TEST(Determinism, SameRunGivesSameRowsApartFromTimes) {
  auto dir = testing::temp_dir("determinism");
  traced_run((dir / "a.rwd").string(), 37);
  traced_run((dir / "b.rwd").string(), 100000);
  Db a((dir / "a.rwd").string(), SQLITE_OPEN_READONLY), b((dir / "b.rwd").string(), SQLITE_OPEN_READONLY);
  const std::vector<std::string> times = {"runs.start_time_ns", "runs.end_time_ns", "passes.begin_time_ns",
                                          "passes.end_time_ns", "logs.time_ns"};
  size_t total = 0;
  for (std::string_view t : required_tables()) {
    // Block boundaries follow batch boundaries; their content is compared through the
    // `uops` and `steps` views.
    if (t.ends_with("_blocks")) continue;
    // meta's only varying row is created_at.
    std::string from = t == "meta" ? "(SELECT * FROM meta WHERE key != 'created_at')" : std::string(t);
    auto ra = testing::dump_table(a.handle(), from, times);
    auto rb = testing::dump_table(b.handle(), from, times);
    EXPECT_EQ(ra, rb) << "table " << t;
    total += ra.size();
  }
  EXPECT_GT(total, 300u);
}

}  // namespace
}  // namespace rw
