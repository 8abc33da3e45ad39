// Provenance of nodes of a real run (softmax under the default fusion policy): created by the
// program, a step or a pass; removed by a step; back to the .tg line.
#include <gtest/gtest.h>

#include "engine/inspect/node_history.h"
#include "tests/inspect/inspect_traces.h"

namespace rw {
namespace {

struct Softmax : ::testing::Test {
  TraceReader reader{testing::traced_run("softmax", "rangeify")};
  RunSteps steps = load_run_steps(reader, 1);
};

TEST_F(Softmax, RunStepsAreInTraceOrderWithNestedPassesBeforeTheirParentsStep) {
  ASSERT_FALSE(steps.steps.empty());
  // Pass 7 (reshape index) runs inside a step of pass 6 (rangeify): all of its steps come
  // after step 10 of pass 6 and before step 11 (the step that used its result).
  auto at = [&](int64_t pass, int64_t step) {
    for (size_t i = 0; i < steps.steps.size(); ++i)
      if (steps.steps[i].pass_id == pass && steps.steps[i].step == step) return i;
    return size_t(-1);
  };
  EXPECT_EQ(steps.passes.at(7).name, "reshape index");
  EXPECT_EQ(steps.passes.at(7).parent_id, 6);
  EXPECT_LT(at(6, 10), at(7, 1));
  EXPECT_LT(at(7, 3), at(6, 11));
}

TEST_F(Softmax, AProgramNodeComesFromItsLineAndARewriteDropsIt) {
  NodeHistory h = node_history(reader, steps, 14);  // the MUL of softmax's last division
  EXPECT_EQ(h.node.op, "MUL");
  EXPECT_EQ(h.origin, Origin::Program);
  EXPECT_EQ(h.created_in_pass, 1);
  EXPECT_EQ(h.line, 2);
  EXPECT_EQ(h.program_line, "y = x.softmax(axis=1)");
  ASSERT_TRUE(h.removed_by.has_value());
  EXPECT_EQ(h.removed_by->pass_name, "rangeify");
  EXPECT_EQ(h.removed_by->step, 2);
  EXPECT_EQ(h.removed_by->rule, "op(a, b)[i] -> op(a[i], b[i])");
  EXPECT_FALSE(h.removed_as_matched);  // its INDEX was matched: the MUL was pushed below it
  ASSERT_EQ(h.decisions.size(), 1u);
  EXPECT_EQ(h.decisions[0].reason, "output");
  EXPECT_EQ(h.kernels_computing, std::vector<std::string>{"r_6_10_10n1"});
}

TEST_F(Softmax, ANodeBuiltByARewriteNamesThatStep) {
  NodeHistory h = node_history(reader, steps, 24);  // the SINK rangeify's first step built
  EXPECT_EQ(h.origin, Origin::Step);
  ASSERT_TRUE(h.created_by.has_value());
  EXPECT_EQ(h.created_by->pass_id, 6);
  EXPECT_EQ(h.created_by->step, 1);
  EXPECT_EQ(h.created_by->rule_location.rfind("engine/schedule/rangeify_ops.cpp:", 0), 0u) << h.created_by->rule_location;
  EXPECT_TRUE(h.location.empty());
  EXPECT_EQ(h.line, 0);
}

TEST_F(Softmax, ANodeBuiltByAPassOutsideItsStepsNamesThePass) {
  NodeHistory h = node_history(reader, steps, 16);  // REALIZE of the output
  EXPECT_EQ(h.node.op, "REALIZE");
  EXPECT_EQ(h.origin, Origin::Pass);
  EXPECT_EQ(h.created_in_pass, 4);  // realize decisions
  EXPECT_TRUE(h.created_in_output);
  ASSERT_TRUE(h.removed_by.has_value());
  EXPECT_EQ(h.removed_by->pass_id, 6);
  EXPECT_EQ(h.removed_by->step, 1);
}

TEST_F(Softmax, AMatchedNodeIsRewrittenByThatStep) {
  // The first node that a step matched and that its pass's graph then lost.
  for (const TimedStep& s : steps.steps) {
    NodeHistory h = node_history(reader, steps, s.matched);
    if (!h.removed_by || !h.removed_as_matched) continue;
    EXPECT_EQ(h.removed_by->matched, s.matched);
    ASSERT_FALSE(h.rewritten_by.empty());
    EXPECT_EQ(h.rewritten_by.front().matched, s.matched);
    return;
  }
  FAIL() << "no step of the run rewrote its matched node out of the graph";
}

TEST_F(Softmax, AnUnknownNodeIsAnErrorNamingTheRunAndFile) {
  try {
    node_history(reader, steps, 99999);
    FAIL();
  } catch (const TraceError& e) {
    std::string m = e.what();
    EXPECT_NE(m.find("run 1 of " + reader.path() + " stores no node 99999"), std::string::npos) << m;
    EXPECT_NE(m.find("find --op"), std::string::npos) << m;
  }
}

}  // namespace
}  // namespace rw
