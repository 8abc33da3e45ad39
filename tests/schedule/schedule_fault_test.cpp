// Injected faults: the stage evaluator turns red exactly from the pass where the faulty rule
// fired (rangeify), and stays green on programs the fault does not touch.
#include <gtest/gtest.h>

#include "tests/schedule/schedule_check.h"

namespace rw::test {
namespace {

const std::filesystem::path kShared = REWIND_SHARED_DIR;

CaseCheck with_fault(const std::filesystem::path& dir, const std::string& fault) {
  ScheduleOptions o;
  o.verify = true;
  o.faults = FaultSet::parse(fault);
  return check_case(dir, o);
}

void expect_red_from_rangeify(const std::filesystem::path& dir, const std::string& fault) {
  CaseCheck c = with_fault(dir, fault);
  ASSERT_TRUE(c.error.empty()) << describe(c);
  EXPECT_EQ(c.first_red(), "rangeify") << dir.filename() << " with " << fault << "\n" << describe(c);
  for (size_t i = 0; i < c.passes.size(); ++i)
    if (c.passes[i].pass != "early cleanups" && c.passes[i].pass != "realize decisions") EXPECT_FALSE(c.passes[i].ok) << c.passes[i].pass;
  EXPECT_FALSE(c.final_ok) << describe(c);
}

void expect_green(const std::filesystem::path& dir, const std::string& fault) {
  CaseCheck c = with_fault(dir, fault);
  EXPECT_EQ(c.first_red(), "") << dir.filename() << " with " << fault << "\n" << describe(c);
  EXPECT_TRUE(c.final_ok) << describe(c);
}

TEST(ScheduleFaults, PadMaskTurnsRedAtRangeify) {
  expect_red_from_rangeify(kShared / "bench" / "pad_reduce", "pad-mask");
  expect_red_from_rangeify(kShared / "conformance" / "pad_sum", "pad-mask");
}

TEST(ScheduleFaults, PadMaskLeavesProgramsWithoutPadsGreen) {
  expect_green(kShared / "bench" / "elementwise", "pad-mask");
  expect_green(kShared / "bench" / "matmul64", "pad-mask");
}

TEST(ScheduleFaults, ShrinkOffsetTurnsRedAtRangeify) { expect_red_from_rangeify(kShared / "conformance" / "shrink_flip", "shrink-offset"); }

TEST(ScheduleFaults, ShrinkOffsetLeavesProgramsWithoutShrinksGreen) {
  expect_green(kShared / "bench" / "elementwise", "shrink-offset");
  expect_green(kShared / "bench" / "softmax", "shrink-offset");
}

}  // namespace
}  // namespace rw::test
