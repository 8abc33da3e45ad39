// Fusion comparison of one program under two policies, and of a run with itself.
#include <gtest/gtest.h>

#include <algorithm>

#include "engine/inspect/fusion_compare.h"
#include "tests/inspect/inspect_traces.h"

namespace rw {
namespace {

std::vector<std::string> names(const FusionSide& side, const std::vector<size_t>& ks) {
  std::vector<std::string> out;
  for (size_t k : ks) out.push_back(side.kernels[k].name);
  return out;
}

const KernelSplit* split_of(const FusionComparison& c, bool side_a, const std::string& kernel) {
  for (const KernelSplit& s : c.splits)
    if (s.side_a == side_a && (side_a ? c.a : c.b).kernels[s.kernel].name == kernel) return &s;
  return nullptr;
}

// softmax: rangeify makes 2 kernels (it realizes the exp, which two consumers index
// differently); conservative makes 3 (it realizes both reduces before their expands).
TEST(FusionCompare, SoftmaxRangeifyAgainstConservativeNamesTheSplitsAndTheirReasons) {
  TraceReader a(testing::traced_run("softmax", "rangeify")), b(testing::traced_run("softmax", "conservative"));
  FusionComparison c = compare_fusion(a, 1, b, 1);
  ASSERT_EQ(c.a.kernels.size(), 2u);
  ASSERT_EQ(c.b.kernels.size(), 3u);
  EXPECT_FALSE(c.same_fusion());
  // The kernel writing the output corresponds; the others exist on one side only.
  ASSERT_EQ(c.pairs.size(), 4u);
  EXPECT_EQ(c.a.kernels[*c.pairs[0].a].name, "r_6_10_10n1");
  EXPECT_EQ(c.b.kernels[*c.pairs[0].b].name, "E_6_10");
  EXPECT_EQ(c.a.kernels[*c.pairs[1].a].name, "r_6_10_10");
  EXPECT_FALSE(c.pairs[1].b.has_value());

  const KernelSplit* s = split_of(c, true, "r_6_10_10");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(names(c.b, s->other), (std::vector<std::string>{"r_6_10", "r_6_10n1", "E_6_10"}));
  std::vector<std::string> reasons;
  for (const NodeDecision& d : s->why) reasons.push_back(std::string(d.side_a ? "A " : "B ") + c.nodes[d.node].op + " " + d.reason);
  EXPECT_EQ(reasons, (std::vector<std::string>{"B REDUCE_AXIS policy_conservative_expand", "A EXP2 children_mismatch"}));

  // Buffers: the exp (60 floats) in A only; both row reduces (6 floats each) in B only.
  ASSERT_EQ(c.buffers_only_a.size(), 1u);
  EXPECT_EQ(c.nodes[c.buffers_only_a[0]].op, "EXP2");
  EXPECT_EQ(c.buffer_bytes_only_a, 240);
  ASSERT_EQ(c.buffers_only_b.size(), 2u);
  EXPECT_EQ(c.buffer_bytes_only_b, 48);
  EXPECT_EQ(c.nodes_only_a + c.nodes_only_b, 0u);
  // The max reduce moved from A's first kernel into a kernel of its own.
  auto max = std::find_if(c.moved.begin(), c.moved.end(), [&](const MovedNode& m) { return c.nodes[m.node].arg == "(Ops.MAX, (1,))"; });
  ASSERT_NE(max, c.moved.end());
  EXPECT_EQ(names(c.a, max->kernels_a), std::vector<std::string>{"r_6_10_10"});
  EXPECT_EQ(names(c.b, max->kernels_b), std::vector<std::string>{"r_6_10"});
  EXPECT_FALSE(max->realized_a);
  EXPECT_TRUE(max->realized_b);
  // Times: the sums of each side's kernels.
  double sum_a = 0;
  for (const KernelSummary& k : c.a.kernels) sum_a += k.min_us.value_or(0);
  EXPECT_DOUBLE_EQ(c.a.total_min_us, sum_a);
  EXPECT_GT(c.a.total_min_us, 0);
}

std::vector<std::string> reasons_of(const FusionComparison& c, const std::vector<size_t>& nodes, bool side_a) {
  std::vector<std::string> out;
  for (size_t n : nodes)
    for (const NodeDecision& d : side_a ? c.decisions_a : c.decisions_b)
      if (d.node == n) out.push_back(c.nodes[n].op + " " + d.reason);
  return out;
}

// attention's early cleanups rewrite the program graph before the scheduler decides, so its
// decisions are about rebuilt nodes: they still reach the tensor nodes the kernels compute.
TEST(FusionCompare, DecisionsAboutCleanedUpNodesReachTheirTensorNodes) {
  TraceReader a(testing::traced_run("attention", "rangeify")), b(testing::traced_run("attention", "conservative"));
  FusionComparison c = compare_fusion(a, 1, b, 1);
  EXPECT_EQ(c.a.kernels.size(), 4u);
  EXPECT_EQ(c.b.kernels.size(), 5u);
  EXPECT_EQ(reasons_of(c, c.buffers_only_a, true), std::vector<std::string>{"EXP2 children_mismatch"});
  EXPECT_EQ(reasons_of(c, c.buffers_only_b, false),
            (std::vector<std::string>{"REDUCE_AXIS policy_conservative_expand", "REDUCE_AXIS policy_conservative_expand"}));
  EXPECT_EQ(c.decisions_a.size(), 4u);  // every decision of each run found its tensor node
  EXPECT_EQ(c.decisions_b.size(), 5u);
}

TEST(FusionCompare, ARunAgainstItselfHasNoDifferences) {
  TraceReader a(testing::traced_run("softmax", "conservative")), b(testing::traced_run("softmax", "conservative"));
  FusionComparison c = compare_fusion(a, 1, b, 1);
  EXPECT_TRUE(c.same_fusion());
  EXPECT_TRUE(c.splits.empty());
  ASSERT_EQ(c.pairs.size(), 3u);
  for (const KernelPair& p : c.pairs) {
    ASSERT_TRUE(p.a && p.b);
    EXPECT_EQ(c.a.kernels[*p.a].name, c.b.kernels[*p.b].name);
    EXPECT_EQ(p.min_delta_us, 0.0);
  }
}

}  // namespace
}  // namespace rw
