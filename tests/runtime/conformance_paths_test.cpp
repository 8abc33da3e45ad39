// Every public conformance and bench program through the whole compiled pipeline, with the
// kernels run by each executor: the LLVM JIT and the linear evaluator (which runs each
// kernel's linear UOps in order, independent of LLVM). Every realized buffer — intermediates
// too — is checked against the reference interpreter, and every output against numpy's.
#include <gtest/gtest.h>

#include "engine/runtime/compiled_program.h"

namespace rw {
namespace {

void expect_all_pass(const std::string& suite, Executor executor, const std::string& fusion) {
  CompiledOptions options;
  options.run.executor = executor;
  options.schedule.fusion = fusion;
  ConformanceReport report = run_conformance({std::string(REWIND_SHARED_DIR) + "/" + suite}, compiled_evaluator(options));
  ASSERT_FALSE(report.results.empty());
  for (const CaseResult& r : report.results) EXPECT_TRUE(r.passed) << format_result(r);
}

TEST(ConformancePaths, LinearEvaluatorRunsEveryConformanceKernel) { expect_all_pass("conformance", Executor::Linear, "rangeify"); }
TEST(ConformancePaths, LinearEvaluatorRunsEveryBenchKernel) { expect_all_pass("bench", Executor::Linear, "rangeify"); }

class EveryPolicy : public ::testing::TestWithParam<std::string> {};
TEST_P(EveryPolicy, CompiledConformance) { expect_all_pass("conformance", Executor::Llvm, GetParam()); }
TEST_P(EveryPolicy, CompiledBench) { expect_all_pass("bench", Executor::Llvm, GetParam()); }
INSTANTIATE_TEST_SUITE_P(Fusion, EveryPolicy, ::testing::Values("rangeify", "conservative", "none"));

TEST(ConformancePaths, AWrongKernelFailsTheCaseNamingIt) {
  // render-index breaks one address in the LLVM IR: the case fails with the kernel named.
  CompiledOptions options;
  options.run.codegen.faults = FaultSet::parse("render-index");
  CaseResult r = run_case(std::string(REWIND_SHARED_DIR) + "/conformance/softmax", compiled_evaluator(options));
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.message.find("kernel r_6_10_10n1 wrote buffer y wrong"), std::string::npos) << r.message;
  EXPECT_NE(r.message.find(" wrong"), std::string::npos) << r.message;
}

}  // namespace
}  // namespace rw
