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
// `program` is under the shared folder, or under resources/examples when it ends in .tg
// without a folder.
std::filesystem::path program_file(const std::string& program) {
  if (program.find('/') == std::string::npos) return std::filesystem::path(REWIND_SOURCE_DIR) / "resources" / "examples" / program;
  return kShared / program;
}

void expect_fault_step(const std::string& program, const std::string& fault, const std::string& pass, bool checked = false) {
  auto trace = temp_trace(std::filesystem::path(program).parent_path().filename().string() + std::filesystem::path(program).stem().string() + "-" + fault);
  ASSERT_FALSE(trace_run(program_file(program), fault, trace, {}, checked)) << program << " is not changed by " << fault;
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

TEST(Bisect, DivDropRemainderIsTheFaultyStepOfANestedPass) {
  // The faulty symbolic rule fires inside rangeify's nested "reshape index" passes: bisect
  // finds the wrong rangeify step, then the nested step that changed its expression's value.
  expect_fault_step("conformance/permute_reshape/program.tg", "div-drop-remainder", "reshape index");
  expect_fault_step("bench/cumsum/program.tg", "div-drop-remainder", "reshape index");
}

TEST(Bisect, ReduceMaxZeroIsTheFaultyLoweringStep) {
  expect_fault_step("log_prob_max.tg", "reduce-max-zero", "lower reduce");
  expect_fault_step("softmax_cold.tg", "reduce-max-zero", "lower reduce");
}

// mod-stale-bound fires harmlessly first (the first node per divisor is decided right); bisect
// must name the later, harmful firing.
TEST(Bisect, ALateFaultIsNamedAtItsHarmfulFiringNotItsFirst) {
  for (std::string program : {"conformance/attention/program.tg", "conformance/conv2d/program.tg"}) {
    auto trace = temp_trace("late-" + std::filesystem::path(program).parent_path().filename().string());
    ASSERT_FALSE(trace_run(kShared / program, "mod-stale-bound", trace, {}, true));
    TraceReader reader(trace.string());
    BisectResult r = bisect(reader);
    ASSERT_EQ(r.verdict, BisectVerdict::WrongStep) << program << "\n" << explain(r);
    EXPECT_TRUE(r.rule.starts_with("FAULT mod-stale-bound")) << r.rule;
    // The trace's first firing of the faulty rule, in pass order (passes begin in id order).
    std::optional<std::pair<int64_t, int64_t>> first;
    for (const PassRow& p : reader.passes(r.run_id))
      for (const StepRow& s : reader.steps(p.id))
        if (!first && s.rule_text.starts_with("FAULT mod-stale-bound")) first = std::make_pair(p.id, s.step);
    ASSERT_TRUE(first);
    EXPECT_NE(std::make_pair(r.culprit->pass_id, r.culprit->step), *first) << program << ": bisect named the first, harmless firing";
    EXPECT_GE(std::make_pair(r.culprit->pass_id, r.culprit->step), *first);
  }
}

TEST(Bisect, AccResetInLoopIsTheLinearizer) {
  for (std::string program : {"conformance/softmax/program.tg", "conformance/sum_axis/program.tg"}) {
    auto trace = temp_trace("linearize-" + std::filesystem::path(program).parent_path().filename().string());
    ASSERT_FALSE(trace_run(kShared / program, "acc-reset-in-loop", trace));
    TraceReader reader(trace.string());
    BisectResult r = bisect(reader);
    ASSERT_EQ(r.verdict, BisectVerdict::Linearize) << program << "\n" << explain(r);
    ASSERT_TRUE(r.culprit);
    EXPECT_EQ(r.culprit->pass, "codegen " + r.kernel);
    ASSERT_TRUE(r.diff);
    EXPECT_GT(r.diff->mismatches, 0);
  }
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
                                {"conformance/elementwise/program.tg", "div-drop-remainder"},
                                {"conformance/elementwise/program.tg", "mod-stale-bound"},
                                {"conformance/elementwise/program.tg", "reduce-max-zero"},
                                {"conformance/elementwise/program.tg", "acc-reset-in-loop"},
                                {"conformance/matmul/program.tg", "reduce-max-zero"},
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
