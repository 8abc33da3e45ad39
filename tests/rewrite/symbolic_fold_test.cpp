// Constant folding (engine/rewrite/symbolic_fold.cpp): floor division and modulo, division by
// zero, wraparound to the dtype, and nodes whose value range pins one value.
#include "tests/rewrite/symbolic_check.h"

namespace rw::symtest {
namespace {

using SymbolicFold = SymbolicCheck;

TEST_F(SymbolicFold, FloorDivisionAndModuloOfConstants) {
  check(k(-7) / 2, k(-4));
  check(k(-7) % 2, k(1));
  check(k(7) / -2, k(-4));
  check(k(7) % -2, k(-1));
  check(k(-7) / -2, k(3));
  check(k(-7) % -2, k(-1));
  check(k(6) / 3, k(2));
  check(k(-6) % 3, k(0));
}

TEST_F(SymbolicFold, DivisionOrModuloByZeroIsZero) {
  check(k(-7) / 0, k(0));
  check(k(5) % 0, k(0));
}

TEST_F(SymbolicFold, ArithmeticComparisonsAndLogicOfConstants) {
  check(k(3) + 4, k(7));
  check(k(3) - 10, k(-7));
  check(-k(5), k(-5));
  check(k(6) * -7, k(-42));
  check(max_(k(-3), 2), k(2));
  check(k(3) < 4, t);
  check(ne(k(4), 4), f);
  check(eq(k(4), 4), t);
  check(t & f, f);
  check(t | f, t);
  check(where_(t, k(3), k(4)), k(3));
}

TEST_F(SymbolicFold, ResultsWrapToTheDtype) {
  auto c = [&](DType d, int64_t v) { return E(arena.const_int(d, v)); };
  check(c(DType::int32(), 2147483647) + c(DType::int32(), 1), c(DType::int32(), -2147483648LL));
  check(c(DType(Scalar::Int8), 127) + c(DType(Scalar::Int8), 1), c(DType(Scalar::Int8), -128));
  check(c(DType(Scalar::UInt8), 200) + c(DType(Scalar::UInt8), 100), c(DType(Scalar::UInt8), 44));
  check(c(DType::int32(), -2147483648LL) / c(DType::int32(), -1), c(DType::int32(), -2147483648LL));
  check(c(DType(Scalar::Int16), 300) * c(DType(Scalar::Int16), 300), c(DType(Scalar::Int16), 24464));
}

TEST_F(SymbolicFold, ARangeThatPinsOneValueIsThatConstant) {
  check(x / 16, k(0));
  check(z / 101, k(0));
  check(m / -21, k(0));  // m in [-20, -5]: floor(-20/-21) == floor(-5/-21) == 0
  check(m / 21, k(-1));  // floor semantics: every negative m rounds down to -1
  check(x < 16, t);
  check(x < 0, f);
  check(m < 0, t);
  check(ne(x, 20), t);
  check(eq(m, 3), f);
  check(E(arena.var("p", 5, 5)), k(5));
}

}  // namespace
}  // namespace rw::symtest
