// rewind bisect on traces with injected faults: it judges values only, yet must name the
// step where the faulty rule fired (the rule text starts with "FAULT <name>"), or the kernel
// whose rendering is wrong, and must call a run the fault did not change correct.
#include <gtest/gtest.h>

#include "engine/debug/bisect.h"
#include "tests/debug/traced_run.h"

namespace rw::test {
namespace {

BisectResult bisect_case(const std::string& program, const std::string& fault, bool expect_ok = false) {
  auto trace = temp_trace(std::filesystem::path(program).parent_path().filename().string() + "-" + fault);
  EXPECT_EQ(trace_run(kShared / program, fault, trace), expect_ok) << program << " with " << fault;
  TraceReader reader(trace.string());
  return bisect(reader);
}

std::string explain(const BisectResult& r) {
  std::string s = std::string(verdict_name(r.verdict)) + ": " + r.summary + "\n";
  for (const std::string& t : r.trail) s += "  " + t + "\n";
  return s;
}

// The culprit names a step of the trace itself: reading that step back gives the rule.
void expect_fault_step(const std::string& program, const std::string& fault, const std::string& pass) {
  auto trace = temp_trace(std::filesystem::path(program).parent_path().filename().string() + "-" + fault);
  ASSERT_FALSE(trace_run(kShared / program, fault, trace)) << program << " is not changed by " << fault;
  TraceReader reader(trace.string());
  BisectResult r = bisect(reader);
  ASSERT_EQ(r.verdict, BisectVerdict::WrongStep) << program << "\n" << explain(r);
  ASSERT_TRUE(r.culprit);
  EXPECT_EQ(r.culprit->pass, pass) << explain(r);
  EXPECT_TRUE(r.rule.starts_with("FAULT " + fault)) << program << ": blamed '" << r.rule << "'\n" << explain(r);
  std::optional<StepRow> step = reader.step(r.culprit->pass_id, r.culprit->step);
  ASSERT_TRUE(step) << "the culprit is not a step of the trace";
  EXPECT_EQ(step->rule_text, r.rule);
  ASSERT_TRUE(r.last_right);
  EXPECT_FALSE(r.before.empty());
  EXPECT_FALSE(r.after.empty());
  ASSERT_TRUE(r.diff);
  EXPECT_FALSE(r.diff->ok);
}

TEST(Bisect, PadMaskIsTheFaultyRangeifyStep) {
  expect_fault_step("conformance/pad_sum/program.tg", "pad-mask", "rangeify");
  expect_fault_step("conformance/conv2d/program.tg", "pad-mask", "rangeify");
  expect_fault_step("bench/pad_reduce/program.tg", "pad-mask", "rangeify");
}

TEST(Bisect, ShrinkOffsetIsTheFaultyRangeifyStep) {
  expect_fault_step("conformance/shrink_flip/program.tg", "shrink-offset", "rangeify");
  expect_fault_step("bench/cumsum/program.tg", "shrink-offset", "rangeify");
}

TEST(Bisect, ValuesThatDifferAreReported) {
  BisectResult r = bisect_case("bench/cumsum/program.tg", "shrink-offset");
  ASSERT_TRUE(r.diff);
  EXPECT_EQ(r.diff->buffer, "y");
  EXPECT_GT(r.diff->mismatches, 0);
  EXPECT_GE(r.diff->first_bad_index, 0);
  EXPECT_NE(r.diff->got, r.diff->want);
}

TEST(Bisect, RenderIndexIsAfterTheGraph) {
  for (std::string program : {"conformance/softmax/program.tg", "conformance/matmul/program.tg"}) {
    auto trace = temp_trace("render-" + std::filesystem::path(program).parent_path().filename().string());
    ASSERT_FALSE(trace_run(kShared / program, "render-index", trace));
    TraceReader reader(trace.string());
    BisectResult r = bisect(reader);
    ASSERT_EQ(r.verdict, BisectVerdict::AfterGraph) << program << "\n" << explain(r);
    // The kernel blamed is the first kernel whose compiled output the trace's checks fail.
    std::string failing;
    for (const CheckRow& c : reader.checks(r.run_id))
      if (!c.ok && failing.empty()) failing = c.kernel;
    EXPECT_EQ(r.kernel, failing) << explain(r);
    ASSERT_TRUE(r.culprit);
    EXPECT_EQ(r.culprit->pass, "codegen " + r.kernel);
  }
}

TEST(Bisect, ARunTheFaultDoesNotChangeIsCorrect) {
  for (auto [program, fault] : {std::pair<std::string, std::string>{"conformance/elementwise/program.tg", "pad-mask"},
                                {"conformance/softmax/program.tg", "shrink-offset"},
                                {"conformance/where_unary/program.tg", ""}}) {
    BisectResult r = bisect_case(program, fault, true);
    EXPECT_EQ(r.verdict, BisectVerdict::Correct) << program << " " << fault << "\n" << explain(r);
    EXPECT_FALSE(r.culprit);
  }
}

TEST(Bisect, ReportsProgress) {
  auto trace = temp_trace("progress");
  ASSERT_FALSE(trace_run(kShared / "conformance/pad_sum/program.tg", "pad-mask", trace));
  TraceReader reader(trace.string());
  std::vector<std::pair<int, int>> seen;
  BisectOptions o;
  o.progress = [&](int done, int total, const std::string&) { seen.emplace_back(done, total); };
  BisectResult r = bisect(reader, o);
  ASSERT_GE(seen.size(), 3u);
  for (size_t i = 1; i < seen.size(); ++i) EXPECT_GE(seen[i].first, seen[i - 1].first);
  for (auto [done, total] : seen) EXPECT_LT(done, total);
  EXPECT_EQ(r.evaluated, int(r.trail.size()));
}

TEST(Bisect, UnknownRunIsAClearError) {
  auto trace = temp_trace("unknown-run");
  trace_run(kShared / "conformance/elementwise/program.tg", "", trace);
  TraceReader reader(trace.string());
  BisectOptions o;
  o.run_id = 7;
  try {
    bisect(reader, o);
    FAIL() << "no error";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("has no run 7; its runs are 1"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace rw::test
