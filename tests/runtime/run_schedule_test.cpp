// run_schedule end to end on hand-built schedules: kernels in order through an intermediate
// buffer, timings and compile times filled, checks reported to the tracer, and the
// render-index fault caught by the check for the right kernel while the linear evaluator,
// which never sees the renderer, stays green.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/runtime/run_schedule.h"
#include "tests/support/kernel_builder.h"

namespace rw::testing {
namespace {

const DType f32 = DType::float32();

class RecordingTracer : public Tracer {
 public:
  bool active() const override { return true; }
  void begin_pass(std::string_view name, std::string_view kind, UOpPtr) override { passes.emplace_back(name); }
  void on_kernel(const KernelRecord& k) override { kernels.push_back(k); }
  void on_timing(const TimingRecord& t) override { timings.push_back(t); }
  void on_check(const CheckRecord& c) override { checks.push_back(c); }
  std::vector<std::string> passes;
  std::vector<KernelRecord> kernels;
  std::vector<TimingRecord> timings;
  std::vector<CheckRecord> checks;
};

// y = x * 3 (E_4_8, a computed index r0*8+r1); s[i] = sum_j y[i, j] (r_4_8); z = s + 1 (E_4).
struct ThreeKernels {
  Arena a;
  TestSchedule t;
  ThreeKernels() {
    KernelBuilder k(a);
    std::vector<double> xs = values(32, [](int64_t i) { return std::cos(double(i)) * 2; });
    int x = t.input("x", f32, xs);
    int y = t.intermediate(f32, 32);
    std::vector<double> sums(4), zs(4);
    for (int i = 0; i < 4; ++i) {
      float s = 0;
      for (int j = 0; j < 8; ++j) s += float(xs[size_t(i * 8 + j)]) * 3.0f;
      sums[size_t(i)] = s;
      zs[size_t(i)] = double(s + 1.0f);
    }
    int s = t.intermediate(f32, 4);
    int z = t.output("z", f32, zs);
    t.expected[s] = HostArray{f32, {4}, sums};

    UOpPtr r0 = k.loop(0, 4), r1 = k.loop(1, 8), i = r0->mul(8)->add(r1);
    UOpPtr gy = k.global(0, f32, 32), gx = k.global(1, f32, 32);
    t.kernel("E_4_8", k.sink({k.store(gy, i, k.alu(Op::MUL, f32, {k.load(gx, i), k.f32(3)}), {r0, r1})}), {y, x});

    UOpPtr q0 = k.loop(0, 4), q1 = k.reduce_range(1, 8), gs = k.global(0, f32, 4), gy2 = k.global(1, f32, 32);
    t.kernel("r_4_8", k.sink({k.store(gs, q0, k.reduce(Op::ADD, k.load(gy2, q0->mul(8)->add(q1)), {q1}), {q0})}), {s, y});

    UOpPtr e0 = k.loop(0, 4), gz = k.global(0, f32, 4), gs2 = k.global(1, f32, 4);
    t.kernel("E_4", k.sink({k.store(gz, e0, k.alu(Op::ADD, f32, {k.load(gs2, e0), k.f32(1)}), {e0})}), {z, s});
  }
};

TEST(RunSchedule, KernelsRunInOrderAndEveryCheckPasses) {
  ThreeKernels k;
  RecordingTracer tracer;
  TracerScope scope(tracer);
  RunOptions o;
  o.expected = k.t.expected;
  o.iterations = 3;
  RunResult r = run_schedule(k.t.schedule, k.t.inputs, o);
  ASSERT_EQ(r.checks.size(), 2u);
  EXPECT_TRUE(r.ok()) << r.checks[0].detail << r.checks[1].detail;
  EXPECT_EQ(r.checks[0].kernel, "r_4_8");  // the intermediate s, written by the reduce
  EXPECT_EQ(r.checks[1].kernel, "E_4");
  NamedArrays outs = r.outputs(k.t.schedule);
  ASSERT_EQ(outs.size(), 1u);
  EXPECT_EQ(outs[0].first, "z");
  EXPECT_EQ(outs[0].second.data, k.t.expected.at(3).data);

  ASSERT_EQ(r.kernels.size(), 3u);
  for (const KernelRun& kr : r.kernels) {
    EXPECT_GT(kr.compile_ms, 0.0) << kr.program.name;
    EXPECT_EQ(kr.timing.iterations, 3);
    EXPECT_GT(kr.timing.min_us, 0.0);
    EXPECT_GE(kr.timing.median_us, kr.timing.min_us);
    EXPECT_GT(kr.program.bytes, 0);
    EXPECT_GT(kr.program.flops, 0);
  }
  EXPECT_EQ(r.kernels[0].program.flops, 32);                // one multiply per element
  EXPECT_EQ(r.kernels[0].program.bytes, 2 * 32 * 4);        // read x, write y
  ASSERT_EQ(tracer.kernels.size(), 3u);
  EXPECT_EQ(tracer.kernels[1].name, "r_4_8");
  EXPECT_NE(tracer.kernels[1].llvm_ir.find("define void @r_4_8"), std::string::npos);
  EXPECT_NE(tracer.kernels[1].c_source.find("for (int32_t ridx1 = 0; ridx1 < 8; ridx1++)"), std::string::npos);
  EXPECT_NE(tracer.kernels[1].linear.find("RANGE"), std::string::npos);
  EXPECT_GT(tracer.kernels[1].compile_ms, 0.0);
  EXPECT_EQ(tracer.timings.size(), 3u);
  EXPECT_EQ(tracer.checks.size(), 2u);
  for (const char* pass : {"codegen E_4_8", "lower reduce", "lower memory", "lower index dtype", "merge block ends", "create basic blocks", "finalize order"})
    EXPECT_NE(std::find(tracer.passes.begin(), tracer.passes.end(), pass), tracer.passes.end()) << pass;
}

TEST(RunSchedule, WrongReferenceIsReportedWithItsFirstBadIndex) {
  ThreeKernels k;
  RunOptions o;
  o.expected = k.t.expected;
  o.expected.at(3).data[2] += 0.5;
  RunResult r = run_schedule(k.t.schedule, k.t.inputs, o);
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(r.checks[0].ok);
  EXPECT_FALSE(r.checks[1].ok);
  EXPECT_EQ(r.checks[1].first_bad_index, 2);
  EXPECT_EQ(r.checks[1].mismatches, 1);
  EXPECT_NEAR(r.checks[1].max_abs_err, 0.5, 1e-6);
}

TEST(RunSchedule, RenderIndexFaultTurnsTheRightKernelRedAndTheLinearEvaluatorStaysGreen) {
  ThreeKernels k;
  RunOptions o;
  o.expected = k.t.expected;
  o.expected[1] = HostArray{f32, {32}, values(32, [](int64_t i) { return double(float(std::cos(double(i)) * 2) * 3.0f); })};  // y too
  o.codegen.faults = FaultSet::parse("render-index");

  RunResult compiled = run_schedule(k.t.schedule, k.t.inputs, o);
  ASSERT_EQ(compiled.checks.size(), 3u);
  // y (written by E_4_8, whose read address r0*8+r1 is computed) is the first wrong buffer.
  EXPECT_EQ(compiled.checks[0].buffer, "buf1");
  EXPECT_EQ(compiled.checks[0].kernel, "E_4_8");
  EXPECT_FALSE(compiled.checks[0].ok);
  EXPECT_EQ(compiled.checks[0].first_bad_index, 0);
  // The faulty rule shows in the IR the run compiled, and only there.
  EXPECT_NE(compiled.kernels[0].program.llvm_ir.find(".next = add i32"), std::string::npos);
  EXPECT_EQ(compiled.kernels[2].program.llvm_ir.find(".inside"), std::string::npos);  // E_4 reads at a bare loop variable

  o.executor = Executor::Linear;
  RunResult linear = run_schedule(k.t.schedule, k.t.inputs, o);
  EXPECT_TRUE(linear.ok());
  for (const CheckRecord& c : linear.checks) EXPECT_TRUE(c.ok) << c.detail;

  o.executor = Executor::Llvm;
  o.codegen.faults = FaultSet();
  EXPECT_TRUE(run_schedule(k.t.schedule, k.t.inputs, o).ok());
}

TEST(RunSchedule, MismatchedBindingIsAnErrorNamingTheKernel) {
  ThreeKernels k;
  k.t.schedule.buffers[0].dtype = DType::int32();  // x, where E_4_8 reads float32
  try {
    run_schedule(k.t.schedule, k.t.inputs, {});
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("kernel E_4_8"), std::string::npos) << e.what();
  }
}

TEST(LinearEvaluator, OutOfBoundsAccessIsAnErrorNamingKernelBufferAndIndex) {
  Arena a;
  KernelBuilder k(a);
  TestSchedule t;
  int x = t.input("x", f32, values(8, [](int64_t i) { return double(i); }));
  int y = t.output("y", f32, values(8, [](int64_t i) { return double(i); }));
  UOpPtr r0 = k.loop(0, 8), out = k.global(0, f32, 8), in = k.global(1, f32, 8);
  t.kernel("E_8", k.sink({k.store(out, r0, k.load(in, r0->add(1)), {r0})}), {y, x});
  RunOptions o;
  o.executor = Executor::Linear;
  try {
    run_schedule(t.schedule, t.inputs, o);
    FAIL() << "expected an out-of-bounds error";
  } catch (const EvalError& e) {
    std::string m = e.what();
    EXPECT_NE(m.find("kernel E_8"), std::string::npos) << m;
    EXPECT_NE(m.find("data1"), std::string::npos) << m;
    EXPECT_NE(m.find("index 8"), std::string::npos) << m;
  }
}

}  // namespace
}  // namespace rw::testing
