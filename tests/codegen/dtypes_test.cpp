// Dtypes and ops beyond float32/int32: float64 math (pow, trunc, mulacc), int64 and int8/uint8
// buffers with wrapping casts, shifts and bit logic, unsigned floor division -- each through
// LLVM and the linear evaluator, against values computed here.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

#include "engine/runtime/jit.h"
#include "tests/support/kernel_builder.h"
#include "tests/support/run_both.h"

namespace rw::testing {
namespace {

TEST(CodegenDtypes, Float64PowTruncMulacc) {
  Arena a;
  KernelBuilder k(a);
  TestSchedule t;
  DType f64 = DType::float64();
  auto xv = [](int64_t i) { return 0.3 + double(i) * 0.71; };
  int x = t.input("x", f64, values(10, xv));
  int y = t.output("y", f64, values(10, [&](int64_t i) { return std::trunc(std::pow(xv(i), 1.5)) + xv(i) * 3.0 + 0.125; }));
  UOpPtr r0 = k.loop(0, 10), out = k.global(0, f64, 10), in = k.global(1, f64, 10);
  UOpPtr v = k.load(in, r0);
  UOpPtr c = a.const_float(f64, 1.5);
  UOpPtr p = k.alu(Op::TRUNC, f64, {k.alu(Op::POW, f64, {v, c})});
  UOpPtr m = k.alu(Op::MULACC, f64, {v, a.const_float(f64, 3.0), a.const_float(f64, 0.125)});
  t.kernel("E_10", k.sink({k.store(out, r0, k.alu(Op::ADD, f64, {p, m}), {r0})}), {y, x});
  expect_all_paths_pass(t);
}

TEST(CodegenDtypes, NarrowAndWideIntegers) {
  Arena a;
  KernelBuilder k(a);
  TestSchedule t;
  DType i8 = DType(Scalar::Int8), u8 = DType(Scalar::UInt8), i64 = DType::int64(), u32 = DType(Scalar::UInt32);
  std::vector<double> xs = values(12, [](int64_t i) { return double(i * 37 - 200); });  // int64 inputs
  std::vector<double> narrow, unsig, bits, udiv;
  for (double v : xs) {
    int64_t n = int64_t(v);
    narrow.push_back(double(int8_t(uint8_t(uint64_t(n)))));   // int64 -> int8 wraps
    unsig.push_back(double(uint8_t(uint64_t(n) * 3)));         // (x*3) as uint8
    bits.push_back(double(((n << 2) ^ (n >> 1)) & 0xff0));     // shifts and logic in int64
    uint32_t u = uint32_t(uint64_t(n));
    udiv.push_back(double(u / 7u + u % 5u));                   // unsigned division truncates
  }
  int x = t.input("x", i64, xs);
  int y8 = t.output("y8", i8, narrow), yu = t.output("yu", u8, unsig), yb = t.output("yb", i64, bits), yd = t.output("yd", u32, udiv);
  UOpPtr r0 = k.loop(0, 12), g8 = k.global(0, i8, 12), gu = k.global(1, u8, 12), gb = k.global(2, i64, 12), gd = k.global(3, u32, 12),
         gx = k.global(4, i64, 12);
  UOpPtr v = k.load(gx, r0);
  UOpPtr as_u8 = k.alu(Op::MUL, u8, {k.alu(Op::CAST, u8, {v}), a.const_int(u8, 3)});
  auto c64 = [&](int64_t c) { return a.const_int(i64, c); };
  UOpPtr shifted = k.alu(Op::AND, i64, {k.alu(Op::XOR, i64, {k.alu(Op::SHL, i64, {v, c64(2)}), k.alu(Op::SHR, i64, {v, c64(1)})}), c64(0xff0)});
  UOpPtr u = k.alu(Op::CAST, u32, {v});
  UOpPtr ud = k.alu(Op::ADD, u32, {k.alu(Op::IDIV, u32, {u, a.const_int(u32, 7)}), k.alu(Op::MOD, u32, {u, a.const_int(u32, 5)})});
  t.kernel("E_12", k.sink({k.store(g8, r0, k.alu(Op::CAST, i8, {v}), {r0}), k.store(gu, r0, as_u8, {r0}), k.store(gb, r0, shifted, {r0}),
                            k.store(gd, r0, ud, {r0})}),
           {y8, yu, yb, yd, x});
  expect_all_paths_pass(t);
}

// float16 is computed at float32 precision, as the reference interpreter keeps it.
TEST(CodegenDtypes, Float16AtFloat32Precision) {
  Arena a;
  KernelBuilder k(a);
  TestSchedule t;
  DType f16 = DType(Scalar::Float16), f32 = DType::float32();
  auto xv = [](int64_t i) { return double(float(0.1 * double(i) - 0.7)); };
  int x = t.input("x", f32, values(8, xv));
  int y = t.output("y", f16, values(8, [&](int64_t i) { return double(std::sqrt(float(xv(i)) * float(xv(i))) * 3.0f); }));
  UOpPtr r0 = k.loop(0, 8), out = k.global(0, f16, 8), in = k.global(1, f32, 8);
  UOpPtr h = k.alu(Op::CAST, f16, {k.load(in, r0)});
  UOpPtr v = k.alu(Op::MUL, f16, {k.alu(Op::SQRT, f16, {k.alu(Op::MUL, f16, {h, h})}), a.const_float(f16, 3.0)});
  t.kernel("E_8", k.sink({k.store(out, r0, v, {r0})}), {y, x});
  expect_all_paths_pass(t);
}

TEST(Jit, InvalidIrIsAnErrorNamingTheKernel) {
  Jit jit;
  try {
    jit.compile("define void @k(ptr %bufs) {\nentry:\n  %x = add i32 %undefined_value, 1\n  ret void\n}\n", "k");
    FAIL() << "expected a JitError";
  } catch (const JitError& e) {
    EXPECT_NE(std::string(e.what()).find("kernel k"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("undefined_value"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace rw::testing
