// A trace stands alone: a replay takes the program text, options and inputs from it. Inputs
// over the trace's size limit are read back from their files, checked by SHA-256.
#include <gtest/gtest.h>

#include <fstream>

#include "engine/debug/replay.h"
#include "engine/frontend/npy.h"
#include "tests/debug/traced_run.h"

namespace rw::test {
namespace {

std::string replay_error(const std::filesystem::path& trace) {
  TraceReader reader(trace.string());
  try {
    load_replay(reader, 0);
  } catch (const ReplayError& e) {
    return e.what();
  }
  return "";
}

// A program in a folder of its own, loading one .npy file.
std::filesystem::path program_with_input(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("rewind-replay-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  write_npy(dir / "x.npy", HostArray{DType::float32(), {3, 4}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}});
  std::ofstream(dir / "program.tg") << "x = load(\"x.npy\")\ny = (x * 2).sum(axis=1)\noutput(y)\n";
  return dir / "program.tg";
}

TEST(Replay, TakesTheInputsFromTheTraceNotTheFiles) {
  auto program = program_with_input("stored");
  auto trace = temp_trace("replay-stored");
  ASSERT_TRUE(trace_run(program, "", trace));
  // The file changes after the run; the replay must still see the recorded values.
  write_npy(program.parent_path() / "x.npy", HostArray{DType::float32(), {3, 4}, std::vector<double>(12, 0.0)});
  TraceReader reader(trace.string());
  Replay r = load_replay(reader, 0);
  ASSERT_EQ(r.program->inputs().size(), 1u);
  EXPECT_EQ(r.program->inputs()[0].data->data[11], 12.0);
}

TEST(Replay, ALargeInputIsReadBackAndChecked) {
  auto program = program_with_input("large");
  auto trace = temp_trace("replay-large");
  SqliteTracerOptions small;
  small.max_buffer_bytes = 8;  // the 48-byte input keeps only its path and digest
  ASSERT_TRUE(trace_run(program, "", trace, small));
  {
    TraceReader reader(trace.string());
    Replay r = load_replay(reader, 0);
    EXPECT_EQ(r.program->inputs()[0].data->data[5], 6.0);
  }
  write_npy(program.parent_path() / "x.npy", HostArray{DType::float32(), {3, 4}, std::vector<double>(12, 1.0)});
  EXPECT_NE(replay_error(trace).find("no longer holds the same data (SHA-256 differs)"), std::string::npos) << replay_error(trace);
  std::filesystem::remove(program.parent_path() / "x.npy");
  EXPECT_NE(replay_error(trace).find("put the file back"), std::string::npos) << replay_error(trace);
}

TEST(Replay, OptionsComeBackAsRecorded) {
  auto trace = temp_trace("replay-options");
  trace_run(kShared / "conformance/pad_sum/program.tg", "pad-mask", trace);
  TraceReader reader(trace.string());
  Replay r = load_replay(reader, 0);
  EXPECT_TRUE(r.options.schedule.faults.has("pad-mask"));
  EXPECT_TRUE(r.options.run.codegen.faults.has("pad-mask"));
  EXPECT_EQ(r.options.schedule.fusion, "rangeify");
  EXPECT_FALSE(r.has_switches());
}

TEST(Replay, ARunThatCannotBeReplayedSaysWhy) {
  // A trace of `rewind simplify` has no program pipeline.
  auto trace = temp_trace("replay-simplify");
  {
    SqliteTracer tracer(trace.string());
    RunInfo info;
    info.command = "simplify";
    tracer.begin_run(info);
    tracer.end_run(true);
    tracer.close();
  }
  EXPECT_NE(replay_error(trace).find("was made by `rewind simplify`"), std::string::npos) << replay_error(trace);

  auto unknown = temp_trace("replay-unknown-option");
  {
    SqliteTracer tracer(unknown.string());
    RunInfo info;
    info.command = "run";
    info.program_text = "output(arange(4))\n";
    info.options = {{"warp-speed", "9"}};
    tracer.begin_run(info);
    tracer.end_run(true);
    tracer.close();
  }
  EXPECT_NE(replay_error(unknown).find("option warp-speed=9, which this engine"), std::string::npos) << replay_error(unknown);
}

}  // namespace
}  // namespace rw::test
