// The example programs tell stories in their comments; these tests keep the stories true.
#include <gtest/gtest.h>

#include "engine/debug/bisect.h"
#include "engine/schedule/schedule_program.h"
#include "tests/debug/traced_run.h"

namespace rw::test {
namespace {

const std::filesystem::path kExamples = std::filesystem::path(REWIND_SOURCE_DIR) / "resources" / "examples";

std::string reason_of(const Schedule& s, const std::string& buffer) {
  for (const ScheduleBuffer& b : s.buffers)
    if (b.name == buffer) return b.reason;
  return "";
}

TEST(Examples, PaddedReduceIsOneMaskedKernelAndBisectFindsTheBrokenMask) {
  Arena arena;
  Program p = load_program(arena, kExamples / "padded_reduce.tg");
  Schedule s = schedule_program(p);
  ASSERT_EQ(s.kernels.size(), 1u);
  auto trace = temp_trace("example-padded");
  ASSERT_FALSE(trace_run(kExamples / "padded_reduce.tg", "pad-mask", trace));
  TraceReader reader(trace.string());
  BisectResult r = bisect(reader);
  ASSERT_EQ(r.verdict, BisectVerdict::WrongStep) << r.summary;
  EXPECT_TRUE(r.rule.starts_with("FAULT pad-mask")) << r.rule;
}

TEST(Examples, TwoConsumersMakeABufferForChildrenThatDisagree) {
  Arena arena;
  Program p = load_program(arena, kExamples / "two_consumers.tg");
  Schedule s = schedule_program(p);
  ASSERT_EQ(s.kernels.size(), 2u);
  int mismatched = 0;
  for (const ScheduleBuffer& b : s.buffers) mismatched += b.reason == "children_mismatch";
  EXPECT_EQ(mismatched, 1);
  EXPECT_EQ(reason_of(s, "y"), "output");
}

TEST(Examples, UnsupportedStopsWithANamedErrorUnderATightLimit) {
  Arena arena;
  Program p = load_program(arena, kExamples / "unsupported.tg");
  EXPECT_EQ(schedule_program(p).kernels.size(), 1u);
  ScheduleOptions o;
  o.max_buffers = 2;
  try {
    schedule_program(p, o);
    FAIL() << "no error";
  } catch (const ScheduleError& e) {
    EXPECT_NE(std::string(e.what()).find("unsupported: this op alone reads 3 buffers, more than --max-buffers 2"), std::string::npos) << e.what();
    EXPECT_EQ(e.pass(), "realize decisions");
    ASSERT_TRUE(e.node());
    EXPECT_EQ(e.node()->op, Op::WHERE);
  }
}

}  // namespace
}  // namespace rw::test
