// A run that stores the same node block as an earlier run (same ids, same text) points to
// that run's block (uop_blocks.same_as_run) and still reads back every node.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "engine/trace/sqlite_db.h"
#include "engine/trace/sqlite_tracer.h"
#include "engine/trace/trace_reader.h"
#include "tests/trace/trace_test_util.h"

namespace rw {
namespace {

using testing::run_storing;

// A run's stored nodes, by id, as "id op arg [srcs]".
std::vector<std::string> node_texts(TraceReader& r, int64_t run, UOpPtr root) {
  std::vector<std::string> out;
  for (const NodeRow& n : r.graph_nodes(run, root->id)) {
    std::string t = std::to_string(n.id) + " " + n.op + " " + n.arg + " [";
    for (int64_t s : n.srcs) t += std::to_string(s) + ",";
    out.push_back(t + "] " + n.provenance);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// (run_id, same_as_run or -1, length of nodes) per block row, in row order.
std::vector<std::array<int64_t, 3>> block_rows(TraceReader& r) {
  std::vector<std::array<int64_t, 3>> out;
  Stmt st(r.db(), "SELECT run_id, coalesce(same_as_run, -1), length(nodes) FROM uop_blocks ORDER BY id");
  while (st.step()) out.push_back({st.i64(0), st.i64(1), st.i64(2)});
  return out;
}

TEST(SharedNodeBlocks, ARunRepeatingAnEarlierRunsBlockPointsToItAndReadsTheSame) {
  auto dir = testing::temp_dir("shared_blocks");
  std::string path = (dir / "t.rwd").string();
  Arena a;
  UOpPtr x = a.var("x", 0, 15);
  a.set_provenance(x, {"p.tg", 1, 5});
  UOpPtr root = a.sink({x->add(int64_t(3))->mul(int64_t(2))});
  UOpPtr grown = a.sink({x->add(int64_t(3))->mul(int64_t(2)), x->add(int64_t(7))});  // more nodes: another block
  {
    SqliteTracer t(path);
    for (int i = 0; i < 4; ++i) run_storing(t, root);
    run_storing(t, grown);
    t.close();
  }
  TraceReader r(path);
  // Runs 1 and 2 write the block (the second is the first one remembered), 3 and 4 point
  // to run 2's; run 5 stores a different set of nodes.
  const auto rows = block_rows(r);
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0][1], -1);
  EXPECT_EQ(rows[1][1], -1);
  EXPECT_EQ(rows[2], (std::array<int64_t, 3>{3, 2, 0}));
  EXPECT_EQ(rows[3], (std::array<int64_t, 3>{4, 2, 0}));
  EXPECT_EQ(rows[4][1], -1);
  const std::vector<std::string> first = node_texts(r, 1, root);
  ASSERT_EQ(first.size(), 6u);  // x, 3, add, 2, mul, sink
  for (int64_t run = 2; run <= 4; ++run) EXPECT_EQ(node_texts(r, run, root), first) << "run " << run;
  EXPECT_EQ(r.node(4, x->id)->provenance, "p.tg:1:5");
  // The view reads the pointed-to text too: every run has its nodes.
  Stmt st(r.db(), "SELECT run_id, count(*) FROM uops GROUP BY run_id ORDER BY run_id");
  std::vector<std::pair<int64_t, int64_t>> counts;
  while (st.step()) counts.emplace_back(st.i64(0), st.i64(1));
  EXPECT_EQ(counts, (std::vector<std::pair<int64_t, int64_t>>{{1, 6}, {2, 6}, {3, 6}, {4, 6}, {5, 8}}));
  Stmt v(r.db(), "SELECT op FROM uops_v WHERE run_id = 4 AND id = ?");
  v.bind(1, int64_t(x->id));
  ASSERT_TRUE(v.step());
  EXPECT_EQ(v.text(0), "DEFINE_VAR");
}

// The same ids in another arena are other nodes: their blocks differ and are stored whole.
TEST(SharedNodeBlocks, TheSameIdsOfAnotherArenaAreNotShared) {
  auto dir = testing::temp_dir("shared_blocks_arenas");
  std::string path = (dir / "t.rwd").string();
  Arena a, b;
  UOpPtr ra = a.sink({a.const_int(DType::int32(), 1)});
  UOpPtr rb = b.sink({b.const_int(DType::int32(), 2)});
  {
    SqliteTracer t(path);
    for (int i = 0; i < 3; ++i) run_storing(t, ra);
    for (int i = 0; i < 3; ++i) run_storing(t, rb);
    t.close();
  }
  TraceReader r(path);
  const auto rows = block_rows(r);
  ASSERT_EQ(rows.size(), 6u);
  EXPECT_EQ(rows[2][1], 2);   // a's third run points to its second
  EXPECT_EQ(rows[3][1], -1);  // b's first run: same ids as a's, other text
  EXPECT_EQ(r.node(3, ra->src[0]->id)->arg, "1");
  EXPECT_EQ(r.node(6, rb->src[0]->id)->arg, "2");
}

}  // namespace
}  // namespace rw
