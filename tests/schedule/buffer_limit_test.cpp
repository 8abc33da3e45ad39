// --max-buffers: no kernel reads more buffers than the limit; a kernel that would gets a
// partial result realized earlier (reason "max_buffers"), and the outputs stay right.
// resources/examples/many_inputs.tg sums 20 arrays.
#include <gtest/gtest.h>

#include "engine/reference/program_reference.h"
#include "tests/schedule/schedule_check.h"

namespace rw::test {
namespace {

const std::filesystem::path kManyInputs = std::filesystem::path(REWIND_SOURCE_DIR) / "resources/examples/many_inputs.tg";

struct Limited {
  Arena arena;
  Schedule schedule;
  std::vector<DecisionRecord> decisions;
  Comparison check;
  Limited(const std::filesystem::path& path, int64_t max_buffers) {
    Program program = load_program(arena, path);
    PassSnapshots snaps;
    {
      TracerScope scope(snaps);
      ScheduleOptions o;
      o.max_buffers = max_buffers;
      o.verify = true;
      schedule = schedule_program(program, o);
    }
    decisions = snaps.decisions;
    NamedArrays want = evaluate_reference(program), got = evaluate_schedule(schedule, program.buffers());
    check = compare_arrays(got.at(0).second, want.at(0).second, want.at(0).first);
  }
  size_t most_reads() const {
    size_t most = 0;
    for (const ScheduledKernel& k : schedule.kernels) most = std::max(most, k.globals.size() - 1);
    return most;
  }
  size_t decided(const std::string& reason) const {
    return size_t(std::count_if(decisions.begin(), decisions.end(), [&](const DecisionRecord& d) { return d.reason == reason; }));
  }
};

TEST(BufferLimit, EveryKernelObeysTheLimitAndTheSumIsRight) {
  for (int64_t limit : {16, 8, 4, 2}) {
    Limited l(kManyInputs, limit);
    EXPECT_TRUE(l.check.ok) << limit << ": " << l.check.message;
    EXPECT_LE(l.most_reads(), size_t(limit)) << limit;
    EXPECT_GT(l.schedule.kernels.size(), 1u) << limit;
    EXPECT_EQ(l.decided("max_buffers") + 1, l.schedule.kernels.size()) << limit;
  }
}

TEST(BufferLimit, TheDefaultSplitsTwentyInputsSixteenAndFive) {
  Limited l(kManyInputs, kDefaultMaxBuffers);
  ASSERT_EQ(l.schedule.kernels.size(), 2u);
  EXPECT_EQ(l.schedule.kernels[0].globals.size() - 1, 16u);
  EXPECT_EQ(l.schedule.kernels[1].globals.size() - 1, 5u);  // the partial sum and a16..a19
  auto it = std::find_if(l.decisions.begin(), l.decisions.end(), [](const DecisionRecord& d) { return d.reason == "max_buffers"; });
  ASSERT_NE(it, l.decisions.end());
  EXPECT_NE(it->detail.find("would read 17 buffers, more than --max-buffers 16"), std::string::npos) << it->detail;
}

TEST(BufferLimit, ZeroMeansNoLimit) {
  Limited l(kManyInputs, 0);
  ASSERT_EQ(l.schedule.kernels.size(), 1u);
  EXPECT_EQ(l.most_reads(), 20u);
  EXPECT_TRUE(l.check.ok) << l.check.message;
}

// An ADD of two inputs reads two buffers whatever is realized: a limit of 1 cannot be met,
// and the scheduler says so, naming the op and the pass, instead of breaking the limit.
TEST(BufferLimit, AnImpossibleLimitIsAnUnsupportedErrorNamingTheNode) {
  Arena arena;
  Program p = load_program(arena, kManyInputs);
  ScheduleOptions o;
  o.max_buffers = 1;
  try {
    schedule_program(p, o);
    FAIL() << "scheduled with --max-buffers 1";
  } catch (const ScheduleError& e) {
    EXPECT_EQ(e.pass(), "realize decisions");
    ASSERT_TRUE(e.node());
    EXPECT_EQ(e.node()->op, Op::ADD);
    EXPECT_NE(std::string(e.what()).find("unsupported: this op alone reads 2 buffers, more than --max-buffers 1"), std::string::npos) << e.what();
  }
}

TEST(BufferLimit, TheDefaultChangesNoSharedProgram) {
  for (auto sub : {"bench", "conformance"})
    for (const auto& dir : find_cases(std::filesystem::path(REWIND_SHARED_DIR) / sub)) {
      Limited l(dir / "program.tg", kDefaultMaxBuffers);
      EXPECT_EQ(l.decided("max_buffers"), 0u) << dir.filename();
    }
}

}  // namespace
}  // namespace rw::test
