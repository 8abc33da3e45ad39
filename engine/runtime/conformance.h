// Conformance runs: case folders (layout in the shared conformance/README.md) evaluated by some
// evaluator — the reference interpreter, or the compiled path — and compared with the
// expected arrays numpy produced.
//
// A folder is a case when it holds program.tg; otherwise its subfolders are searched, in
// name order. Each output y of the program is compared with expected_y.npy: same shape,
// same dtype, and |got - want| <= 1e-5 + 1e-4 * |want| for floats (NaN equals NaN), exact
// for integers and bools.
#pragma once
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "engine/ir/host_array.h"
#include "engine/reference/evaluator.h"

namespace rw {

// Evaluates the program at `program_file` and returns its outputs by name. Errors are
// exceptions; their message becomes the case's message.
using CaseEvaluator = std::function<NamedArrays(const std::filesystem::path& program_file)>;

CaseEvaluator reference_evaluator();

struct CaseResult {
  std::string name;  // the case folder's name
  std::filesystem::path dir;
  bool passed = false;
  double max_error = 0;  // largest |got - want| over all outputs
  double seconds = 0;    // evaluation and comparison
  std::string message;   // why it failed; empty when it passed
};

struct ConformanceReport {
  std::vector<CaseResult> results;
  int passed() const;
  int failed() const;
  std::string summary() const;  // "21 passed, 0 failed"
};

struct Comparison {
  bool ok = true;
  double max_error = 0;
  std::string message;  // the first mismatch: "y: shape (4,) != expected (5,)", "y[3]: got 1.5, want 2"
};

constexpr double kAbsTolerance = 1e-5;
constexpr double kRelTolerance = 1e-4;

Comparison compare_arrays(const HostArray& got, const HostArray& want, const std::string& name);

std::vector<std::filesystem::path> find_cases(const std::filesystem::path& dir);
CaseResult run_case(const std::filesystem::path& dir, const CaseEvaluator& evaluate);
ConformanceReport run_conformance(const std::vector<std::filesystem::path>& dirs, const CaseEvaluator& evaluate);

// One line per case: "PASS softmax  max error 5.96e-08  1.2 ms" or "FAIL conv2d  ...: why".
std::string format_result(const CaseResult& r);

}  // namespace rw
