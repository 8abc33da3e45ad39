// Identities (engine/rewrite/symbolic_identity.cpp).
#include "tests/rewrite/symbolic_check.h"

namespace rw::symtest {
namespace {

using SymbolicIdentity = SymbolicCheck;

TEST_F(SymbolicIdentity, AddSubMul) {
  check(w + 0, w);
  check(0 + w, w);
  check(w - 0, w);
  check(w - w, k(0));
  check(w * 1, w);
  check(1 * w, w);
  check(w * 0, k(0));
  check(0 * w, k(0));
}

TEST_F(SymbolicIdentity, FloorDivisionAndModulo) {
  check(w / 1, w);
  check(w / -1, w * -1);
  check(w % 1, k(0));
  check(w % -1, k(0));
  check(0 / n, k(0));
  check(0 % n, k(0));
  check(n % n, k(0));   // n%0 == 0 as well
  check(m / m, k(1));   // m is never 0
  check(x / x, x / x);  // x may be 0, and 0//0 == 0: not 1
}

TEST_F(SymbolicIdentity, MaxDecidedByRanges) {
  check(max_(w, w), w);
  check(max_(x, -1), x);
  check(max_(k(-1), x), x);
  check(max_(x, y + 16), y + 16);
  check(max_(m, 0), k(0));
  check(max_(n, 0), max_(n, 0));
}

TEST_F(SymbolicIdentity, Negation) {
  check(-(-w), w);
}

TEST_F(SymbolicIdentity, BoolAlgebra) {
  check(b & b, b);
  check(b | b, b);
  check(b & t, b);
  check(b & f, f);
  check(b | t, t);
  check(b | f, b);
  check(b & !b, f);
  check(b | !b, t);
  check(!!b, b);
  check(eq(b, t), b);
  check(eq(b, f), !b);
  check(ne(b, f), b);
  check(b & (b & (x < 3)), b & (x < 3));
}

}  // namespace
}  // namespace rw::symtest
