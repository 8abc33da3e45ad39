// Canonical sums and products (engine/rewrite/symbolic_combine.cpp).
#include "tests/rewrite/symbolic_check.h"

namespace rw::symtest {
namespace {

using SymbolicCombine = SymbolicCheck;

TEST_F(SymbolicCombine, LikeTerms) {
  check(x + x, x * 2);
  check(x * 2 + x * 3, x * 5);
  check(x + y + x, x * 2 + y);
  check(y * 4 + x * 2 + y * -4, x * 2);
  check((x + y) + (x + y), x * 2 + y * 2);
  check(x + 5 - 5, x);
}

TEST_F(SymbolicCombine, ConstantsFoldAndMoveRight) {
  check((x + 3) + 4, x + 7);
  check((x * 3) * 4, x * 12);
  check(3 + x, x + 3);
  check(2 + x + 3 + y, x + y + 5);
  check(x * y * 3, x * y * 3);
  check(3 * (x * y), x * y * 3);
}

TEST_F(SymbolicCombine, TermsInCanonicalOrder) {
  check(y + x, x + y);
  check(z + y + x, x + y + z);
  check(z * 2 + (y + x * 5), x * 5 + y + z * 2);
}

TEST_F(SymbolicCombine, ConstantsDistributeOverSums) {
  check(3 * (x + y), x * 3 + y * 3);
  check((x + 2) * 3 + y, x * 3 + y + 6);
  check((w - 3) * -2, w * -2 + 6);
}

TEST_F(SymbolicCombine, SubtractionAndNegationAreMultiplicationByMinusOne) {
  check(x - y, x + y * -1);
  check(-x, x * -1);
  check(-(w + 3), w * -1 + -3);
}

TEST_F(SymbolicCombine, QuotientAndRemainderRecombine) {
  check(x / 4 * 4 + x % 4, x);
  check(x % 4 * 3 + x / 4 * 12, x * 3);
  check(z / 7 * 7 + z % 7 + 1, z + 1);
  check((x % 4 + x / 4 * 4) * 2, x * 2);
  check((z + 7) / 7 - z / 7, k(1));
}

TEST_F(SymbolicCombine, RingIdentitiesHoldUnderWraparound) {
  // int32: s*2147483647 + s == s*2^31, which wraps to s*-2^31 exactly as the hardware does.
  E s = i32("s", -10, 10);
  check(s * 2147483647 + s, s * -2147483648LL);
}

TEST_F(SymbolicCombine, UnsignedValuesKeepTheirSubtractions) {
  E u = E(arena.var("u", 0, 100, DType(Scalar::UInt32))), v = E(arena.var("v", 0, 100, DType(Scalar::UInt32)));
  check(u - v, u - v);  // no -1 constant exists in uint32
  check(u + 3 + 4, u + 7);
  check(u * 2 + u * 3, u * 5);
  check(u - u, E(arena.const_int(DType(Scalar::UInt32), 0)));
}

}  // namespace
}  // namespace rw::symtest
