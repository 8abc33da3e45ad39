// Injected faults: on every conformance case and benchmark program, the stage evaluator turns
// red exactly from the pass where the faulty rule fired (rangeify, the nested pass inside it
// being where the rule lives) and stays red; where the faulty rule never fires every pass
// stays green.
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

// Returns how many cases the fault changed.
int check_every_case(const std::string& fault) {
  int red = 0;
  for (auto sub : {"conformance", "bench"})
    for (const auto& dir : find_cases(kShared / sub)) {
      CaseCheck c = with_fault(dir, fault);
      EXPECT_TRUE(c.error.empty()) << dir.filename() << ": " << c.error;
      std::string where = dir.filename().string() + " with " + fault + "\n" + describe(c);
      if (c.fault_steps.empty()) {
        EXPECT_EQ(c.first_red(), "") << where;
        EXPECT_TRUE(c.final_ok) << where;
        continue;
      }
      ++red;
      for (const std::string& pass : c.fault_steps) EXPECT_EQ(pass, "rangeify") << where;
      EXPECT_EQ(c.first_red(), "rangeify") << where;
      bool after = false;
      for (const PassCheck& p : c.passes) {
        after |= p.pass == "rangeify";
        if (after) {
          EXPECT_FALSE(p.ok) << p.pass << " of " << where;
        }
      }
      EXPECT_FALSE(c.final_ok) << where;
    }
  return red;
}

TEST(ScheduleFaults, PadMaskTurnsRedFromRangeifyWhereItFires) {
  int red = check_every_case("pad-mask");
  EXPECT_GE(red, 3);  // pad_sum, pad_reduce, cumsum at least
  CaseCheck c = with_fault(kShared / "bench" / "pad_reduce", "pad-mask");
  EXPECT_FALSE(c.fault_steps.empty());
  EXPECT_TRUE(with_fault(kShared / "bench" / "elementwise", "pad-mask").fault_steps.empty());
}

TEST(ScheduleFaults, ShrinkOffsetTurnsRedFromRangeifyWhereItFires) {
  int red = check_every_case("shrink-offset");
  EXPECT_GE(red, 1);
  EXPECT_FALSE(with_fault(kShared / "conformance" / "shrink_flip", "shrink-offset").fault_steps.empty());
}

}  // namespace
}  // namespace rw::test
