// Floor division by constants. Floor semantics make the sum rules unconditional in the sign
// of the operands: (x*c+y)//c == x + y//c for every integer y. Rules that take a sum apart
// need it computed exactly, so they check that nothing wraps (exact()).
#include <numeric>

#include "engine/ir/intmath.h"
#include "engine/rewrite/symbolic.h"
#include "engine/rewrite/symbolic_terms.h"

namespace rw {

namespace {
using i128 = __int128;
const UPat x = int_var("x");
const UPat c = int_const("c"), a = int_const("a"), k = int_const("k");

// floor(x/c) == floor(-x/-c): a negative divisor becomes a positive one.
Rewrite negative_divisor(const Match& m) {
  UOpPtr num = m["x"];
  int64_t d = m["c"]->const_int();
  if (d >= -1 || d == INT64_MIN || num->vmin == num->dtype.min_int()) return nullptr;  // -1: x//-1 has its own rule
  return num->mul(int64_t(-1))->idiv(-d);
}

// x = sum(a_i*t_i) + k; with a_i = q_i*c + r_i (|r_i| < |c|) and k = kq*c + kr (0 <= kr < c):
// x//c = sum(q_i*t_i) + kq + (sum(r_i*t_i) + kr)//c, since the split-off part is a multiple of c.
Rewrite split_multiples(const Match& m) {
  UOpPtr num = m["x"];
  const int64_t d = m["c"]->const_int();
  if (d == 0 || d == -1 || !exact(num)) return nullptr;
  bool splits = false;  // a coefficient or the constant outside one period of d
  for_each_term(num, [&](UOpPtr t) {
    int64_t c = t->is_const() ? t->const_int() : as_term(t).coef;
    splits |= t->is_const() ? floordiv(c, d) != 0 : c / d != 0;
  });
  if (!splits) return nullptr;
  Sum s = split_sum(num);
  if (!s.ok) return nullptr;
  std::vector<Term> quotient, remainder;
  bool progress = false;
  for (const Term& t : s.terms) {
    int64_t q = t.coef / d;  // truncating: the remainder keeps the coefficient's sign and shrinks
    progress |= q != 0;
    quotient.push_back({t.base, q});
    remainder.push_back({t.base, t.coef - q * d});
  }
  const i128 kq = floordiv(int64_t(s.constant), d), kr = s.constant - kq * d;
  progress |= kq != 0;
  if (!progress) return nullptr;
  UOpPtr rest = build_sum(num, remainder, kr);
  UOpPtr whole = build_sum(num, quotient, kq);
  if (!rest || !whole || !exact(rest)) return nullptr;
  return whole->add(rest->idiv(d));
}

// g = gcd(c, every coefficient) > 1: x = g*X + r (0 <= r < g) and x//c == X//(c/g).
Rewrite divide_common_factor(const Match& m) {
  const int64_t d = m["c"]->const_int();
  auto f = common_factor(m["x"], d);
  if (!f) return nullptr;
  return f->scaled->idiv(d / f->g);
}

// floor(floor(x/a)/b) == floor(x/(a*b)) for b > 0 (and any a != 0).
Rewrite nested_div(const Match& m) {
  const int64_t da = m["a"]->const_int(), db = m["c"]->const_int();
  if (da == 0 || db <= 0) return nullptr;
  UOpPtr prod = const_fit(m["a"], i128(da) * db);
  return prod ? m["x"]->idiv(prod) : nullptr;
}

// (x//a + k)//b == (x + k*a)//(a*b) for b > 0: floor(x/a) + k == floor((x + k*a)/a).
Rewrite nested_div_offset(const Match& m) {
  UOpPtr num = m["x"];
  const int64_t da = m["a"]->const_int(), dk = m["k"]->const_int(), db = m["c"]->const_int();
  if (da == 0 || db <= 0) return nullptr;
  const i128 shift = i128(da) * dk;
  // The shifted numerator must not wrap.
  if (!exact(num) || !shift_fits(num, shift)) return nullptr;
  UOpPtr prod = const_fit(num, i128(da) * db), off = const_fit(num, shift);
  return prod && off ? num->add(off)->idiv(prod) : nullptr;
}

// (x%(k*c))//c == (x//c)%k for k > 0.
Rewrite mod_then_div(const Match& m) {
  const int64_t mm = m["a"]->const_int(), d = m["c"]->const_int();
  if (d == 0 || d == -1 || mm % d != 0 || mm / d <= 0) return nullptr;
  return m["x"]->idiv(d)->mod(mm / d);
}
}  // namespace

PatternMatcher symbolic_div_rules() {
  return {
      rule("x//c -> (x*-1)//(-c)  [c<0]", x / c, negative_divisor),
      rule("(x//a)//c -> x//(a*c)  [c>0]", (x / a) / c, nested_div),
      rule("(x//a+k)//c -> (x+k*a)//(a*c)  [c>0, x+k*a does not wrap]", ((x / a) + k) / c, nested_div_offset),
      rule("(x%a)//c -> (x//c)%(a/c)  [a%c==0, a/c>0]", (x % a) / c, mod_then_div),
      rule("(x*c*q+y*r+k)//c -> x*q+(y*r+k%c)//c+k//c  [split multiples of c out of a sum that does not wrap]", x / c, split_multiples),
      rule("(x*g*a+k)//(g*c) -> (x*a+k//g)//c  [g = gcd of c and the coefficients, c>0, no wraparound]", x / c, divide_common_factor),
  };
}

}  // namespace rw
