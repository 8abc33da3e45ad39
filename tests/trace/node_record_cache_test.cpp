// A node stored by several runs of one trace: its later records are copies of the first
// (NodeRecordCache), and must still say exactly what the node is then.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>

#include "engine/trace/sqlite_tracer.h"
#include "engine/trace/trace_reader.h"
#include "tests/trace/trace_test_util.h"

namespace rw {
namespace {

using testing::run_storing;

TEST(NodeRecordCache, ANodeStoredByManyRunsReadsBackTheSameInEach) {
  auto dir = testing::temp_dir("records_many_runs");
  std::string path = (dir / "t.rwd").string();
  Arena a;
  UOpPtr x = a.var("x", 0, 15);
  UOpPtr big = a.var(std::string(300, 'k'), 0, 7);  // a record too long to keep
  UOpPtr root = a.sink({x->add(int64_t(3))->mul(int64_t(2)), big});
  a.set_provenance(x, {"p.tg", 1, 5});
  {
    SqliteTracer t(path);
    for (int i = 0; i < 3; ++i) run_storing(t, root);
    t.close();
  }
  TraceReader r(path);
  std::vector<NodeRow> first = r.graph_nodes(1, root->id);
  ASSERT_EQ(first.size(), 7u);  // x, 3, add, 2, mul, big, sink
  for (int64_t run = 2; run <= 3; ++run) {
    std::vector<NodeRow> again = r.graph_nodes(run, root->id);
    ASSERT_EQ(again.size(), first.size());
    auto by_id = [](const NodeRow& p, const NodeRow& q) { return p.id < q.id; };
    std::sort(first.begin(), first.end(), by_id);
    std::sort(again.begin(), again.end(), by_id);
    for (size_t i = 0; i < first.size(); ++i) {
      EXPECT_EQ(again[i].id, first[i].id);
      EXPECT_EQ(again[i].op, first[i].op);
      EXPECT_EQ(again[i].arg, first[i].arg);
      EXPECT_EQ(again[i].srcs, first[i].srcs);
      EXPECT_EQ(again[i].hash, first[i].hash);
      EXPECT_EQ(again[i].provenance, first[i].provenance);
    }
  }
  EXPECT_EQ(r.node(3, x->id)->provenance, "p.tg:1:5");
  EXPECT_NE(r.node(3, big->id)->arg.find(std::string(300, 'k')), std::string::npos);
}

// A node first stored without a source location, and given one later (a later program built
// the same node at a line of its own): the next run's record has it.
TEST(NodeRecordCache, AProvenanceGivenAfterARunIsInTheNextRunsRecord) {
  auto dir = testing::temp_dir("records_late_provenance");
  std::string path = (dir / "t.rwd").string();
  Arena a;
  UOpPtr x = a.var("x", 0, 15);
  UOpPtr root = a.sink({x->add(int64_t(1))});
  {
    SqliteTracer t(path);
    // Two runs: a record is kept from a node's second run on.
    run_storing(t, root);
    run_storing(t, root);
    t.flush();  // their records are made before the provenance exists
    a.set_provenance(x, {"later.tg", 4, 2});
    run_storing(t, root);
    t.close();
  }
  TraceReader r(path);
  EXPECT_EQ(r.node(2, x->id)->provenance, "");
  EXPECT_EQ(r.node(3, x->id)->provenance, "later.tg:4:2");
}

// Node pointers and ids are only unique while their arena lives: a new arena built in the
// same place, whose node of the same id is another node, must not get the old record.
TEST(NodeRecordCache, ANewArenaInTheOldOnesPlaceGetsItsOwnRecords) {
  auto dir = testing::temp_dir("records_new_arena");
  std::string path = (dir / "t.rwd").string();
  std::optional<Arena> a;
  SqliteTracer t(path);
  a.emplace();
  UOpPtr one = a->const_int(DType::int32(), 1);
  run_storing(t, a->sink({one}));
  run_storing(t, a->sink({one}));  // a record is kept from a node's second run on
  t.flush();  // written while the first arena's nodes exist
  const uint32_t id = one->id;
  a.reset();
  a.emplace();  // same storage for the arena object; its node chunks are likely where the old ones were
  UOpPtr two = a->const_int(DType::int32(), 2);
  ASSERT_EQ(two->id, id);
  run_storing(t, a->sink({two}));
  t.close();
  TraceReader r(path);
  EXPECT_EQ(r.node(2, id)->arg, "1");
  EXPECT_EQ(r.node(3, id)->arg, "2");
}

}  // namespace
}  // namespace rw
