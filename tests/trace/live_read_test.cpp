// A trace can be read while it is written, and a crash leaves a readable file that holds
// everything up to the last written batch.
#include <gtest/gtest.h>

#include <thread>

#include "engine/trace/sqlite_tracer.h"
#include "engine/trace/trace_reader.h"
#include "tests/trace/trace_test_util.h"

namespace rw {
namespace {

namespace fs = std::filesystem;

struct HalfRun {
  Arena a;
  testing::FoldRules rules;
  std::vector<testing::Step> log;
  UOpPtr in;
  void start(SqliteTracer& t) {
    t.begin_run({"run", "p.tg", "x = 1", {}, "v"});
    in = testing::random_expression(a, 9, 300);
    t.begin_pass("fold", "rewrite", in);
    testing::Folder f(t, rules, log);
    f.rewrite(in);
  }
};

TEST(LiveRead, ReaderSeesFlushedStepsWhileTheRunGoesOn) {
  auto dir = testing::temp_dir("live");
  std::string path = (dir / "t.rwd").string();
  HalfRun h;
  SqliteTracer t(path);
  h.start(t);
  t.flush();
  {
    TraceReader r(path);
    auto runs = r.runs();
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_FALSE(runs[0].ok);  // still running
    auto p = r.pass(1);
    ASSERT_TRUE(p);
    EXPECT_FALSE(p->ok);
    {  // (a statement left open would hold the reader's snapshot)
      Stmt open(r.db(), "SELECT count(*) FROM open_passes WHERE id = 1");
      ASSERT_TRUE(open.step());
      EXPECT_EQ(open.i64(0), 1);
    }
    EXPECT_EQ(p->step_count, int64_t(h.log.size()));  // counted while the pass is open
    EXPECT_EQ(int64_t(r.steps(1).size()), int64_t(h.log.size()));
    GraphAt g = r.graph_at(1, p->step_count);
    EXPECT_FALSE(g.nodes.empty());
    r.changed();
    // The run goes on; the open reader notices the new commit.
    t.log(LogLevel::Info, "more");
    t.flush();
    EXPECT_TRUE(r.changed());
    EXPECT_EQ(r.logs(1).size(), 1u);
  }
  t.end_pass(nullptr, true);
  t.end_run(true);
  t.close();
  TraceReader r(path);
  EXPECT_EQ(r.runs().at(0).ok, true);
  // The pass's row in open_passes, written while it ran, gave way to its record in a block.
  auto p = r.pass(1);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->ok, true);
  EXPECT_EQ(p->step_count, int64_t(h.log.size()));
  Stmt st(r.db(), "SELECT (SELECT count(*) FROM open_passes), (SELECT count(*) FROM pass_blocks), (SELECT count(*) FROM passes)");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.i64(0), 0);
  EXPECT_EQ(st.i64(1), 1);
  EXPECT_EQ(st.i64(2), 1);
}

TEST(LiveRead, PartialBatchesAreWrittenWithinTheBatchAge) {
  auto dir = testing::temp_dir("age");
  std::string path = (dir / "t.rwd").string();
  SqliteTracerOptions opts;
  opts.max_batch_age = std::chrono::milliseconds(20);
  SqliteTracer t(path, opts);
  t.begin_run({"run", "", "", {}, "v"});
  t.log(LogLevel::Info, "hello");
  // No flush: the writer must pick the partial batch up on its own.
  bool seen = false;
  for (int i = 0; i < 200 && !seen; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    seen = TraceReader(path).logs(1).size() == 1;
  }
  EXPECT_TRUE(seen);
  t.close();
}

// A run of many short passes reports few steps: its batches are cut by the pass marks too,
// so a batch stays small and a live reader sees the passes without waiting for the batch age.
TEST(LiveRead, BatchesOfPassesAloneAreHandedOverBySize) {
  auto dir = testing::temp_dir("pass_batches");
  std::string path = (dir / "t.rwd").string();
  SqliteTracerOptions opts;
  opts.batch_records = 8;  // four passes' begin and end marks
  opts.max_batch_age = std::chrono::hours(1);
  SqliteTracer t(path, opts);
  Arena a;
  UOpPtr x = a.var("x", 0, 3);
  t.begin_run({"run", "", "", {}, "v"});
  for (int i = 0; i < 20; ++i) {
    t.begin_pass("p" + std::to_string(i), "rewrite", x);
    t.end_pass(x, true);
  }
  // No flush, and the batch age is an hour: only the size cut can have written these.
  size_t seen = 0;
  for (int i = 0; i < 500 && seen < 20; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    seen = TraceReader(path).passes(1).size();
  }
  EXPECT_EQ(seen, 20u);
  t.close();
}

TEST(CrashSafety, CopyOfFileAndWalMidRunIsReadable) {
  auto dir = testing::temp_dir("crash");
  std::string path = (dir / "t.rwd").string();
  HalfRun h;
  SqliteTracer t(path);
  h.start(t);
  t.flush();
  size_t flushed = h.log.size();
  ASSERT_TRUE(fs::exists(path + "-wal"));
  // What a crash right now would leave: the database and its WAL (the -shm is rebuilt).
  fs::create_directories(dir / "crashed");
  fs::copy_file(path, dir / "crashed" / "t.rwd");
  fs::copy_file(path + "-wal", dir / "crashed" / "t.rwd-wal");
  // Events after the last batch are what a crash loses.
  t.log(LogLevel::Info, "not flushed");
  TraceReader r((dir / "crashed" / "t.rwd").string());
  EXPECT_FALSE(r.runs().at(0).ok);
  EXPECT_EQ(r.steps(1).size(), flushed);
  EXPECT_TRUE(r.logs(1).empty());
  GraphAt g = r.graph_at(1, int64_t(flushed));
  EXPECT_FALSE(g.nodes.empty());
  t.close();
}

}  // namespace
}  // namespace rw

#include <sys/wait.h>
#include <unistd.h>

namespace rw {
namespace {

// The viewer follows a run written by a child `rewind run` process: another process, not
// just another connection.
TEST(LiveRead, AnotherProcessReadsWhileTheWriterRuns) {
  auto dir = testing::temp_dir("live_process");
  std::string path = (dir / "t.rwd").string();
  int to_parent[2], to_child[2];
  ASSERT_EQ(pipe(to_parent), 0);
  ASSERT_EQ(pipe(to_child), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {  // the writer
    HalfRun h;
    SqliteTracer t(path);
    h.start(t);
    t.flush();
    int32_t n = int32_t(h.log.size());
    if (write(to_parent[1], &n, sizeof n) != sizeof n) _exit(2);
    char c;
    if (read(to_child[0], &c, 1) != 1) _exit(3);  // keep the run open until the parent has read
    t.end_pass(nullptr, true);
    t.end_run(true);
    t.close();
    _exit(0);
  }
  int32_t steps = 0;
  ASSERT_EQ(read(to_parent[0], &steps, sizeof steps), ssize_t(sizeof steps));
  ASSERT_GT(steps, 0);
  {
    TraceReader r(path);
    EXPECT_FALSE(r.runs().at(0).ok);
    EXPECT_EQ(int64_t(r.steps(1).size()), int64_t(steps));
    EXPECT_FALSE(r.graph_at(1, int64_t(steps)).nodes.empty());
  }
  char go = 1;
  ASSERT_EQ(write(to_child[1], &go, 1), 1);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_EQ(TraceReader(path).runs().at(0).ok, true);
  EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
}

}  // namespace
}  // namespace rw
