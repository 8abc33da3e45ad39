// The fusion policies against tinygrad's kernel counts (bench/README.md): conservative equals
// the older scheduler's (R0) on every benchmark program, rangeify stays within the rangeify
// scheduler's (R1), and none computes exactly one elementwise or reduce op per kernel. Every
// schedule is checked pass by pass and kernel by kernel against the expected outputs.
#include <gtest/gtest.h>

#include <map>

#include "tests/schedule/schedule_check.h"

namespace rw::test {
namespace {

const std::filesystem::path kBench = std::filesystem::path(REWIND_SHARED_DIR) / "bench";

// bench/README.md, "kernels R0/R1".
const std::map<std::string, std::pair<size_t, size_t>> kTinygrad = {
    {"elementwise", {1, 1}}, {"sum_axis", {1, 1}},  {"max_reduce", {1, 1}}, {"softmax", {3, 2}},   {"matmul64", {1, 1}},
    {"matmul256", {1, 1}},   {"conv2d", {1, 1}},    {"pad_reduce", {1, 1}}, {"broadcast", {1, 1}}, {"layernorm", {3, 2}},
    {"attention", {5, 4}},   {"cumsum", {3, 2}},    {"mlp", {2, 2}}};

CaseCheck scheduled(const std::filesystem::path& dir, const std::string& fusion) {
  ScheduleOptions o;
  o.fusion = fusion;
  o.verify = true;
  return check_case(dir, o);
}

void expect_correct(const std::filesystem::path& dir, const CaseCheck& c) {
  ASSERT_TRUE(c.error.empty()) << dir.filename() << "\n" << describe(c);
  for (const PassCheck& p : c.passes) EXPECT_TRUE(p.ok) << dir.filename() << " after " << p.pass << "\n" << describe(c);
  EXPECT_TRUE(c.final_ok) << dir.filename() << "\n" << describe(c);
}

TEST(FusionPolicy, ConservativeEqualsTinygradsOlderScheduler) {
  auto cases = find_cases(kBench);
  ASSERT_EQ(cases.size(), kTinygrad.size());
  for (const auto& dir : cases) {
    CaseCheck c = scheduled(dir, "conservative");
    expect_correct(dir, c);
    EXPECT_EQ(c.schedule.kernels.size(), kTinygrad.at(dir.filename().string()).first) << dir.filename() << "\n" << describe(c);
  }
}

TEST(FusionPolicy, RangeifyEqualsTinygradsRangeifyScheduler) {
  for (const auto& dir : find_cases(kBench)) {
    CaseCheck c = scheduled(dir, "rangeify");
    expect_correct(dir, c);
    EXPECT_EQ(c.schedule.kernels.size(), kTinygrad.at(dir.filename().string()).second) << dir.filename() << "\n" << describe(c);
  }
}

bool is_compute(UOpPtr n) { return is_alu(n->op) || n->op == Op::REDUCE_AXIS; }

// check_case's nodes die with its arena; tests that look at nodes schedule in their own.
struct Scheduled {
  Arena arena;
  Schedule schedule;
  std::vector<DecisionRecord> decisions;
  Scheduled(const std::filesystem::path& dir, const std::string& fusion) {
    Program program = load_program(arena, dir / "program.tg");
    PassSnapshots snaps;
    TracerScope scope(snaps);
    ScheduleOptions o;
    o.fusion = fusion;
    schedule = schedule_program(program, o);
    decisions = snaps.decisions;
  }
};

TEST(FusionPolicy, NoneComputesOneOpPerKernel) {
  for (const auto& dir : find_cases(kBench)) {
    expect_correct(dir, scheduled(dir, "none"));
    Scheduled c(dir, "none");
    for (const ScheduledKernel& k : c.schedule.kernels) {
      size_t ops = size_t(std::count_if(k.computes.begin(), k.computes.end(), is_compute));
      std::string what;
      for (UOpPtr n : k.computes) what += " " + n->summary();
      EXPECT_EQ(ops, 1u) << dir.filename() << " " << k.name << ":" << what;
    }
  }
}

// The older scheduler keeps a bias add and relu in the matmul's kernel (mlp), and a reduce
// followed by a reshape and an add in one kernel (conv2d): no reduce result of its own.
TEST(FusionPolicy, ConservativeFusesElementwiseAfterAReduce) {
  for (std::string name : {"mlp", "conv2d"}) {
    Scheduled c(kBench / name, "conservative");
    for (const ScheduleBuffer& b : c.schedule.buffers) {
      if (b.role == ScheduleBuffer::Role::Input) continue;
      ASSERT_TRUE(b.node) << name << " " << b.name;
      EXPECT_NE(b.node->op, Op::REDUCE_AXIS) << name << ": " << b.name << " holds a bare reduce (" << b.reason << ")";
    }
  }
}

// Softmax under the older scheduler: max and sum are each broadcast back over the row, so
// both are realized before their expand; the output is the third kernel.
TEST(FusionPolicy, ConservativeRealizesReducesBeforeTheirBroadcast) {
  CaseCheck c = scheduled(kBench / "softmax", "conservative");
  std::multiset<std::string> reasons;
  for (const DecisionRecord& d : c.decisions) reasons.insert(d.decision + ":" + d.reason);
  EXPECT_EQ(reasons, (std::multiset<std::string>{"realize:output", "realize:policy_conservative_expand", "realize:policy_conservative_expand"}));
}

// Attention: q@k.T/scale feeds the max reduce, so the first matmul cannot fuse forward; it is
// realized at the end of its elementwise chain (after the scale), with policy_conservative.
TEST(FusionPolicy, ConservativeChasesAReduceDownItsElementwiseChain) {
  Scheduled c(kBench / "attention", "conservative");
  auto it = std::find_if(c.decisions.begin(), c.decisions.end(), [](const DecisionRecord& d) { return d.reason == "policy_conservative"; });
  ASSERT_NE(it, c.decisions.end());
  EXPECT_TRUE(is_alu(it->node->op)) << it->node->summary();
  EXPECT_NE(it->detail.find("another reduce"), std::string::npos) << it->detail;
}

}  // namespace
}  // namespace rw::test
