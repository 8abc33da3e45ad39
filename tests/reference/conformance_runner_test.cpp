// The conformance runner itself: comparison rules, case discovery, and that a wrong
// evaluator is caught (so a passing run means something).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "engine/frontend/npy.h"
#include "engine/ir/shape.h"
#include "engine/runtime/conformance.h"

namespace rw {
namespace {

const std::filesystem::path kShared = REWIND_SHARED_DIR;

HostArray f32(Shape s, std::vector<double> d) { return HostArray{DType::float32(), std::move(s), std::move(d)}; }

TEST(CompareArrays, ToleranceIsAbsolutePlusRelative) {
  EXPECT_TRUE(compare_arrays(f32({2}, {1000.0, 0}), f32({2}, {1000.09, 0.000009}), "y").ok);
  Comparison c = compare_arrays(f32({2}, {1000.0, 0}), f32({2}, {1000.2, 0}), "y");
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.message, "y[0]: got 1000, want 1000.2 (max error 0.2)");
}

TEST(CompareArrays, NaNEqualsNaNAndInfinitiesMustMatch) {
  EXPECT_TRUE(compare_arrays(f32({2}, {NAN, INFINITY}), f32({2}, {NAN, INFINITY}), "y").ok);
  EXPECT_FALSE(compare_arrays(f32({1}, {NAN}), f32({1}, {1}), "y").ok);
  EXPECT_FALSE(compare_arrays(f32({1}, {-INFINITY}), f32({1}, {INFINITY}), "y").ok);
}

TEST(CompareArrays, IntegersAreExactAndShapesAndDtypesMustAgree) {
  HostArray a{DType::int32(), {2, 2}, {1, 2, 3, 4}};
  HostArray b{DType::int32(), {2, 2}, {1, 2, 3, 5}};
  Comparison c = compare_arrays(a, b, "q");
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.message, "q[1, 1]: got 4, want 5 (max error 1)");
  EXPECT_EQ(compare_arrays(a, f32({2, 2}, {1, 2, 3, 4}), "q").message, "q: dtype int32 != expected float32");
  EXPECT_EQ(compare_arrays(a, HostArray{DType::int32(), {4}, {1, 2, 3, 4}}, "q").message, "q: shape (2, 2) != expected (4,)");
  EXPECT_TRUE(compare_arrays(f32({}, {2}), f32({1}, {2}), "m").ok) << "a full reduction may be stored as 0-d or (1,)";
}

TEST(Conformance, CasesAreFoundInNameOrder) {
  std::vector<std::filesystem::path> cases = find_cases(kShared / "conformance");
  ASSERT_EQ(cases.size(), 21u);
  EXPECT_EQ(cases.front().filename(), "attention");
  EXPECT_EQ(cases.back().filename(), "where_unary");
  EXPECT_TRUE(std::is_sorted(cases.begin(), cases.end()));
  EXPECT_EQ(find_cases(kShared / "conformance" / "softmax").size(), 1u) << "a case folder is its own single case";
}

TEST(Conformance, AWrongEvaluatorFailsEveryCaseWithAReason) {
  CaseEvaluator off_by_a_little = [](const std::filesystem::path& program) {
    NamedArrays out = reference_evaluator()(program);
    for (auto& [name, a] : out)
      for (double& v : a.data) v += a.dtype.is_float() ? 1e-3 + 1e-3 * std::abs(v) : 1;
    return out;
  };
  ConformanceReport report = run_conformance({kShared / "conformance"}, off_by_a_little);
  EXPECT_EQ(report.summary(), "0 passed, 21 failed");
  for (const CaseResult& r : report.results) {
    EXPECT_FALSE(r.message.empty()) << r.name;
    EXPECT_GT(r.max_error, 0) << r.name;
  }
}

TEST(Conformance, ErrorsMissingAndExtraOutputsAreFailuresNotCrashes) {
  auto dir = std::filesystem::temp_directory_path() / "rewind_conformance_cases";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "a_bad_program");
  std::ofstream(dir / "a_bad_program" / "program.tg") << "y = arange(4).reshape(3)\noutput(y)\n";
  std::filesystem::create_directories(dir / "b_missing_expected");
  std::ofstream(dir / "b_missing_expected" / "program.tg") << "y = arange(4)\noutput(y)\n";
  write_npy(dir / "b_missing_expected" / "expected_z.npy", HostArray{DType::int32(), {4}, {0, 1, 2, 3}});
  std::filesystem::create_directories(dir / "c_good");
  std::ofstream(dir / "c_good" / "program.tg") << "y = arange(4) * 2\noutput(y)\n";
  write_npy(dir / "c_good" / "expected_y.npy", HostArray{DType::int32(), {4}, {0, 2, 4, 6}});

  ConformanceReport report = run_conformance({dir}, reference_evaluator());
  ASSERT_EQ(report.results.size(), 3u);
  EXPECT_EQ(report.summary(), "1 passed, 2 failed");
  const std::string program = (dir / "a_bad_program" / "program.tg").string();
  EXPECT_EQ(report.results[0].message, program + ":1:15: error: cannot reshape (4,) (4 elements) to (3,) (3 elements)\n"
                                                 "  y = arange(4).reshape(3)\n"
                                                 "                ^");
  EXPECT_EQ(report.results[1].message, "output y has no expected_y.npy; expected_z.npy has no output named z");
  EXPECT_TRUE(report.results[2].passed) << report.results[2].message;
  EXPECT_EQ(format_result(report.results[2]).substr(0, 25), "PASS c_good  max error 0 ");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace rw
