// Bounds-checked runs (CodegenOptions::checked, rewind run --checked): a kernel that indexes
// outside a buffer is reported with its kernel, slot, buffer, index and size, runs to its end
// without touching the memory outside, and fails the run; the stage evaluator names the
// buffer and index of the same access. Checked kernels compute what unchecked ones do, and
// every public program passes compiled and checked.
#include <gtest/gtest.h>

#include "engine/reference/stage_evaluator.h"
#include "engine/runtime/compiled_program.h"
#include "tests/support/kernel_builder.h"

namespace rw::testing {
namespace {

const DType f32 = DType::float32();

// E_8: y[i] = x[i + shift] for i < 8 over an 8-element x (reads past x when shift > 0);
// S_8: z[i + 2] = x[i] over an 8-element z (writes past z at i = 6, 7).
struct OutOfBounds {
  Arena a;
  TestSchedule t;
  explicit OutOfBounds(int64_t shift) {
    KernelBuilder k(a);
    std::vector<double> xs = values(8, [](int64_t i) { return double(i) + 0.5; });
    int x = t.input("x", f32, xs);
    std::vector<double> ys(8);
    for (int64_t i = 0; i + shift < 8; ++i) ys[size_t(i)] = xs[size_t(i + shift)];
    int y = t.output("y", f32, ys);
    int z = t.intermediate(f32, 8);
    UOpPtr r = k.loop(0, 8), gy = k.global(0, f32, 8), gx = k.global(1, f32, 8);
    t.kernel("E_8", k.sink({k.store(gy, r, k.load(gx, r->add(shift)), {r})}), {y, x});
    UOpPtr s = k.loop(0, 8), gz = k.global(0, f32, 8), gx2 = k.global(1, f32, 8);
    t.kernel("S_8", k.sink({k.store(gz, s->add(2), k.load(gx2, s), {s})}), {z, x});
  }
};

RunOptions checked_options(const TestSchedule& t) {
  RunOptions o;
  o.codegen.checked = true;
  o.expected = t.expected;
  o.warmup = 1;
  o.iterations = 2;
  return o;
}

TEST(CheckedRun, OutOfBoundsReadsAndWritesAreReportedNotCrashed) {
  OutOfBounds k(1);
  RunResult r = run_schedule(k.t.schedule, k.t.inputs, checked_options(k.t));
  ASSERT_EQ(r.out_of_bounds.size(), 2u);
  const BoundsReport& read = r.out_of_bounds[0];
  EXPECT_EQ(read.kernel, "E_8");
  EXPECT_EQ(read.slot, 1);
  EXPECT_EQ(read.buffer, "x");
  EXPECT_EQ(read.index, 8);
  EXPECT_EQ(read.size, 8);
  EXPECT_EQ(read.count, 1);  // per run, not summed over the warm-up and timed runs
  EXPECT_EQ(read.to_string(), "kernel E_8, buffer slot 1 (x), index 8 out of bounds [0, 8)");
  const BoundsReport& write = r.out_of_bounds[1];
  EXPECT_EQ(write.to_string(), "kernel S_8, buffer slot 0 (buf2), index 8 out of bounds [0, 8) (2 out-of-bounds accesses)");
  EXPECT_FALSE(r.ok());
  // The accesses inside their buffers happened: y[0..6] = x[1..7]; z[2..7] = x[0..5].
  for (int64_t i = 0; i < 7; ++i) EXPECT_EQ(r.buffers[1].data[size_t(i)], double(i + 1) + 0.5) << i;
  for (int64_t i = 2; i < 8; ++i) EXPECT_EQ(r.buffers[2].data[size_t(i)], double(i - 2) + 0.5) << i;
  EXPECT_EQ(r.buffers[0].data, k.t.inputs.at(0).data.data);  // the input next to them untouched
}

TEST(CheckedRun, InBoundsKernelsComputeTheSameAndReportNothing) {
  OutOfBounds k(0);
  k.t.schedule.kernels.pop_back();  // only E_8, reading x[i]
  RunOptions o = checked_options(k.t);
  RunResult checked = run_schedule(k.t.schedule, k.t.inputs, o);
  EXPECT_TRUE(checked.out_of_bounds.empty());
  EXPECT_TRUE(checked.ok());
  o.codegen.checked = false;
  RunResult plain = run_schedule(k.t.schedule, k.t.inputs, o);
  EXPECT_EQ(checked.buffers[1].data, plain.buffers[1].data);
  EXPECT_NE(checked.kernels[0].program.llvm_ir.find("call void @rw.oob(ptr %oob.rec, i64 1, "), std::string::npos);
  EXPECT_EQ(plain.kernels[0].program.llvm_ir.find("@rw.oob"), std::string::npos);
  const std::string& c = checked.kernels[0].program.c_source;  // upcast by 4: alu1 = 4*r + 1
  EXPECT_NE(c.find("float val1 = ((uint64_t)alu1 < 8u ? data1[alu1] : rw_oob(1, alu1, 8));"), std::string::npos) << c;
  EXPECT_NE(c.find("if ((uint64_t)alu1 < 8u) data0[alu1] = val1; else rw_oob(0, alu1, 8);"), std::string::npos) << c;
}

TEST(CheckedRun, TheStageEvaluatorNamesTheBufferAndIndex) {
  OutOfBounds k(1);
  try {
    evaluate_schedule(k.t.schedule, k.t.inputs);
    FAIL() << "an out-of-bounds read evaluated";
  } catch (const EvalError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("out-of-bounds read of DEFINE_GLOBAL slot 1: index 8 out of bounds [0, 8)", 0), 0u) << e.what();
  }
}

TEST(CheckedRun, EveryPublicProgramPassesChecked) {
  for (std::string suite : {"conformance", "bench"}) {
    CompiledOptions options;
    options.run.codegen.checked = true;
    ConformanceReport report = run_conformance({std::string(REWIND_SHARED_DIR) + "/" + suite}, compiled_evaluator(options));
    ASSERT_FALSE(report.results.empty());
    for (const CaseResult& r : report.results) EXPECT_TRUE(r.passed) << format_result(r);
  }
}

}  // namespace
}  // namespace rw::testing
