// Randomized soundness of the symbolic simplifier (engine/rewrite/symbolic_fuzz.h).
#include <gtest/gtest.h>

#include "engine/rewrite/symbolic.h"
#include "engine/rewrite/symbolic_fuzz.h"

namespace rw {
namespace {

TEST(SymbolicFuzz, TenThousandRandomExpressionsKeepTheirValues) {
  FuzzReport report = fuzz_symbolic(20261127, 10000);
  EXPECT_EQ(report.cases, 10000);
  EXPECT_GE(report.evaluations, 10000 * 16);
  EXPECT_GT(report.rewrites, 10000);  // the simplifier did work, not just passed expressions through
  EXPECT_TRUE(report.ok()) << report.summary();
}

TEST(SymbolicFuzz, DeeperExpressionsOnWideRanges) {
  FuzzOptions options;
  options.gen.max_depth = 6;
  options.gen.num_vars = 2;
  options.gen.max_bound = 1000;
  options.gen.max_const = 64;
  FuzzReport report = fuzz_symbolic(7, 3000, options);
  EXPECT_TRUE(report.ok()) << report.summary();
}

TEST(SymbolicFuzz, ARunIsReproducibleFromItsSeed) {
  FuzzReport a = fuzz_symbolic(99, 50), b = fuzz_symbolic(99, 50);
  EXPECT_EQ(a.rewrites, b.rewrites);
  EXPECT_EQ(a.evaluations, b.evaluations);
}

TEST(SymbolicFuzz, AFailingCaseIsReproducibleAlone) {
  PatternMatcher wrong = PatternMatcher{rule("x//c -> x  (wrong)", UPat::var("x") / UPat::cvar("c"),
                                             [](const Match& m) { return m["x"]; })} +
                         symbolic();
  FuzzOptions options;
  options.rules = &wrong;
  FuzzReport report = fuzz_symbolic(8, 200, options);
  ASSERT_FALSE(report.failures.empty());
  const FuzzFailure& f = report.failures[0];
  FuzzReport again;
  fuzz_symbolic_case(f.case_seed, f.case_index, options, again);
  ASSERT_EQ(again.failures.size(), 1u);
  EXPECT_EQ(again.failures[0].expr, f.expr);
  EXPECT_EQ(again.failures[0].assignment, f.assignment);
}

TEST(SymbolicFuzz, CatchesAWrongRule) {
  // x%c -> x when x < c, forgetting that x must also be >= 0: wrong for negative x.
  PatternMatcher wrong = PatternMatcher{rule("x%c -> x  [x.vmax < c]  (wrong)", UPat::var("x") % UPat::cvar("c"),
                                             [](const Match& m) -> Rewrite {
                                               return m["x"]->vmax < m["c"]->const_int() ? m["x"] : nullptr;
                                             })} +
                         symbolic();
  FuzzOptions options;
  options.rules = &wrong;
  options.max_failures = 3;
  FuzzReport report = fuzz_symbolic(5, 2000, options);
  EXPECT_FALSE(report.ok());
  ASSERT_EQ(report.failures.size(), 3u);
  const FuzzFailure& first = report.failures[0];
  EXPECT_EQ(first.kind, "mismatch") << first.to_string();
  EXPECT_NE(first.assignment.find("x0="), std::string::npos) << first.to_string();
  EXPECT_NE(first.detail.find("expression = "), std::string::npos) << first.to_string();
  EXPECT_NE(report.summary().find("failure(s)"), std::string::npos);
}

}  // namespace
}  // namespace rw
