// Every step of the scheduler's passes is a graph the stage evaluator can run: snapshot k (the
// pass's input with its first k rewrites applied) gives the expected outputs for every k. With
// a fault on, the first wrong snapshot is exactly the step where the faulty rule fired: what
// bisection relies on.
#include <gtest/gtest.h>

#include "engine/ir/graph.h"
#include "engine/rewrite/graph_rewrite.h"
#include "tests/schedule/schedule_check.h"

namespace rw::test {
namespace {

const std::filesystem::path kShared = REWIND_SHARED_DIR;

struct Steps : RewriteObserver {
  explicit Steps(std::string pass) : pass(std::move(pass)) {}
  std::string pass;
  std::vector<std::pair<UOpPtr, UOpPtr>> steps;
  std::vector<std::string> rules;
  void on_step(std::string_view p, int64_t, const Rule& r, UOpPtr matched, UOpPtr replacement) override {
    if (p != pass) return;
    steps.emplace_back(matched, replacement);
    rules.push_back(r.info.text);
  }
};

struct Walk {
  std::vector<bool> green;  // per snapshot 0..n
  std::vector<std::string> rules;
  std::string first_message;
};

Walk walk_pass(const std::filesystem::path& dir, const std::string& fault, const std::string& pass) {
  Arena arena;
  Program program = load_program(arena, dir / "program.tg");
  std::vector<std::pair<size_t, HostArray>> expected;
  UOpPtr sink = program.sink();
  for (const ProgramOutput& o : program.outputs()) {
    auto file = dir / ("expected_" + o.name + ".npy");
    if (std::filesystem::exists(file))
      expected.emplace_back(size_t(std::find(sink->src.begin(), sink->src.end(), o.tensor.node()) - sink->src.begin()), read_npy(file));
  }
  PassSnapshots snaps;
  Steps steps(pass);
  ScheduleOptions o;
  o.faults = FaultSet::parse(fault);
  {
    TracerScope scope(snaps);
    RewriteObserverScope observe(&steps);
    schedule_program(program, o);
  }
  UOpPtr input = snaps.passes.empty() ? nullptr : sink;
  for (size_t i = 0; i + 1 < snaps.passes.size(); ++i)
    if (snaps.passes[i + 1].first == pass) input = snaps.passes[i].second;
  Walk w;
  w.rules = steps.rules;
  NodeMap map;
  for (size_t k = 0; k <= steps.steps.size(); ++k) {
    if (k > 0) map[steps.steps[k - 1].first] = steps.steps[k - 1].second;
    UOpPtr snap = apply_rewrites(input, map);
    bool ok = true;
    try {
      StageEvaluator ev(program.buffers());
      for (auto& [pos, want] : expected) {
        Comparison c = compare_arrays(ev.value_as(snap->src[pos], want.shape), want, "y");
        ok &= c.ok;
        if (!c.ok && w.first_message.empty()) w.first_message = c.message;
      }
    } catch (const std::exception& e) {
      ok = false;
      if (w.first_message.empty()) w.first_message = e.what();
    }
    w.green.push_back(ok);
  }
  return w;
}

Walk walk_rangeify(const std::filesystem::path& dir, const std::string& fault) { return walk_pass(dir, fault, "rangeify"); }

TEST(PassSteps, EverySnapshotOfRangeifyIsRight) {
  for (std::string name : {"softmax", "pad_sum", "cumsum", "shrink_flip", "attention", "layernorm", "conv2d", "permute_reshape"}) {
    Walk w = walk_rangeify(kShared / "conformance" / name, "");
    ASSERT_GT(w.green.size(), 1u) << name;
    RecordProperty(name, int(w.green.size()));
    for (size_t k = 0; k < w.green.size(); ++k)
      EXPECT_TRUE(w.green[k]) << name << " snapshot " << k << (k ? " after rule '" + w.rules[k - 1] + "'" : "") << ": " << w.first_message;
  }
}

TEST(PassSteps, EverySnapshotOfRangeifyIsRightOnBenchmarks) {
  for (std::string name : {"cumsum", "attention", "conv2d", "pad_reduce", "mlp"}) {
    Walk w = walk_rangeify(kShared / "bench" / name, "");
    ASSERT_GT(w.green.size(), 1u) << name;
    for (size_t k = 0; k < w.green.size(); ++k)
      EXPECT_TRUE(w.green[k]) << name << " snapshot " << k << (k ? " after rule '" + w.rules[k - 1] + "'" : "") << ": " << w.first_message;
  }
}

TEST(PassSteps, EverySnapshotOfTheLaterPassesIsRight) {
  for (std::string pass : {"early cleanups", "symbolic", "bufferize to store", "split kernels"})
    for (std::string name : {"softmax", "pad_sum", "cumsum", "attention", "shared_two_outputs", "mean_all"}) {
      Walk w = walk_pass(kShared / "conformance" / name, "", pass);
      for (size_t k = 0; k < w.green.size(); ++k)
        EXPECT_TRUE(w.green[k]) << name << " " << pass << " snapshot " << k << (k ? " after rule '" + w.rules[k - 1] + "'" : "") << ": " << w.first_message;
    }
}

TEST(PassSteps, TheFirstWrongSnapshotIsTheFaultyStep) {
  for (auto [name, fault] : {std::pair<std::string, std::string>{"pad_sum", "pad-mask"}, {"shrink_flip", "shrink-offset"}}) {
    Walk w = walk_rangeify(kShared / "conformance" / name, fault);
    size_t first_red = std::find(w.green.begin(), w.green.end(), false) - w.green.begin();
    ASSERT_LT(first_red, w.green.size()) << name << " never went wrong with " << fault;
    ASSERT_GE(first_red, 1u);
    EXPECT_TRUE(w.rules[first_red - 1].starts_with("FAULT " + fault)) << name << ": first wrong after '" << w.rules[first_red - 1] << "'";
  }
}

}  // namespace
}  // namespace rw::test
