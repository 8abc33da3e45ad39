// Codegen and runtime speed: for a few kernel shapes, the time from kernel AST to rendered
// C and LLVM IR (codegen, untraced), the JIT time from IR to machine code (parse, -O2,
// code generation), and the run time of a 256x256x256 matmul-shaped kernel (one thread),
// with GFLOP/s from the kernel's own FLOP count.
//
//   ninja -C build codegen_bench && ./build/tests/bench/codegen_bench
#include <benchmark/benchmark.h>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "engine/codegen/codegen.h"
#include "engine/runtime/jit.h"
#include "engine/runtime/raw_buffer.h"
#include "tests/support/kernel_builder.h"

namespace rw {
namespace {

using testing::KernelBuilder;
const DType f32 = DType::float32();

UOpPtr elementwise(KernelBuilder& k) {
  UOpPtr r0 = k.loop(0, 1024), y = k.global(0, f32, 1024), x = k.global(1, f32, 1024);
  UOpPtr v = k.load(x, r0);
  UOpPtr e = k.alu(Op::MUL, f32, {k.alu(Op::EXP2, f32, {v}), k.alu(Op::ADD, f32, {v, k.f32(1)})});
  return k.sink({k.store(y, r0, e, {r0})});
}

UOpPtr row_sum(KernelBuilder& k) {
  UOpPtr r0 = k.loop(0, 256), r1 = k.reduce_range(1, 256), y = k.global(0, f32, 256), x = k.global(1, f32, 65536);
  return k.sink({k.store(y, r0, k.reduce(Op::ADD, k.load(x, r0->mul(256)->add(r1)), {r1}), {r0})});
}

UOpPtr matmul(KernelBuilder& k, int64_t n) {
  UOpPtr r0 = k.loop(0, n), r1 = k.loop(1, n), r2 = k.reduce_range(2, n);
  UOpPtr out = k.global(0, f32, n * n), A = k.global(1, f32, n * n), B = k.global(2, f32, n * n);
  UOpPtr prod = k.alu(Op::MUL, f32, {k.load(A, r0->mul(n)->add(r2)), k.load(B, r2->mul(n)->add(r1))});
  return k.sink({k.store(out, r0->mul(n)->add(r1), k.reduce(Op::ADD, prod, {r2}), {r0, r1})});
}

// 3x3 convolution, 4 input channels, 8 output channels, 16x16 output, padding 1: the padded
// read is a gated load; with unrolling every reduce (4, 3, 3) becomes 36 unrolled products.
UOpPtr conv3x3(KernelBuilder& k) {
  UOpPtr oc = k.loop(0, 8), oy = k.loop(1, 16), ox = k.loop(2, 16);
  UOpPtr ic = k.reduce_range(3, 4), ky = k.reduce_range(4, 3), kx = k.reduce_range(5, 3);
  UOpPtr y = k.global(0, f32, 8 * 256), x = k.global(1, f32, 4 * 256), w = k.global(2, f32, 8 * 4 * 9);
  UOpPtr iy = oy->add(ky)->add(-1), ix = ox->add(kx)->add(-1);
  UOpPtr valid = k.idx(-1)->lt(iy)->logical_and(iy->lt(16))->logical_and(k.idx(-1)->lt(ix))->logical_and(ix->lt(16));
  UOpPtr xv = k.load(x, ic->mul(256)->add(iy->mul(16))->add(ix), valid);
  UOpPtr wv = k.load(w, oc->mul(36)->add(ic->mul(9))->add(ky->mul(3))->add(kx));
  UOpPtr acc = k.reduce(Op::ADD, k.alu(Op::MUL, f32, {xv, wv}), {ic, ky, kx});
  return k.sink({k.store(y, oc->mul(256)->add(oy->mul(16))->add(ox), acc, {oc, oy, ox})});
}

using Builder = std::function<UOpPtr(KernelBuilder&)>;
struct Shape {
  const char* name;
  Builder build;
};
const std::vector<Shape>& shapes() {
  static const std::vector<Shape> s = {
      {"E_1024", elementwise},
      {"r_256_256", row_sum},
      {"r_256_256_256", [](KernelBuilder& k) { return matmul(k, 256); }},
      {"r_8_16_16_4_3_3", conv3x3},
  };
  return s;
}

void BM_Codegen(benchmark::State& state) {
  const Shape& s = shapes()[size_t(state.range(0))];
  state.SetLabel(s.name);
  for (auto _ : state) {
    Arena a;  // a fresh arena per kernel, as a run compiles each kernel once
    KernelBuilder k(a);
    UOpPtr ast = s.build(k);
    KernelProgram p = codegen_kernel(ast, s.name);
    benchmark::DoNotOptimize(p.llvm_ir.data());
  }
}
BENCHMARK(BM_Codegen)->DenseRange(0, 3)->Unit(benchmark::kMillisecond);

void BM_JitCompile(benchmark::State& state) {
  const Shape& s = shapes()[size_t(state.range(0))];
  state.SetLabel(s.name);
  Arena a;
  KernelBuilder k(a);
  KernelProgram p = codegen_kernel(s.build(k), s.name);
  Jit jit;
  int n = 0;
  for (auto _ : state) {
    std::string symbol = std::string(s.name) + "_" + std::to_string(n++);
    // Same IR, a fresh symbol each time: every iteration compiles from scratch.
    std::string ir = p.llvm_ir;
    for (size_t at = ir.find("@" + p.symbol + "("); at != std::string::npos; at = ir.find("@" + p.symbol + "(", at + 1))
      ir.replace(at + 1, p.symbol.size(), symbol);
    benchmark::DoNotOptimize(jit.compile(ir, symbol));
  }
}
BENCHMARK(BM_JitCompile)->DenseRange(0, 3)->Unit(benchmark::kMillisecond);

void BM_Matmul256Run(benchmark::State& state) {
  const int64_t n = 256;
  Arena a;
  KernelBuilder k(a);
  CodegenOptions o;
  o.opts = state.range(0) ? OptSet::all() : OptSet::none();
  KernelProgram p = codegen_kernel(matmul(k, n), "r_256_256_256", o);
  Jit jit;
  Jit::KernelFn fn = jit.compile(p.llvm_ir, p.symbol);
  RawBuffer c(f32, n * n), A(f32, n * n), B(f32, n * n);
  auto* pa = static_cast<float*>(A.data());
  auto* pb = static_cast<float*>(B.data());
  for (int64_t i = 0; i < n * n; ++i) pa[i] = float(std::sin(double(i))), pb[i] = float(std::cos(double(i)));
  void* bufs[] = {c.data(), A.data(), B.data()};
  for (auto _ : state) fn(bufs);
  state.SetLabel(std::string("--opt=") + o.opts.to_string());
  state.counters["GFLOP/s"] = benchmark::Counter(double(p.flops) * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_Matmul256Run)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace rw

BENCHMARK_MAIN();
