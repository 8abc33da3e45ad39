// Identities: operations that leave a value unchanged or fix it regardless of the other
// operand. Scalar integer rules only: for floats x*0 is not 0 (NaN, inf) and x+0 may
// change -0.0.
#include "engine/ir/arena.h"
#include "engine/rewrite/symbolic.h"
#include "engine/rewrite/symbolic_terms.h"

namespace rw {

namespace {
const UPat x = int_var("x"), y = int_var("y");
const UPat b = UPat::var("b").dtype(DType::bool_());
const UPat t = UPat::const_(int64_t(1)).dtype(DType::bool_()), f = UPat::const_(int64_t(0)).dtype(DType::bool_());

UOpPtr zero(const Match& m) { return m.root->const_like(int64_t(0)); }
UOpPtr keep_x(const Match& m) { return m["x"]; }
UOpPtr keep_b(const Match& m) { return m["b"]; }
UOpPtr not_b(const Match& m) { return m["b"]->logical_not(); }
UOpPtr bool_const(const Match& m, bool v) { return m.arena().const_bool(v); }

// max(x, y) is whichever operand is never smaller than the other.
Rewrite max_by_range(const Match& m) {
  UOpPtr p = m["x"], q = m["y"];
  if (p->vmin >= q->vmax) return p;
  if (q->vmin >= p->vmax) return q;
  return nullptr;
}
}  // namespace

PatternMatcher symbolic_identity_rules() {
  return {
      // ** add / sub **
      rule("x+0 -> x", x + 0, keep_x),
      rule("x-0 -> x", x - UPat::const_(int64_t(0)), keep_x),
      rule("x-x -> 0", x - x, zero),
      // ** mul **
      rule("x*1 -> x", x * 1, keep_x),
      rule("x*0 -> 0", x * 0, zero),
      // ** floor division and modulo **
      rule("x//1 -> x", x / 1, keep_x),
      rule("x//-1 -> x*-1", x / -1, [](const Match& m) { return m["x"]->mul(int64_t(-1)); }),
      rule("0//x -> 0  [x//0 == 0 too]", UPat::const_(int64_t(0)) / x, zero),
      rule("x//x -> 1  [0 not in x's range]", x / x,
           [](const Match& m) -> Rewrite { return m["x"]->vmin > 0 || m["x"]->vmax < 0 ? m.root->const_like(int64_t(1)) : nullptr; }),
      rule("x%1 -> 0", x % 1, zero),
      rule("x%-1 -> 0", x % -1, zero),
      rule("0%x -> 0", UPat::const_(int64_t(0)) % x, zero),
      rule("x%x -> 0  [x%0 == 0 too]", x % x, zero),
      // ** max **
      rule("max(x,x) -> x", upat_max(x, x), keep_x),
      rule("max(x,y) -> x  [y.vmax <= x.vmin]", UPat::op(Op::MAX).src({x, y}), max_by_range),
      // ** negation **
      rule("-(-x) -> x", upat_neg(upat_neg(x)), keep_x),
      // ** bit operations on ints **
      rule("x|0 -> x", x | UPat::const_(int64_t(0)), keep_x),
      rule("x^0 -> x", UPat(Op::XOR, {x, UPat::const_(int64_t(0))}), keep_x),
      rule("x&0 -> 0", x & UPat::const_(int64_t(0)), zero),
      rule("x<<0 -> x", UPat(Op::SHL, {x, UPat::const_(int64_t(0))}), keep_x),
      rule("x>>0 -> x", UPat(Op::SHR, {x, UPat::const_(int64_t(0))}), keep_x),
      rule("cast(x) -> x  [same dtype]", UPat::op(Op::CAST).src({UPat::var("x")}),
           [](const Match& m) -> Rewrite { return m.root->dtype == m["x"]->dtype ? m["x"] : nullptr; }),
      // ** bool **
      rule("b&b -> b", b & b, keep_b),
      rule("b|b -> b", b | b, keep_b),
      rule("b&true -> b", b & t, keep_b),
      rule("b&false -> false", b & f, [](const Match& m) { return bool_const(m, false); }),
      rule("b|true -> true", b | t, [](const Match& m) { return bool_const(m, true); }),
      rule("b|false -> b", b | f, keep_b),
      rule("b^false -> b", UPat(Op::XOR, {b, f}), keep_b),
      rule("b^true -> !b", UPat(Op::XOR, {b, t}), not_b),
      rule("b^b -> false", UPat(Op::XOR, {b, b}), [](const Match& m) { return bool_const(m, false); }),
      rule("b!=false -> b", upat_ne(b, f), keep_b),
      rule("b==true -> b", upat_eq(b, t), keep_b),
      rule("b==false -> !b", upat_eq(b, f), not_b),
      rule("!!b -> b", upat_ne(upat_ne(b, t), t), keep_b),
      rule("b & !b -> false", b & upat_ne(b, t), [](const Match& m) { return bool_const(m, false); }),
      rule("b&(b&c) -> b&c", b & (b & UPat::var("c")), [](const Match& m) { return m["b"]->logical_and(m["c"]); }),
      rule("b|(b|c) -> b|c", b | (b | UPat::var("c")), [](const Match& m) { return m["b"]->logical_or(m["c"]); }),
      rule("b | !b -> true", b | upat_ne(b, t), [](const Match& m) { return bool_const(m, true); }),
  };
}

}  // namespace rw
