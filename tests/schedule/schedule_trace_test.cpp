// What the scheduler reports to the tracer: its passes under one "schedule" group, every
// realize/fuse decision with a documented reason code, every kernel with its AST and the
// tensor nodes it computes.
#include <gtest/gtest.h>

#include <set>
#include <unordered_set>

#include "engine/ir/graph.h"

#include "tests/schedule/schedule_check.h"

namespace rw::test {
namespace {

const std::filesystem::path kShared = REWIND_SHARED_DIR;

struct PassTree : Tracer {
  bool active() const override { return true; }
  void begin_pass(std::string_view name, std::string_view kind, UOpPtr) override {
    if (depth++ <= 1) lines.push_back(std::string(depth - 1, ' ') + std::string(name) + ":" + std::string(kind));
  }
  void end_pass(UOpPtr, bool, std::string_view, std::span<const RuleStat>) override { --depth; }
  int depth = 0;
  std::vector<std::string> lines;
};

TEST(ScheduleTrace, PassesNestUnderOneScheduleGroup) {
  Arena arena;
  Program p = load_program(arena, kShared / "bench" / "softmax" / "program.tg");
  PassTree tree;
  {
    TracerScope scope(tree);
    schedule_program(p);
  }
  std::vector<std::string> want = {"schedule:group",         " early cleanups:schedule", " realize decisions:schedule", " rangeify:schedule",
                                   " symbolic:schedule",     " bufferize to store:schedule", " split kernels:schedule"};
  EXPECT_EQ(tree.lines, want);
}

TEST(ScheduleTrace, DecisionsUseDocumentedCodesAndKernelsSayWhatTheyCompute) {
  const std::set<std::string> documented = {"output", "explicit_contiguous", "children_mismatch", "children_same_index",
                                            "ends_range", "policy_conservative", "policy_conservative_expand", "policy_none", "recompute", "max_buffers"};
  for (auto sub : {"conformance", "bench"})
    for (const auto& dir : find_cases(kShared / sub)) {
      CaseCheck c = check_case(dir, {});
      ASSERT_TRUE(c.error.empty()) << c.error;
      for (const DecisionRecord& d : c.decisions) {
        EXPECT_TRUE(documented.contains(d.reason)) << dir.filename() << ": " << d.reason;
        EXPECT_TRUE(d.decision == "realize" || d.decision == "fuse") << d.decision;
        EXPECT_FALSE(d.detail.empty());
      }
      ASSERT_EQ(c.kernels.size(), c.schedule.kernels.size()) << dir.filename();
      for (size_t i = 0; i < c.kernels.size(); ++i) {
        EXPECT_EQ(c.kernels[i].name, c.schedule.kernels[i].name);
        EXPECT_EQ(c.kernels[i].ast, c.schedule.kernels[i].ast);
        EXPECT_FALSE(c.kernels[i].computes.empty()) << dir.filename() << " " << c.kernels[i].name;
      }
      // every non-input buffer comes from a reported realize decision
      for (const ScheduleBuffer& b : c.schedule.buffers) {
        if (b.role == ScheduleBuffer::Role::Input) continue;
        bool reported = std::any_of(c.decisions.begin(), c.decisions.end(), [&](const DecisionRecord& d) { return d.decision == "realize" && d.reason == b.reason; });
        EXPECT_TRUE(reported) << dir.filename() << " " << b.name << " " << b.reason;
      }
    }
}

TEST(ScheduleTrace, SoftmaxDecisions) {
  CaseCheck c = check_case(kShared / "bench" / "softmax", {});
  std::multiset<std::string> reasons;
  for (const DecisionRecord& d : c.decisions) reasons.insert(d.decision + ":" + d.reason);
  EXPECT_EQ(reasons, (std::multiset<std::string>{"realize:output", "realize:children_mismatch"}));
}

}  // namespace
}  // namespace rw::test

namespace rw::test {
namespace {

// A kernel's `computes` names nodes of the program's own tensor graph (what a viewer can show
// with their source locations), even where early cleanups rebuilt them.
TEST(ScheduleTrace, ComputesNamesTheProgramsOwnNodes) {
  for (auto sub : {"conformance", "bench"})
    for (const auto& dir : find_cases(kShared / sub)) {
      Arena arena;
      Program p = load_program(arena, dir / "program.tg");
      std::vector<UOpPtr> graph = toposort(p.sink());
      std::unordered_set<UOpPtr> nodes(graph.begin(), graph.end());
      Schedule s = schedule_program(p);
      for (const ScheduledKernel& k : s.kernels)
        for (UOpPtr n : k.computes) {
          EXPECT_TRUE(nodes.contains(n)) << dir.filename() << " " << k.name << ": " << n->summary();
          EXPECT_NE(arena.provenance(n), nullptr) << dir.filename() << " " << k.name << ": " << n->summary();
        }
    }
}

}  // namespace
}  // namespace rw::test
