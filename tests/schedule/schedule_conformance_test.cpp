// Every shared conformance case and benchmark program is scheduled with verification on; the
// graph after every pass and the final kernels must give the expected outputs, and the kernel
// counts must not exceed tinygrad's rangeify scheduler (bench/README.md, column R1).
#include <gtest/gtest.h>

#include <map>

#include "tests/schedule/schedule_check.h"

namespace rw::test {
namespace {

const std::filesystem::path kShared = REWIND_SHARED_DIR;

const std::vector<std::string> kPasses = {"early cleanups", "realize decisions", "rangeify", "symbolic", "bufferize to store", "split kernels"};

void expect_green(const std::filesystem::path& dir, const CaseCheck& c) {
  ASSERT_TRUE(c.error.empty()) << dir.filename() << "\n" << describe(c);
  ASSERT_EQ(c.passes.size(), kPasses.size()) << describe(c);
  for (size_t i = 0; i < kPasses.size(); ++i) {
    EXPECT_EQ(c.passes[i].pass, kPasses[i]);
    EXPECT_TRUE(c.passes[i].ok) << dir.filename() << " after " << c.passes[i].pass << "\n" << describe(c);
  }
  EXPECT_TRUE(c.final_ok) << dir.filename() << "\n" << describe(c);
}

ScheduleOptions verified() {
  ScheduleOptions o;
  o.verify = true;
  return o;
}

TEST(ScheduleConformance, EveryPassOfEverySharedCase) {
  auto cases = find_cases(kShared / "conformance");
  ASSERT_EQ(cases.size(), 21u);
  for (const auto& dir : cases) expect_green(dir, check_case(dir, verified()));
}

TEST(ScheduleConformance, EveryPassOfEveryBenchmarkWithinTinygradKernelCounts) {
  const std::map<std::string, size_t> tinygrad_r1 = {
      {"elementwise", 1}, {"sum_axis", 1}, {"max_reduce", 1}, {"softmax", 2}, {"matmul64", 1}, {"matmul256", 1}, {"conv2d", 1},
      {"pad_reduce", 1}, {"broadcast", 1}, {"layernorm", 2}, {"attention", 4}, {"cumsum", 2}, {"mlp", 2}};
  auto cases = find_cases(kShared / "bench");
  ASSERT_EQ(cases.size(), tinygrad_r1.size());
  for (const auto& dir : cases) {
    CaseCheck c = check_case(dir, verified());
    expect_green(dir, c);
    EXPECT_LE(c.schedule.kernels.size(), tinygrad_r1.at(dir.filename().string())) << dir.filename() << "\n" << describe(c);
    EXPECT_GE(c.schedule.kernels.size(), 1u);
  }
}

TEST(ScheduleConformance, KernelNamesFollowTheAstContract) {
  CaseCheck c = check_case(kShared / "bench" / "sum_axis", verified());
  ASSERT_EQ(c.schedule.kernels.size(), 1u) << describe(c);
  EXPECT_EQ(c.schedule.kernels[0].name.substr(0, 2), "r_");
  CaseCheck e = check_case(kShared / "bench" / "elementwise", verified());
  ASSERT_EQ(e.schedule.kernels.size(), 1u) << describe(e);
  EXPECT_EQ(e.schedule.kernels[0].name.substr(0, 2), "E_");
  EXPECT_FALSE(e.schedule.kernels[0].computes.empty());
}

TEST(ScheduleConformance, OtherFusionPoliciesStayCorrect) {
  for (std::string policy : {"conservative", "none"}) {
    ScheduleOptions o = verified();
    o.fusion = policy;
    for (std::string name : {"softmax", "layernorm", "cumsum"}) {
      CaseCheck c = check_case(kShared / "bench" / name, o);
      expect_green(kShared / "bench" / name, c);
    }
  }
}

}  // namespace
}  // namespace rw::test
