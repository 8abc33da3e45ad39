// Randomized soundness checking of the symbolic simplifier: random expressions on bounded
// variables are simplified; on random assignments the simplified expression must evaluate to
// the original's value, every node of both graphs must lie in its [vmin, vmax], and the
// result must be a fixed point (simplifying it again changes nothing).
// `rewind simplify --fuzz N` runs this.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "engine/rewrite/expr_gen.h"
#include "engine/rewrite/pattern_matcher.h"

namespace rw {

struct FuzzOptions {
  int assignments = 16;       // variable assignments tried per expression
  int max_failures = 10;      // stop collecting (but keep counting) after this many
  ExprGenOptions gen;         // shape of the index expressions
  // Every 8th case uses int32 with constants near the limits, another 8th index with
  // constants near the int64 limits, another uint32: wraparound and the guards against it.
  bool wraparound_cases = true;
  // The rules under test; nullptr: symbolic(). (Tests pass a deliberately wrong table to
  // check that the fuzzer catches it.)
  const PatternMatcher* rules = nullptr;
};

struct FuzzFailure {
  int64_t case_index = 0;
  uint64_t case_seed = 0;     // fuzz_symbolic_case(case_seed, case_index, ...) reproduces it alone
  std::string kind;           // "mismatch", "out of range", "no convergence", "not a fixed point", "error"
  std::string expr;           // the expression of the case
  std::string simplified;
  std::string variables;      // "x0 in [-3, 7], x1 in [0, 15]"
  std::string assignment;     // "x0=-2, x1=5"
  std::string detail;         // values (and the smallest failing subexpression), the node out of range, or the error
  std::string to_string() const;
};

struct FuzzReport {
  int64_t cases = 0;
  int64_t evaluations = 0;
  int64_t rewrites = 0;
  int64_t failure_count = 0;  // all failures, also those beyond max_failures
  std::vector<FuzzFailure> failures;
  bool ok() const { return failure_count == 0; }
  std::string summary() const;  // one line, then one paragraph per collected failure
};

// Runs `count` cases derived from `seed` (case i uses a seed mixed from seed and i).
FuzzReport fuzz_symbolic(uint64_t seed, int64_t count, const FuzzOptions& options = {});

// Runs the single case with this case seed, adding to `report`. The index picks the case's
// dtype (see FuzzOptions::wraparound_cases), so pass the one the failure reported. Steps are
// reported to the current tracer like any pass: run without one to fuzz at full speed.
void fuzz_symbolic_case(uint64_t case_seed, int64_t case_index, const FuzzOptions& options, FuzzReport& report);

}  // namespace rw
