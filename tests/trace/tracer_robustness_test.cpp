// Misuse and failures: the tracer reports them as errors or warnings in the trace, never by
// crashing the engine or losing what was already written.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "engine/trace/schema.h"
#include "engine/trace/sqlite_tracer.h"
#include "engine/trace/trace_reader.h"
#include "tests/trace/trace_test_util.h"

namespace rw {
namespace {

const RuleInfo kRule{"x+0 -> x", "ADD(x, 0:CONST)", "symbolic", "engine/rewrite/symbolic.cpp", 12};

TEST(TracerRobustness, NodesFromTwoArenasInOneRunFailOnFlushWithAClearMessage) {
  auto dir = testing::temp_dir("two_arenas");
  std::string path = (dir / "t.rwd").string();
  Arena a, b;
  SqliteTracer t(path);
  t.begin_run({"run", "", "", {}, "v"});
  UOpPtr x = a.var("x", 0, 3);
  t.begin_pass("p", "rewrite", x->add(int64_t(0)));
  Binding bound[] = {{"x", x}};
  t.on_rewrite({&kRule, x->add(int64_t(0)), bound, x, 1});
  t.flush();
  UOpPtr y = b.var("y", 0, 3);
  Binding bound2[] = {{"x", y}};
  t.on_rewrite({&kRule, y->add(int64_t(0)), bound2, y, 1});
  try {
    t.flush();
    FAIL() << "expected a TraceError";
  } catch (const TraceError& e) {
    EXPECT_NE(std::string(e.what()).find("two arenas"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
  // Later events are dropped, not queued without bound; close reports the failure too.
  for (int i = 0; i < 20000; ++i) t.on_rewrite({&kRule, x->add(int64_t(0)), bound, x, 1});
  EXPECT_THROW(t.close(), TraceError);
  // What was committed before the failure is still readable.
  TraceReader r(path);
  EXPECT_EQ(r.steps(1).size(), 1u);
}

TEST(TracerRobustness, RewritesOutsideAPassAndMissingRunAreStillRecorded) {
  auto dir = testing::temp_dir("no_pass");
  std::string path = (dir / "t.rwd").string();
  Arena a;
  {
    SqliteTracer t(path);
    UOpPtr x = a.var("x", 0, 3);
    t.on_rewrite({nullptr, x->add(int64_t(0)), {}, x, 1});
    t.end_pass(x, true);        // ends the implicit pass
    t.end_pass(nullptr, true);  // unbalanced: a warning, not a crash
  }  // the destructor closes: the run never ended, so it ends as failed
  TraceReader r(path);
  auto runs = r.runs();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].command, "(events before begin_run)");
  EXPECT_EQ(runs[0].ok, false);
  auto passes = r.passes(1);
  ASSERT_EQ(passes.size(), 1u);
  EXPECT_EQ(passes[0].kind, "implicit");
  EXPECT_EQ(passes[0].step_count, 1);
  EXPECT_EQ(passes[0].ok, true);
  EXPECT_EQ(r.steps(passes[0].id).at(0).rule_text, "(rule not given)");
  auto logs = r.logs(1);
  ASSERT_EQ(logs.size(), 1u);
  EXPECT_EQ(logs[0].level, "warning");
}

TEST(TracerRobustness, ARewriteCycleStopsSnapshotsButKeepsSteps) {
  auto dir = testing::temp_dir("cycle");
  std::string path = (dir / "t.rwd").string();
  Arena a;
  SqliteTracerOptions opts;
  opts.checkpoint_min_spacing = 2;
  {
    SqliteTracer t(path, opts);
    t.begin_run({"run", "", "", {}, "v"});
    UOpPtr x = a.var("x", 0, 3);
    t.begin_pass("p", "rewrite", x);
    // x -> x*2 contains x: not a graph a pass can hold.
    for (int i = 0; i < 4; ++i) t.on_rewrite({&kRule, x, {}, x->mul(int64_t(2)), 1});
    t.end_pass(x, true);
    t.end_run(true);
  }
  TraceReader r(path);
  EXPECT_EQ(r.steps(1).size(), 4u);
  EXPECT_TRUE(r.checkpoints(1).empty());
  auto logs = r.logs(1);
  ASSERT_EQ(logs.size(), 1u);
  EXPECT_NE(logs[0].text.find("no snapshots after step 2"), std::string::npos) << logs[0].text;
  EXPECT_THROW(r.graph_at(1, 3), TraceError);
}

TEST(TracerRobustness, MigrationLadderRefusesUnknownVersionsAndLeavesTheFileUnchanged) {
  auto dir = testing::temp_dir("ladder");
  std::string path = (dir / "t.rwd").string();
  { SqliteTracer t(path); }
  Db db(path, SQLITE_OPEN_READWRITE);
  migrate_schema(db, kSchemaVersion);  // current: nothing to do
  EXPECT_EQ(read_schema_version(db), kSchemaVersion);
  EXPECT_THROW(migrate_schema(db, 0), TraceError);
  EXPECT_EQ(read_schema_version(db), kSchemaVersion);  // rolled back
}

}  // namespace
}  // namespace rw

namespace rw {
namespace {

TEST(TracerRobustness, UnwritableLocationIsAClearError) {
  std::string path = "/nonexistent-rewind-folder/t.rwd";
  try {
    SqliteTracer t(path);
    FAIL() << "expected a TraceError";
  } catch (const TraceError& e) {
    std::string m = e.what();
    EXPECT_NE(m.find(path), std::string::npos) << m;
    EXPECT_NE(m.find("folder exists and is writable"), std::string::npos) << m;
  }
}

}  // namespace
}  // namespace rw

namespace rw {
namespace {

TEST(TracerRobustness, EventsAfterCloseAreIgnoredNotQueuedForever) {
  auto dir = testing::temp_dir("after_close");
  std::string path = (dir / "t.rwd").string();
  Arena a;
  SqliteTracerOptions opts;
  opts.batch_records = 4;
  opts.max_queued_batches = 2;  // without the guard, the third full batch would wait forever
  SqliteTracer t(path, opts);
  t.begin_run({"run", "", "", {}, "v"});
  UOpPtr x = a.var("x", 0, 3);
  t.begin_pass("p", "rewrite", x);
  t.end_pass(x, true);
  t.end_run(true);
  t.close();
  for (int i = 0; i < 100; ++i) t.on_rewrite({&kRule, x->add(int64_t(0)), {}, x, 1});
  t.log(LogLevel::Info, "late");
  t.flush();
  TraceReader r(path);
  EXPECT_TRUE(r.steps(1).empty());
  EXPECT_TRUE(r.logs(1).empty());
}

}  // namespace
}  // namespace rw

namespace rw {
namespace {

// The old file is set aside and deleted by the writer thread: nothing of it is left behind,
// and the new trace holds only the new run.
TEST(TracerRobustness, ReplacingATraceLeavesOnlyTheNewOne) {
  auto dir = testing::temp_dir("replace");
  std::string path = (dir / "t.rwd").string();
  Arena a;
  UOpPtr x = a.var("x", 0, 3);
  for (const char* command : {"first", "second"}) {
    SqliteTracer t(path);
    t.begin_run({command, "", "", {}, "v"});
    t.begin_pass("p", "rewrite", x);
    t.end_pass(x, true);
    t.end_run(true);
    t.close();
  }
  TraceReader r(path);
  ASSERT_EQ(r.runs().size(), 1u);
  EXPECT_EQ(r.runs()[0].command, "second");
  EXPECT_FALSE(std::filesystem::exists(path + ".replaced"));
  EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
}

// A path that names a folder with files in it is refused by the open, and the folder and
// its files are left where they were.
TEST(TracerRobustness, AFolderAtTheTracePathIsNotMovedAside) {
  auto dir = testing::temp_dir("folder_path");
  std::string path = (dir / "t.rwd").string();
  std::filesystem::create_directory(path);
  std::ofstream(path + "/keep.txt") << "mine";
  EXPECT_THROW(SqliteTracer t(path), TraceError);
  EXPECT_TRUE(std::filesystem::exists(path + "/keep.txt"));
  EXPECT_FALSE(std::filesystem::exists(path + ".replaced"));
}

}  // namespace
}  // namespace rw
