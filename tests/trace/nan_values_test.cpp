// A kernel that computes NaN must not cost the trace anything: SQLite would store a NaN as
// NULL (refused by NOT NULL columns, losing the whole batch); the trace keeps it and reads it
// back as NaN.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/trace/sqlite_tracer.h"
#include "engine/trace/trace_reader.h"
#include "tests/trace/trace_test_util.h"

namespace rw::testing {
namespace {

TEST(TraceValues, ANanCheckIsKeptAndReadBackAsNan) {
  auto path = (temp_dir("nan") / "t.rwd").string();
  {
    SqliteTracer t(path);
    RunInfo info;
    info.command = "run";
    t.begin_run(info);
    t.on_check({"r_6", "y", false, NAN, 0.5, 6, 0, NAN, 1.0, "6 of 6 elements differ"});
    t.end_run(false);
    t.close();
  }
  TraceReader reader(path);
  ASSERT_EQ(reader.runs().size(), 1u);
  std::vector<CheckRow> checks = reader.checks(reader.runs()[0].id);
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_TRUE(std::isnan(checks[0].got));
  EXPECT_EQ(checks[0].want, 1.0);
  EXPECT_EQ(checks[0].mismatches, 6);
}

}  // namespace
}  // namespace rw::testing
