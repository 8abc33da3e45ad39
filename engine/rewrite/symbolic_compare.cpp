// Comparisons of integers: decided by value ranges (symbolic_fold), or normalized so the
// variable part stands alone against a constant: x<k and k<x. Moving a term across `<` is only
// valid if the side it leaves does not wrap, so those rules check exact().
#include <numeric>

#include "engine/ir/intmath.h"
#include "engine/ir/arena.h"
#include "engine/rewrite/symbolic.h"
#include "engine/rewrite/symbolic_terms.h"

namespace rw {

namespace {
using i128 = __int128;
const UPat x = int_var("x"), y = int_var("y");
const UPat c = int_const("c"), k = int_const("k");
const UPat t = UPat::const_(int64_t(1)).dtype(DType::bool_());

UOpPtr bool_const(const Match& m, bool v) { return m.arena().const_bool(v); }
int64_t val(const Match& m, std::string_view name) { return m[name]->const_int(); }

// x < K with K computed exactly; nullptr when K does not fit.
Rewrite lt_const(UOpPtr lhs, i128 rhs) {
  UOpPtr kk = const_fit(lhs, rhs);
  return kk ? lhs->lt(kk) : nullptr;
}
Rewrite const_lt(i128 lhs, UOpPtr rhs) {
  UOpPtr kk = const_fit(rhs, lhs);
  return kk ? kk->lt(rhs) : nullptr;
}

Rewrite add_lt(const Match& m) {
  if (!exact(m["s"])) return nullptr;
  return lt_const(m["x"], i128(val(m, "k")) - val(m, "c"));
}

Rewrite lt_add(const Match& m) {
  if (!exact(m["s"])) return nullptr;
  return const_lt(i128(val(m, "k")) - val(m, "c"), m["x"]);
}

// x*c < k: c>0 -> x < ceil(k/c); c<0 -> floor(k/c) < x (dividing by a negative flips).
Rewrite mul_lt(const Match& m) {
  const int64_t cc = val(m, "c"), kk = val(m, "k");
  if (cc == 0 || cc == 1 || kk == INT64_MIN || !exact(m["s"])) return nullptr;
  if (cc > 0) return lt_const(m["x"], ceildiv(kk, cc));
  return const_lt(floordiv(kk, cc), m["x"]);
}

// k < x*c: c>0 -> floor(k/c) < x; c<0 -> x < ceil(k/c).
Rewrite lt_mul(const Match& m) {
  const int64_t cc = val(m, "c"), kk = val(m, "k");
  if (cc == 0 || cc == 1 || kk == INT64_MIN || !exact(m["s"])) return nullptr;
  if (cc > 0) return const_lt(floordiv(kk, cc), m["x"]);
  return lt_const(m["x"], -floordiv(-kk, cc));  // ceil(k/c) for c < 0
}

// floor(x/c) < k: c>0 -> x < k*c; c<0 -> k*c < x.
Rewrite div_lt(const Match& m) {
  const int64_t cc = val(m, "c"), kk = val(m, "k");
  if (cc == 0) return nullptr;
  if (cc > 0) return lt_const(m["x"], i128(kk) * cc);
  return const_lt(i128(kk) * cc, m["x"]);
}

// k < floor(x/c) <=> k+1 <= floor(x/c): c>0 -> (k+1)*c-1 < x; c<0 -> x < (k+1)*c+1.
Rewrite lt_div(const Match& m) {
  const int64_t cc = val(m, "c"), kk = val(m, "k");
  if (cc == 0) return nullptr;
  if (cc > 0) return const_lt((i128(kk) + 1) * cc - 1, m["x"]);
  return lt_const(m["x"], (i128(kk) + 1) * cc + 1);
}

// d*X + p < k with d | k and 0 <= p < d  ->  X < k/d.
Rewrite common_factor_lt(const Match& m) {
  UOpPtr lhs = m["x"];
  const int64_t kk = val(m, "k");
  if (lhs->op != Op::ADD && lhs->op != Op::MUL) return nullptr;
  if (kk == INT64_MIN) return nullptr;  // std::gcd needs |k|
  if (!exact(lhs)) return nullptr;
  Sum s = split_sum(lhs);
  if (!s.ok || s.constant != 0) return nullptr;
  std::vector<Term> scaled, small;
  int64_t d = kk;
  for (const Term& term : s.terms) {
    if (term.coef == 1 || term.coef == -1) small.push_back(term);
    else if (term.coef == INT64_MIN) return nullptr;
    else { scaled.push_back(term); d = std::gcd(d, term.coef); }
  }
  if (scaled.empty() || d <= 1 || d == INT64_MIN) return nullptr;
  UOpPtr rest = build_sum(lhs, small, 0);
  if (!rest || rest->vmin < 0 || rest->vmax >= d) return nullptr;
  for (Term& term : scaled) term.coef /= d;
  UOpPtr reduced = build_sum(lhs, scaled, 0);
  if (!reduced || !exact(reduced)) return nullptr;
  return reduced->lt(kk / d);
}

// x+c != k, x+c == k: the equation moves its constant (the sum must be exact).
Rewrite add_eq(const Match& m) {
  if (!exact(m["s"])) return nullptr;
  UOpPtr kk = const_fit(m["x"], i128(val(m, "k")) - val(m, "c"));
  return kk ? m["x"]->alu(m.root->op, {kk}) : nullptr;
}

// x*c != k: no solution unless c | k; else x != k/c.
Rewrite mul_eq(const Match& m) {
  const int64_t cc = val(m, "c"), kk = val(m, "k");
  if (cc == 0 || cc == 1 || kk == INT64_MIN || !exact(m["s"])) return nullptr;
  if (kk % cc != 0) return bool_const(m, m.root->op == Op::CMPNE);
  return m["x"]->alu(m.root->op, {m["x"]->const_like(kk / cc)});
}
}  // namespace

PatternMatcher symbolic_compare_rules() {
  const UPat sum = (x + c).named("s"), prod = (x * c).named("s");
  return {
      rule("x<x -> false", x < x, [](const Match& m) { return bool_const(m, false); }),
      rule("x!=x -> false", upat_ne(x, x), [](const Match& m) { return bool_const(m, false); }),
      rule("x==x -> true", upat_eq(x, x), [](const Match& m) { return bool_const(m, true); }),
      // ** constants move to the constant side **
      rule("x+c<k -> x<k-c  [x+c does not wrap]", sum < k, add_lt),
      rule("k<x+c -> k-c<x  [x+c does not wrap]", k < sum, lt_add),
      rule("x*c<k -> x<ceil(k/c)  [c>0];  -> k//c<x  [c<0]  (x*c does not wrap)", prod < k, mul_lt),
      rule("k<x*c -> k//c<x  [c>0];  -> x<ceil(k/c)  [c<0]  (x*c does not wrap)", k < prod, lt_mul),
      rule("x//c<k -> x<k*c  [c>0];  -> k*c<x  [c<0]", (x / c) < k, div_lt),
      rule("k<x//c -> (k+1)*c-1<x  [c>0];  -> x<(k+1)*c+1  [c<0]", k < (x / c), lt_div),
      rule("x*d+y<k -> x<k/d  [d | k, 0 <= y < d, no wraparound]", x < k, common_factor_lt),
      rule("x*-1<y*-1 -> y<x", (x * -1) < (y * -1), [](const Match& m) { return m["y"]->lt(m["x"]); }),
      // ** negated comparisons **
      rule("!(x<k) -> k-1<x", upat_ne(x < k, t), [](const Match& m) { return const_lt(i128(val(m, "k")) - 1, m["x"]); }),
      rule("!(k<x) -> x<k+1", upat_ne(k < x, t), [](const Match& m) { return lt_const(m["x"], i128(val(m, "k")) + 1); }),
      // ** equations **
      rule("x+c!=k -> x!=k-c;  x+c==k -> x==k-c  [x+c does not wrap]", UPat::ops({Op::CMPNE, Op::CMPEQ}).src({sum, k}), add_eq),
      rule("x*c!=k -> x!=k/c  [c | k; else true];  == likewise  (x*c does not wrap)", UPat::ops({Op::CMPNE, Op::CMPEQ}).src({prod, k}), mul_eq),
  };
}

}  // namespace rw
