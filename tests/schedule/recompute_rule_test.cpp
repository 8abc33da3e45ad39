// The default policy's recompute rule: an expensive value that fusion would evaluate more
// than recompute_threshold times per element is realized (reason "recompute"). It fires on
// resources/examples/overfusion.tg (a transcendental chain broadcast 512 times into a matmul)
// and on none of the benchmark or conformance programs, where tinygrad fuses.
#include <gtest/gtest.h>

#include "engine/reference/program_reference.h"
#include "tests/schedule/schedule_check.h"

namespace rw::test {
namespace {

const std::filesystem::path kShared = REWIND_SHARED_DIR;
const std::filesystem::path kOverfusion = std::filesystem::path(REWIND_SOURCE_DIR) / "resources/examples/overfusion.tg";

struct Scheduled {
  Arena arena;
  Schedule schedule;
  std::vector<DecisionRecord> decisions;
  bool outputs_right = false;
  std::string message;
  Scheduled(const std::filesystem::path& program_path, ScheduleOptions o) {
    Program program = load_program(arena, program_path);
    PassSnapshots snaps;
    {
      TracerScope scope(snaps);
      schedule = schedule_program(program, o);
    }
    decisions = snaps.decisions;
    NamedArrays want = evaluate_reference(program), got = evaluate_schedule(schedule, program.buffers());
    outputs_right = !want.empty();
    for (const auto& [name, w] : want) {
      auto it = std::find_if(got.begin(), got.end(), [&](const auto& g) { return g.first == name; });
      Comparison c = it == got.end() ? Comparison{false, 0, "no output " + name} : compare_arrays(it->second, w, name);
      outputs_right &= c.ok;
      if (!c.ok) message += c.message + "\n";
    }
  }
  std::vector<const DecisionRecord*> recomputes() const {
    std::vector<const DecisionRecord*> out;
    for (const DecisionRecord& d : decisions)
      if (d.reason == "recompute") out.push_back(&d);
    return out;
  }
};

ScheduleOptions with_threshold(int64_t t, std::string fusion = "rangeify") {
  ScheduleOptions o;
  o.recompute_threshold = t;
  o.fusion = fusion;
  o.verify = true;
  return o;
}

TEST(RecomputeRule, RealizesTheBroadcastTranscendentalsOfOverfusion) {
  Scheduled r(kOverfusion, with_threshold(kDefaultRecomputeThreshold));
  EXPECT_TRUE(r.outputs_right) << r.message;
  ASSERT_EQ(r.recomputes().size(), 1u);
  const DecisionRecord& d = *r.recomputes()[0];
  EXPECT_EQ(d.decision, "realize");
  EXPECT_EQ(d.node->op, Op::SQRT) << d.node->summary();  // the top of a = sqrt(log(exp(x) + 1))
  EXPECT_NE(d.detail.find("512 times per element"), std::string::npos) << d.detail;
  ASSERT_EQ(r.schedule.kernels.size(), 2u);
  EXPECT_EQ(r.schedule.kernels[0].name, "E_32_128");
  EXPECT_EQ(r.schedule.kernels[1].name, "r_32_512_128");
  EXPECT_EQ(r.schedule.buffers.at(size_t(r.schedule.kernels[0].globals[0])).reason, "recompute");
}

// The rule compares repeats > threshold: 512 repeats fire at 511 and not at 512 or with 0 (off).
TEST(RecomputeRule, TheThresholdDecides) {
  EXPECT_EQ(Scheduled(kOverfusion, with_threshold(511)).recomputes().size(), 1u);
  for (int64_t t : {512, 0}) {
    Scheduled r(kOverfusion, with_threshold(t));
    EXPECT_TRUE(r.recomputes().empty()) << t;
    EXPECT_EQ(r.schedule.kernels.size(), 1u) << t;
    EXPECT_TRUE(r.outputs_right) << r.message;
  }
}

// Only the default policy asks: conservative already realizes before every expand.
TEST(RecomputeRule, OnlyTheDefaultPolicy) {
  for (std::string fusion : {"conservative", "none"}) {
    Scheduled r(kOverfusion, with_threshold(1, fusion));
    EXPECT_TRUE(r.recomputes().empty()) << fusion;
    EXPECT_TRUE(r.outputs_right) << fusion << "\n" << r.message;
  }
}

// tinygrad fuses these (recomputing a row's reduce per element of the row, up to 128 times):
// the default threshold leaves them alone, so their kernel counts stay tinygrad's R1.
TEST(RecomputeRule, NeverFiresWhereTinygradFuses) {
  for (auto sub : {"bench", "conformance"})
    for (const auto& dir : find_cases(kShared / sub)) {
      Scheduled r(dir / "program.tg", with_threshold(kDefaultRecomputeThreshold));
      EXPECT_TRUE(r.recomputes().empty()) << dir.filename() << ": " << r.recomputes()[0]->detail;
      EXPECT_TRUE(r.outputs_right) << dir.filename() << "\n" << r.message;
    }
}

// A low threshold realizes softmax's row max and row sum (each repeated 128 times over the
// row), and the outputs stay right.
TEST(RecomputeRule, LowThresholdRealizesSoftmaxReduces) {
  Scheduled r(kShared / "bench/softmax/program.tg", with_threshold(64));
  ASSERT_EQ(r.recomputes().size(), 2u);
  for (const DecisionRecord* d : r.recomputes()) {
    EXPECT_EQ(d->node->op, Op::REDUCE_AXIS) << d->node->summary();
    EXPECT_NE(d->detail.find("128 times per element"), std::string::npos) << d->detail;
  }
  EXPECT_TRUE(r.outputs_right) << r.message;
}

}  // namespace
}  // namespace rw::test
