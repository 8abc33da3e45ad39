#include <gtest/gtest.h>

#include "engine/inspect/node_search.h"
#include "tests/inspect/inspect_traces.h"

namespace rw {
namespace {

std::vector<int64_t> ids(const NodeSearch& s) {
  std::vector<int64_t> out;
  for (const NodeMatch& m : s.nodes) out.push_back(m.node.id);
  return out;
}

struct SoftmaxSearch : ::testing::Test {
  TraceReader reader{testing::traced_run("softmax", "rangeify")};
};

TEST_F(SoftmaxSearch, ByOpInAnyCaseAndByArgument) {
  NodeQuery q;
  q.op = "reduce_axis";
  NodeSearch s = find_nodes(reader, 1, q);
  EXPECT_EQ(ids(s), (std::vector<int64_t>{2, 11}));
  q.arg = "Ops.MAX";
  EXPECT_EQ(ids(find_nodes(reader, 1, q)), std::vector<int64_t>{2});
}

TEST_F(SoftmaxSearch, ByKernelComputesAndAst) {
  NodeQuery q;
  q.computed_by = "r_6_10_10n1";
  EXPECT_EQ(ids(find_nodes(reader, 1, q)), (std::vector<int64_t>{11, 12, 13, 14}));
  NodeQuery ast;
  ast.kernel = "r_6_10_10n1";
  ast.op = "STORE";
  NodeSearch s = find_nodes(reader, 1, ast);
  ASSERT_EQ(s.nodes.size(), 1u);  // one buffer written
  EXPECT_EQ(s.nodes[0].node.op, "STORE");
}

TEST_F(SoftmaxSearch, ByRuleListsMatchedAndCreatedNodes) {
  NodeQuery q;
  q.rule = "sink(realize(x))";
  NodeSearch s = find_nodes(reader, 1, q);
  ASSERT_FALSE(s.nodes.empty());
  EXPECT_EQ(s.nodes.front().node.id, 17);  // the SINK it matched
  EXPECT_EQ(s.nodes.front().notes.at(0).rfind("matched at pass 6 step 1", 0), 0u) << s.nodes.front().notes.at(0);
  bool created_sink = false;
  for (const NodeMatch& m : s.nodes)
    if (m.node.id == 24) created_sink = m.notes.at(0).rfind("created at pass 6 step 1", 0) == 0;
  EXPECT_TRUE(created_sink);
  q.op = "BUFFERIZE";
  EXPECT_EQ(find_nodes(reader, 1, q).nodes.size(), 1u);
}

TEST_F(SoftmaxSearch, UnknownValuesListTheValidOnes) {
  NodeQuery q;
  q.op = "FROB";
  try {
    find_nodes(reader, 1, q);
    FAIL();
  } catch (const TraceError& e) {
    EXPECT_NE(std::string(e.what()).find("has op 'FROB'; its ops are ADD, BUFFER,"), std::string::npos) << e.what();
  }
  NodeQuery k;
  k.kernel = "E_1";
  try {
    find_nodes(reader, 1, k);
    FAIL();
  } catch (const TraceError& e) {
    EXPECT_NE(std::string(e.what()).find("its kernels are r_6_10_10, r_6_10_10n1"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace rw
