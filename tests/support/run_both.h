// Runs a hand-built schedule through the compiled path and through the linear evaluator,
// with optimizations off, each alone, and all on, and expects every check to pass on each.
#pragma once
#include <gtest/gtest.h>

#include "engine/runtime/run_schedule.h"
#include "tests/support/kernel_builder.h"

namespace rw::testing {

inline void expect_all_paths_pass(const TestSchedule& t) {
  for (Executor ex : {Executor::Llvm, Executor::Linear})
    for (const char* opt : {"off", "upcast", "unroll", "all"}) {
      RunOptions o;
      o.executor = ex;
      o.codegen.opts = OptSet::parse(opt);
      o.iterations = 1;
      o.expected = t.expected;
      RunResult r = run_schedule(t.schedule, t.inputs, o);
      std::string where = std::string(ex == Executor::Llvm ? "llvm" : "linear evaluator") + ", --opt=" + opt;
      ASSERT_EQ(r.checks.size(), t.expected.size()) << where;
      for (const CheckRecord& c : r.checks) EXPECT_TRUE(c.ok) << where << ": kernel " << c.kernel << ": " << c.detail;
    }
}

}  // namespace rw::testing
