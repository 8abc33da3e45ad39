#include "engine/trace/report.h"

#include <gtest/gtest.h>

#include "engine/trace/sqlite_db.h"

namespace rw {
namespace {

const std::string kFixture = std::string(REWIND_FIXTURE_DIR) + "/trace-v1.rwd";

TEST(Report, TextShowsRunPassTreeRulesKernelsAndErrors) {
  TraceReader r(kFixture);
  std::string t = report_text(r, {.top_rules = 2});
  for (const char* want : {"schema v1, engine 0.1.0", "Run 1: schedule examples/index.tg  [FAILED]", "options: fusion=rangeify opt=all",
                           "\n  schedule [group] 0 steps\n    fold [rewrite] 12 steps\n    lower [rewrite] 0 steps  FAILED: unsupported",
                           "  6  x+0 -> x  tests/trace/trace_test_util.h:40\n  5  x*1 -> x", "E_4_4  32 flops  128 bytes  compile 2.50 ms",
                           "r_4  min 4.25 us  median 5.00 us  (20 iterations)",
                           "r_4 out1  FAILED  1 mismatches, first at 3: got 6 want 4", "realize node 77: output - y is a program output",
                           "Errors:\n  pass lower failed: unsupported", "  r_4 output differs from the reference"})
    EXPECT_NE(t.find(want), std::string::npos) << "missing: " << want << "\n" << t;
  EXPECT_EQ(t.find("(x*c1)*c2"), std::string::npos) << "only the top 2 rules";
}

// JSON is checked by SQLite's own JSON parser, and values are read back through it.
std::string json_query(const std::string& json, const std::string& path) {
  Db db(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY);
  Stmt st(db, "SELECT json_valid(?1), json_extract(?1, ?2)");
  st.bind(1, json).bind(2, path);
  EXPECT_TRUE(st.step());
  EXPECT_EQ(st.i64(0), 1) << "invalid JSON: " << json;
  return st.text(1);
}

TEST(Report, JsonIsValidAndHoldsTheSameFacts) {
  TraceReader r(kFixture);
  std::string j = report_json(r);
  EXPECT_EQ(json_query(j, "$.meta.schema_version"), "1");
  EXPECT_EQ(json_query(j, "$.runs[0].command"), "schedule");
  EXPECT_EQ(json_query(j, "$.runs[0].options.fusion"), "rangeify");
  EXPECT_EQ(json_query(j, "$.runs[0].ok"), "0");
  EXPECT_EQ(json_query(j, "$.runs[0].passes[0].name"), "schedule");
  EXPECT_EQ(json_query(j, "$.runs[0].passes[0].children[0].name"), "fold");
  EXPECT_EQ(json_query(j, "$.runs[0].passes[0].children[0].steps"), "12");
  EXPECT_EQ(json_query(j, "$.runs[0].passes[0].children[1].error"), "unsupported: DEFINE_VAR y has no buffer at examples/index.tg:2:5");
  EXPECT_EQ(json_query(j, "$.runs[0].top_rules[0].fires"), "6");
  EXPECT_EQ(json_query(j, "$.runs[0].top_rules[2].text"), "(x*c1)*c2 -> x*(c1*c2)");
  EXPECT_EQ(json_query(j, "$.runs[0].kernels[1].name"), "r_4");
  EXPECT_EQ(json_query(j, "$.runs[0].timings[1].min_us"), "4.25");
  EXPECT_EQ(json_query(j, "$.runs[0].checks[1].ok"), "0");
  EXPECT_EQ(json_query(j, "$.runs[0].decisions[0].reason"), "input");
  EXPECT_EQ(json_query(j, "$.runs[0].errors[2]"), "r_4 output differs from the reference");
}

}  // namespace
}  // namespace rw
