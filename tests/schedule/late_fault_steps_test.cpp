// The "mod-stale-bound" fault fires harmlessly before it fires harmfully, on real programs:
// the rangeify snapshot holding its first firing still evaluates right with the stage
// evaluator, and the first wrong snapshot is a later step that holds another firing. So a
// bisection that stops at the first firing of a faulty rule would blame the wrong step; one
// that judges values finds the harmful one.
//
// Without the fault every rangeify snapshot of conv2d is right (pass_steps_test.cpp), so the
// wrong snapshots here come from the fault. The rule fires inside the nested "reshape index" passes of rangeify steps: each firing
// belongs to the rangeify step whose rewrite ran that nested pass (the next one reported).
#include <gtest/gtest.h>

#include "engine/ir/graph.h"
#include "engine/rewrite/graph_rewrite.h"
#include "tests/schedule/schedule_check.h"

namespace rw::test {
namespace {

const std::filesystem::path kShared = REWIND_SHARED_DIR;

struct RangeifySteps : RewriteObserver {
  std::vector<std::pair<UOpPtr, UOpPtr>> steps;
  std::vector<size_t> fault_in_step;  // per firing: the rangeify step (1-based) it belongs to
  void on_step(std::string_view pass, int64_t, const Rule& r, UOpPtr matched, UOpPtr replacement) override {
    if (r.info.text.starts_with("FAULT mod-stale-bound: ")) fault_in_step.push_back(steps.size() + 1);
    if (pass == "rangeify") steps.emplace_back(matched, replacement);
  }
};

struct LateWalk {
  std::vector<bool> green;  // per rangeify snapshot 0..n
  std::vector<size_t> fault_in_step;
};

LateWalk walk(const std::string& name) {
  const std::filesystem::path dir = kShared / name;
  Arena arena;
  Program program = load_program(arena, dir / "program.tg");
  UOpPtr sink = program.sink();
  std::vector<std::pair<size_t, HostArray>> expected;
  for (const ProgramOutput& o : program.outputs())
    expected.emplace_back(size_t(std::find(sink->src.begin(), sink->src.end(), o.tensor.node()) - sink->src.begin()),
                          read_npy(dir / ("expected_" + o.name + ".npy")));
  PassSnapshots snaps;
  RangeifySteps steps;
  ScheduleOptions o;
  o.faults = FaultSet::parse("mod-stale-bound");
  {
    TracerScope scope(snaps);
    RewriteObserverScope observe(&steps);
    schedule_program(program, o);
  }
  UOpPtr input = sink;
  for (size_t i = 0; i + 1 < snaps.passes.size(); ++i)
    if (snaps.passes[i + 1].first == "rangeify") input = snaps.passes[i].second;
  LateWalk w;
  w.fault_in_step = steps.fault_in_step;
  NodeMap map;
  for (size_t k = 0; k <= steps.steps.size(); ++k) {
    if (k > 0) map[steps.steps[k - 1].first] = steps.steps[k - 1].second;
    UOpPtr snap = apply_rewrites(input, map);
    bool ok = true;
    try {
      StageEvaluator ev(program.buffers());
      for (auto& [pos, want] : expected) ok &= compare_arrays(ev.value_as(snap->src[pos], want.shape), want, "y").ok;
    } catch (const std::exception&) {
      ok = false;  // an index the stale answer left outside its buffer
    }
    w.green.push_back(ok);
  }
  return w;
}

TEST(LateFault, ModStaleBoundFiresHarmlesslyBeforeItsHarmfulStep) {
  for (std::string name : {"conformance/conv2d", "conformance/attention", "bench/conv2d", "bench/attention"}) {
    LateWalk w = walk(name);
    ASSERT_GE(w.fault_in_step.size(), 2u) << name;
    size_t first_fault = w.fault_in_step.front();
    ASSERT_LT(first_fault, w.green.size()) << name;
    for (size_t k = 0; k <= first_fault; ++k) EXPECT_TRUE(w.green[k]) << name << ": snapshot " << k << ", at or before the first firing (step " << first_fault << ")";
    size_t first_red = size_t(std::find(w.green.begin(), w.green.end(), false) - w.green.begin());
    ASSERT_LT(first_red, w.green.size()) << name << " never went wrong in rangeify";
    EXPECT_GT(first_red, first_fault) << name;
    // The first wrong snapshot is a step in which the fault fired (a later firing).
    EXPECT_NE(std::find(w.fault_in_step.begin(), w.fault_in_step.end(), first_red), w.fault_in_step.end())
        << name << ": first wrong snapshot " << first_red << " holds no firing";
    RecordProperty(name + " first firing", int(first_fault));
    RecordProperty(name + " first wrong", int(first_red));
  }
}

}  // namespace
}  // namespace rw::test
