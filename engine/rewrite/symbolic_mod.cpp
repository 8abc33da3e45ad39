// Floor modulo by constants. With floor semantics x%c lies in [0, c-1] for c > 0 whatever
// the sign of x, and (x + c*k)%c == x%c for every x: multiples of c drop out of a sum
// unconditionally. Rules that take a sum apart check that it is computed exactly (exact()).
#include <numeric>

#include "engine/ir/intmath.h"
#include "engine/rewrite/symbolic.h"
#include "engine/rewrite/symbolic_terms.h"

namespace rw {

namespace {
using i128 = __int128;
const UPat x = int_var("x");
const UPat c = int_const("c"), a = int_const("a");

// x%c == -((-x)%(-c)): a negative divisor becomes a positive one.
Rewrite negative_divisor(const Match& m) {
  UOpPtr num = m["x"];
  int64_t d = m["c"]->const_int();
  if (d >= -1 || d == INT64_MIN || num->vmin == num->dtype.min_int()) return nullptr;  // -1: x%-1 has its own rule
  return num->mul(int64_t(-1))->mod(-d)->mul(int64_t(-1));
}

// x%c == x - q*c when every value of x has the same quotient q.
Rewrite single_period(const Match& m) {
  UOpPtr num = m["x"];
  const int64_t d = m["c"]->const_int();
  if (d == 0) return nullptr;
  const int64_t q = floordiv(num->vmin, d);
  if (q != floordiv(num->vmax, d)) return nullptr;
  if (q == 0) return num;
  UOpPtr off = const_fit(num, -i128(q) * d);
  return off ? num->add(off) : nullptr;
}

// (x%m)%c == x%c when c divides m: x%m differs from x by a multiple of m.
Rewrite nested_mod(const Match& m) {
  const int64_t mm = m["a"]->const_int(), d = m["c"]->const_int();
  if (mm == 0 || d == 0 || d == -1 || mm % d != 0) return nullptr;
  return m["x"]->mod(m["c"]);
}

// x = sum(a_i*t_i) + k; multiples of c drop out: a_i -> a_i - q_i*c, k -> k%c, and a term
// t%m with c | m becomes t (it differs from t by a multiple of c).
Rewrite drop_multiples(const Match& m) {
  UOpPtr num = m["x"];
  const int64_t d = m["c"]->const_int();
  if (d == 0 || d == -1 || !exact(num)) return nullptr;
  bool drops = false;  // a coefficient or the constant outside one period of d, or an inner mod
  for_each_term(num, [&](UOpPtr t) {
    if (t->is_const()) return void(drops |= floormod(t->const_int(), d) != t->const_int());
    Term term = as_term(t);
    drops |= term.coef / d != 0 || term.base->op == Op::MOD;
  });
  if (!drops) return nullptr;
  Sum s = split_sum(num);
  if (!s.ok) return nullptr;
  std::vector<Term> remainder;
  bool progress = false;
  for (Term t : s.terms) {
    if (t.base->op == Op::MOD && t.base->src[1]->is_const() && t.base->src[1]->const_int() != 0 &&
        t.base->src[1]->const_int() % d == 0) {
      t.base = t.base->src[0];
      progress = true;
    }
    int64_t q = t.coef / d;
    progress |= q != 0;
    remainder.push_back({t.base, t.coef - q * d});
  }
  const i128 kr = floormod(int64_t(s.constant), d);
  progress |= kr != s.constant;
  if (!progress) return nullptr;
  UOpPtr rest = build_sum(num, remainder, kr);
  if (!rest || !exact(rest)) return nullptr;
  return rest->mod(d);
}

// g = gcd(c, every coefficient) > 1: x = g*X + r (0 <= r < g) and x%c == (X%(c/g))*g + r.
Rewrite mod_common_factor(const Match& m) {
  const int64_t d = m["c"]->const_int();
  auto f = common_factor(m["x"], d);
  if (!f) return nullptr;
  UOpPtr out = f->scaled->mod(d / f->g)->mul(f->g);
  const int64_t r = floormod(f->constant, f->g);
  return r ? out->add(r) : out;
}
}  // namespace

PatternMatcher symbolic_mod_rules() {
  return {
      rule("x%c -> ((x*-1)%(-c))*-1  [c<0]", x % c, negative_divisor),
      rule("x%c -> x-q*c  [floor(x.vmin/c) == floor(x.vmax/c) == q; q == 0: x]", x % c, single_period),
      rule("(x%a)%c -> x%c  [a%c == 0]", (x % a) % c, nested_mod),
      rule("(x*(c*q+r)+y%(c*n)+k)%c -> (x*r+y+k%c)%c  [drop multiples of c from a sum that does not wrap]", x % c, drop_multiples),
      rule("(x*g*a+k)%(g*c) -> (x*a+k//g)%c*g+k%g  [g = gcd of c and the coefficients, c>0, no wraparound]", x % c, mod_common_factor),
  };
}

}  // namespace rw
