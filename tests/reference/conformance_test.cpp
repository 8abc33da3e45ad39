// The reference interpreter must pass every shared conformance case and every benchmark
// program on its own: it is the oracle everything else is checked against.
#include <gtest/gtest.h>

#include "engine/runtime/conformance.h"

namespace rw {
namespace {

const std::filesystem::path kShared = REWIND_SHARED_DIR;

void expect_all_pass(const std::filesystem::path& dir, size_t expected_cases) {
  ConformanceReport report = run_conformance({dir}, reference_evaluator());
  for (const CaseResult& r : report.results) EXPECT_TRUE(r.passed) << format_result(r);
  EXPECT_EQ(report.results.size(), expected_cases);
  EXPECT_EQ(report.summary(), std::to_string(expected_cases) + " passed, 0 failed");
}

TEST(ReferenceConformance, PassesEverySharedCase) { expect_all_pass(kShared / "conformance", 21); }

TEST(ReferenceConformance, PassesEveryBenchmarkProgram) { expect_all_pass(kShared / "bench", 13); }

}  // namespace
}  // namespace rw
