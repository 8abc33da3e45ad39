// The injected faults of the scheduler's simplifier, the reduce lowering and the linearizer,
// through the whole compiled path (run_compiled): on the programs where each faulty rule
// fires harmfully the kernels' checks fail, on a program where it never fires every check
// passes. Runs are bounds-checked, since a wrong index may leave its buffer: an access outside
// is reported, not a crash.
//
// Which public programs each fault changes (every conformance and bench program tried):
//   div-drop-remainder  conformance/permute_reshape, bench/cumsum
//   mod-stale-bound     conformance/attention, conformance/conv2d, bench/attention, bench/conv2d,
//                       bench/cumsum, bench/matmul64, bench/matmul256 (it fires, harmlessly, on
//                       every other program with a reshape)
//   reduce-max-zero     resources/examples/log_prob_max.tg, resources/examples/softmax_cold.tg:
//                       no shared program has a row whose values are all negative
//   acc-reset-in-loop   every program with a reduce loop: 17 of the 34
#include <gtest/gtest.h>

#include <filesystem>

#include "engine/ir/arena.h"
#include "engine/runtime/compiled_program.h"

namespace rw {
namespace {

const std::filesystem::path kShared = REWIND_SHARED_DIR;
const std::filesystem::path kExamples = std::filesystem::path(REWIND_SOURCE_DIR) / "resources" / "examples";

// Counts the firings of one fault: its rewrite steps, or its decisions for the linearizer.
class FaultCounter : public Tracer {
 public:
  explicit FaultCounter(std::string fault) : prefix_("FAULT " + std::move(fault)) {}
  bool active() const override { return true; }
  void on_rewrite(const RewriteEvent& e) override { firings += e.rule->text.starts_with(prefix_ + ": "); }
  void on_decision(const DecisionRecord& d) override { firings += d.decision == prefix_; }
  int firings = 0;

 private:
  std::string prefix_;
};

struct FaultyRun {
  int firings = 0;
  std::vector<std::string> failures;
  size_t out_of_bounds = 0;
};

FaultyRun run_program(const Program& program, const std::string& fault) {
  CompiledOptions o;
  o.schedule.faults = FaultSet::parse(fault);
  o.run.codegen.faults = o.schedule.faults;
  o.run.codegen.checked = true;
  o.run.warmup = 0;
  o.run.iterations = 1;
  FaultCounter counter(fault);
  TracerScope scope(counter);
  CompiledRun run = run_compiled(program, o);
  return FaultyRun{counter.firings, run.failures(), run.result.out_of_bounds.size()};
}

FaultyRun run_with(const std::filesystem::path& program_file, const std::string& fault) {
  Arena arena;
  return run_program(load_program(arena, program_file), fault);
}

std::filesystem::path shared(const std::string& name) { return kShared / name / "program.tg"; }

void expect_changes(const std::filesystem::path& program, const std::string& fault) {
  FaultyRun r = run_with(program, fault);
  EXPECT_GT(r.firings, 0) << program << " with " << fault;
  EXPECT_FALSE(r.failures.empty()) << program << ": the checks passed with " << fault;
}

void expect_untouched(const std::filesystem::path& program, const std::string& fault) {
  FaultyRun r = run_with(program, fault);
  EXPECT_EQ(r.firings, 0) << program << " with " << fault;
  EXPECT_TRUE(r.failures.empty()) << program << " with " << fault << ": " << (r.failures.empty() ? "" : r.failures.front());
}

TEST(InjectedFaults, EveryNewFaultIsKnownAndListed) {
  for (std::string name : {"div-drop-remainder", "mod-stale-bound", "reduce-max-zero", "acc-reset-in-loop"}) {
    EXPECT_TRUE(FaultSet::parse(name).has(name));
    EXPECT_NE(fault_names().find(name), std::string::npos) << name;
    EXPECT_NE(fault_table().find(name), std::string::npos) << name;
  }
  try {
    FaultSet::parse("mod-bound");
    FAIL() << "an unknown fault was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("acc-reset-in-loop"), std::string::npos) << e.what();
  }
}

TEST(InjectedFaults, DivDropRemainderBreaksShiftedIndices) {
  expect_changes(shared("conformance/permute_reshape"), "div-drop-remainder");
  expect_changes(shared("bench/cumsum"), "div-drop-remainder");
  FaultyRun first = run_with(shared("conformance/permute_reshape"), "div-drop-remainder");
  ASSERT_FALSE(first.failures.empty());
  EXPECT_EQ(first.failures.front().rfind("kernel E_4_6 wrote buffer y wrong: 12 mismatch(es)", 0), 0u) << first.failures.front();
  expect_untouched(shared("conformance/elementwise"), "div-drop-remainder");
}

TEST(InjectedFaults, ModStaleBoundBreaksLaterReshapes) {
  expect_changes(shared("conformance/conv2d"), "mod-stale-bound");
  expect_changes(shared("conformance/attention"), "mod-stale-bound");
  expect_changes(shared("bench/matmul64"), "mod-stale-bound");
  // The stale answer can drop a modulo that kept an index inside its buffer: reported, not a crash.
  EXPECT_GT(run_with(shared("bench/matmul64"), "mod-stale-bound").out_of_bounds, 0u);
  // Every public program has some x%c it meets (a reshape); a flat one has none.
  Arena arena;
  FaultyRun flat = run_program(build_program(arena, "x = rand(8, seed=1)\ny = x * 2 + 1\noutput(y)\n", "flat.tg", "."), "mod-stale-bound");
  EXPECT_EQ(flat.firings, 0);
  EXPECT_TRUE(flat.failures.empty());
  // Where it only meets nodes it decides right, it fires and changes nothing.
  for (std::string name : {"conformance/elementwise", "conformance/where_unary", "conformance/matmul", "bench/softmax"}) {
    FaultyRun harmless = run_with(shared(name), "mod-stale-bound");
    EXPECT_GT(harmless.firings, 0) << name;
    EXPECT_TRUE(harmless.failures.empty()) << name;
  }
}

TEST(InjectedFaults, ReduceMaxZeroBreaksAllNegativeRows) {
  expect_changes(kExamples / "log_prob_max.tg", "reduce-max-zero");
  expect_changes(kExamples / "softmax_cold.tg", "reduce-max-zero");
  FaultyRun best = run_with(kExamples / "log_prob_max.tg", "reduce-max-zero");
  ASSERT_FALSE(best.failures.empty());
  EXPECT_EQ(best.failures.front().rfind("kernel r_6_10_10 wrote buffer best wrong: 6 mismatch(es), first at index 0 (got 0.000000", 0), 0u)
      << best.failures.front();
  expect_untouched(shared("conformance/sum_axis"), "reduce-max-zero");
  // A max over rows that hold a positive value: the fault fires and the result is still right.
  FaultyRun positive = run_with(shared("conformance/max_keepdim"), "reduce-max-zero");
  EXPECT_GT(positive.firings, 0);
  EXPECT_TRUE(positive.failures.empty());
}

TEST(InjectedFaults, AccResetInLoopKeepsOnlyTheLastElement) {
  expect_changes(shared("conformance/sum_axis"), "acc-reset-in-loop");
  expect_changes(shared("conformance/matmul"), "acc-reset-in-loop");
  expect_changes(shared("bench/max_reduce"), "acc-reset-in-loop");
  EXPECT_EQ(run_with(shared("conformance/sum_axis"), "acc-reset-in-loop").out_of_bounds, 0u);  // wrong values, valid accesses
  expect_untouched(shared("conformance/elementwise"), "acc-reset-in-loop");
  expect_untouched(shared("conformance/broadcast"), "acc-reset-in-loop");
}

}  // namespace
}  // namespace rw
