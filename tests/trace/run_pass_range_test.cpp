// A run's passes are found by the range of their ids on the run's row (schema v5): runs are
// traced one at a time, so a run's passes have consecutive ids. The range must hold for runs
// that share a file and for a run still being written.
#include <gtest/gtest.h>

#include "engine/trace/sqlite_tracer.h"
#include "engine/trace/trace_reader.h"
#include "tests/trace/trace_test_util.h"

namespace rw {
namespace {

// Begins `n` nested-free passes, each ended at once.
void passes(SqliteTracer& t, Arena& a, int n) {
  for (int i = 0; i < n; ++i) {
    t.begin_pass("p" + std::to_string(i), "rewrite", a.index_const(i));
    t.end_pass(a.index_const(i), true);
  }
}

std::vector<std::string> names(const std::vector<PassRow>& ps) {
  std::vector<std::string> out;
  for (const PassRow& p : ps) out.push_back(p.name);
  return out;
}

TEST(RunPassRange, EachRunOfAFileListsExactlyItsOwnPasses) {
  auto dir = testing::temp_dir("pass_range");
  std::string path = (dir / "t.rwd").string();
  {
    SqliteTracer t(path);
    Arena a1, a2, a3;
    t.begin_run({"run", "a.tg", "", {}, "v"});
    passes(t, a1, 3);
    t.end_run(true);
    t.begin_run({"run", "b.tg", "", {}, "v"});  // no pass at all
    t.end_run(true);
    t.begin_run({"run", "c.tg", "", {}, "v"});
    passes(t, a3, 2);
    t.end_run(true);
    t.close();
  }
  TraceReader r(path);
  EXPECT_EQ(names(r.passes(1)), (std::vector<std::string>{"p0", "p1", "p2"}));
  EXPECT_TRUE(r.passes(2).empty());
  EXPECT_EQ(names(r.passes(3)), (std::vector<std::string>{"p0", "p1"}));
  Stmt st(r.db(), "SELECT id, first_pass, last_pass FROM runs ORDER BY id");
  std::vector<std::string> rows;
  while (st.step())
    rows.push_back(std::to_string(st.i64(0)) + ":" + (st.opt_i64(1) ? std::to_string(*st.opt_i64(1)) : "null") + "-" +
                   (st.opt_i64(2) ? std::to_string(*st.opt_i64(2)) : "null"));
  EXPECT_EQ(rows, (std::vector<std::string>{"1:1-3", "2:null-null", "3:4-5"}));
}

TEST(RunPassRange, ARunStillBeingWrittenListsEveryPassSoFar) {
  auto dir = testing::temp_dir("pass_range_live");
  std::string path = (dir / "t.rwd").string();
  SqliteTracer t(path);
  Arena a;
  t.begin_run({"run", "a.tg", "", {}, "v"});
  t.flush();  // the run's row is written before its first pass: the pass must update it
  passes(t, a, 2);
  t.flush();
  {
    TraceReader r(path);
    EXPECT_EQ(names(r.passes(1)), (std::vector<std::string>{"p0", "p1"}));
    Stmt st(r.db(), "SELECT first_pass, last_pass FROM runs WHERE id = 1");
    ASSERT_TRUE(st.step());
    EXPECT_EQ(st.opt_i64(0), 1);
    EXPECT_FALSE(st.opt_i64(1));  // open: no last pass yet
  }
  passes(t, a, 1);
  t.end_run(true);
  t.close();
  EXPECT_EQ(TraceReader(path).passes(1).size(), 3u);
}

}  // namespace
}  // namespace rw
