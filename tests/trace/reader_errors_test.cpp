// Files that are not readable traces give a TraceError that says what is wrong with which
// file and what to try; never a crash.
#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include "engine/trace/schema.h"
#include "engine/trace/sqlite_tracer.h"
#include "engine/trace/trace_reader.h"
#include "tests/trace/trace_test_util.h"

namespace rw {
namespace {

namespace fs = std::filesystem;

// The error message of opening `path`, or "" if it opened.
std::string open_error(const std::string& path) {
  try {
    TraceReader r(path);
    r.runs();
    return "";
  } catch (const TraceError& e) {
    return e.what();
  }
}

std::string small_trace(const fs::path& dir) {
  std::string path = (dir / "good.rwd").string();
  Arena a;
  SqliteTracer t(path);
  t.begin_run({"run", "p.tg", std::string(20000, '#'), {}, "v"});  // several pages
  t.begin_pass("p", "rewrite", a.sink({a.var("x", 0, 3)}));
  t.end_pass(nullptr, true);
  t.end_run(true);
  t.close();
  return path;
}

void write_file(const fs::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary);
  out << bytes;
}

TEST(ReaderErrors, MissingFile) {
  auto dir = testing::temp_dir("err_missing");
  std::string path = (dir / "nope.rwd").string();
  std::string e = open_error(path);
  EXPECT_NE(e.find(path), std::string::npos) << e;
  EXPECT_NE(e.find("does not exist"), std::string::npos) << e;
  EXPECT_NE(e.find("rewind run"), std::string::npos) << e;  // what to try
  EXPECT_FALSE(fs::exists(path));  // and the reader did not create it
}

TEST(ReaderErrors, EmptyFile) {
  auto dir = testing::temp_dir("err_empty");
  write_file(dir / "e.rwd", "");
  std::string e = open_error((dir / "e.rwd").string());
  EXPECT_NE(e.find("is empty"), std::string::npos) << e;
}

TEST(ReaderErrors, RandomBytesAreNotATrace) {
  auto dir = testing::temp_dir("err_random");
  std::mt19937 rng(5);
  std::string bytes;
  for (int i = 0; i < 8192; ++i) bytes += char(rng());
  write_file(dir / "r.rwd", bytes);
  std::string e = open_error((dir / "r.rwd").string());
  EXPECT_NE(e.find((dir / "r.rwd").string()), std::string::npos) << e;
  EXPECT_NE(e.find("not an SQLite database"), std::string::npos) << e;
}

TEST(ReaderErrors, TruncatedFile) {
  auto dir = testing::temp_dir("err_truncated");
  std::string good = small_trace(dir);
  ASSERT_EQ(open_error(good), "");
  std::string bytes;
  {
    std::ifstream in(good, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  ASSERT_GT(bytes.size(), 8192u);
  write_file(dir / "cut.rwd", bytes.substr(0, bytes.size() / 2));
  std::string e = open_error((dir / "cut.rwd").string());
  EXPECT_NE(e.find("truncated"), std::string::npos) << e;
  EXPECT_NE(e.find("cut.rwd"), std::string::npos) << e;
}

TEST(ReaderErrors, OverwrittenPagesGiveAnErrorNotACrash) {
  auto dir = testing::temp_dir("err_corrupt");
  std::string good = small_trace(dir);
  std::string bytes;
  {
    std::ifstream in(good, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  // Keep the header page, scribble over every other page.
  std::mt19937 rng(3);
  for (size_t i = 4096; i < bytes.size(); ++i) bytes[i] = char(rng());
  write_file(dir / "bad.rwd", bytes);
  std::string e;
  try {
    TraceReader r((dir / "bad.rwd").string());
    for (const RunRow& run : r.runs()) r.passes(run.id);
  } catch (const TraceError& err) {
    e = err.what();
  }
  EXPECT_NE(e.find("bad.rwd"), std::string::npos) << e;
  EXPECT_NE(e.find("damaged"), std::string::npos) << e;
}

TEST(ReaderErrors, SqliteDatabaseThatIsNotATrace) {
  auto dir = testing::temp_dir("err_not_trace");
  std::string path = (dir / "other.db").string();
  {
    Db db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    db.exec("CREATE TABLE people(name TEXT)");
  }
  std::string e = open_error(path);
  EXPECT_NE(e.find("not a Rewind trace"), std::string::npos) << e;
  EXPECT_NE(e.find("no meta table"), std::string::npos) << e;
}

TEST(ReaderErrors, TraceWithMissingTables) {
  auto dir = testing::temp_dir("err_missing_tables");
  std::string path = small_trace(dir);
  {
    Db db(path, SQLITE_OPEN_READWRITE);
    db.exec("DROP VIEW steps_v; DROP VIEW steps; DROP TABLE kernels;");
  }
  std::string e = open_error(path);
  EXPECT_NE(e.find("missing table(s) steps, kernels"), std::string::npos) << e;
}

TEST(ReaderErrors, TraceFromANewerIncompatibleRewind) {
  auto dir = testing::temp_dir("err_newer");
  std::string path = small_trace(dir);
  {
    Db db(path, SQLITE_OPEN_READWRITE);
    // Written by a version two ahead that older readers (ours included) cannot read.
    db.exec("UPDATE meta SET value = '" + std::to_string(kSchemaVersion + 2) + "' WHERE key = 'schema_version'; UPDATE meta SET value = '" +
            std::to_string(kSchemaVersion + 1) + "' WHERE key = 'compatible_version';");
  }
  std::string e = open_error(path);
  EXPECT_NE(e.find("newer Rewind"), std::string::npos) << e;
  EXPECT_NE(e.find("schema v" + std::to_string(kSchemaVersion + 2)), std::string::npos) << e;
  EXPECT_NE(e.find("Update Rewind"), std::string::npos) << e;
}

TEST(ReaderErrors, NewerButCompatibleTraceOpens) {
  auto dir = testing::temp_dir("err_newer_ok");
  std::string path = small_trace(dir);
  {
    Db db(path, SQLITE_OPEN_READWRITE);
    // A later version that only added a column: its compatible_version stays ours.
    db.exec("UPDATE meta SET value = '" + std::to_string(kSchemaVersion + 1) + "' WHERE key = 'schema_version'; ALTER TABLE runs ADD COLUMN future TEXT;");
  }
  TraceReader r(path);
  EXPECT_EQ(r.meta().schema_version, kSchemaVersion + 1);
  EXPECT_EQ(r.runs().size(), 1u);
}

}  // namespace
}  // namespace rw
