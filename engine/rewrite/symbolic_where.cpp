// where (select) and the conditions that gate indexing: constant and repeated conditions,
// negated conditions, nested selects on the same condition, and and/or of two comparisons of
// the same expression, decided as intervals (one implies, excludes or complements the other).
#include <optional>

#include "engine/ir/arena.h"
#include "engine/rewrite/symbolic.h"
#include "engine/rewrite/symbolic_bounds.h"
#include "engine/rewrite/symbolic_terms.h"

namespace rw {

namespace {
const UPat cond = UPat::var("c").dtype(DType::bool_());
const UPat a = UPat::var("a"), b = UPat::var("b"), d = UPat::var("d");
const UPat t = UPat::const_(int64_t(1)).dtype(DType::bool_()), f = UPat::const_(int64_t(0)).dtype(DType::bool_());

// p & q: q is true wherever p is -> p; q is false wherever p is -> false.
Rewrite and_of_bounds(const Match& m) {
  UOpPtr pu = m["a"], qu = m["b"];
  auto p = as_bound(pu), q = as_bound(qu);
  if (!p || !q || p->expr != q->expr) return nullptr;
  for (int side = 0; side < 2; ++side) {
    const Bound& first = side ? *q : *p;
    const Bound& second = side ? *p : *q;
    auto in = interval(first, false);
    if (!in) continue;
    if (in->first > in->second) return m.arena().const_bool(false);
    if (auto v = decide(second, in->first, in->second)) return *v ? (side ? qu : pu) : m.arena().const_bool(false);
  }
  return nullptr;
}

// p | q: q is true wherever p is false -> true; q is true wherever p is -> q.
Rewrite or_of_bounds(const Match& m) {
  UOpPtr pu = m["a"], qu = m["b"];
  auto p = as_bound(pu), q = as_bound(qu);
  if (!p || !q || p->expr != q->expr) return nullptr;
  for (int side = 0; side < 2; ++side) {
    const Bound& first = side ? *q : *p;
    const Bound& second = side ? *p : *q;
    if (auto out = interval(first, true)) {
      if (out->first > out->second) return m.arena().const_bool(true);
      if (decide(second, out->first, out->second) == std::optional<bool>(true)) return m.arena().const_bool(true);
    }
    if (auto in = interval(first, false); in && in->first <= in->second)
      if (decide(second, in->first, in->second) == std::optional<bool>(true)) return side ? pu : qu;
  }
  return nullptr;
}
// where(c, where(e,a,b), d): inside the outer true branch c holds, which may decide e.
Rewrite inner_where_in_true_branch(const Match& m) {
  auto v = implied(m["c"], false, m["e"]);
  if (!v) return nullptr;
  return m["c"]->where(*v ? m["a"] : m["b"], m["d"]);
}

// where(c, d, where(e,a,b)): inside the outer false branch c does not hold.
Rewrite inner_where_in_false_branch(const Match& m) {
  auto v = implied(m["c"], true, m["e"]);
  if (!v) return nullptr;
  return m["c"]->where(m["d"], *v ? m["a"] : m["b"]);
}
}  // namespace

PatternMatcher symbolic_where_rules() {
  return {
      rule("where(c,a,a) -> a", upat_where(cond, a, a), [](const Match& m) { return m["a"]; }),
      rule("where(true,a,b) -> a;  where(false,a,b) -> b", upat_where(UPat::cvar("k"), a, b),
           [](const Match& m) { return m["k"]->const_int() ? m["a"] : m["b"]; }),
      rule("where(!c,a,b) -> where(c,b,a)", upat_where(upat_ne(cond, t), a, b),
           [](const Match& m) { return m["c"]->where(m["b"], m["a"]); }),
      rule("where(c,where(c,a,b),d) -> where(c,a,d)", upat_where(cond, upat_where(cond, a, b), d),
           [](const Match& m) { return m["c"]->where(m["a"], m["d"]); }),
      rule("where(c,a,where(c,b,d)) -> where(c,a,d)", upat_where(cond, a, upat_where(cond, b, d)),
           [](const Match& m) { return m["c"]->where(m["a"], m["d"]); }),
      rule("where(c,where(e,a,d),d) -> where(c&e,a,d)", upat_where(cond, upat_where(UPat::var("e"), a, d), d),
           [](const Match& m) { return m["c"]->logical_and(m["e"])->where(m["a"], m["d"]); }),
      rule("where(c,a,where(e,a,d)) -> where(c|e,a,d)", upat_where(cond, a, upat_where(UPat::var("e"), a, d)),
           [](const Match& m) { return m["c"]->logical_or(m["e"])->where(m["a"], m["d"]); }),
      rule("where(c,where(e,a,b),d) -> where(c,a,d)  [c implies e];  -> where(c,b,d)  [c excludes e]",
           upat_where(cond, upat_where(UPat::var("e"), a, b), d), inner_where_in_true_branch),
      rule("where(c,d,where(e,a,b)) -> where(c,d,a)  [!c implies e];  -> where(c,d,b)  [!c excludes e]",
           upat_where(cond, d, upat_where(UPat::var("e"), a, b)), inner_where_in_false_branch),
      // ** bool-valued selects are logic **
      rule("where(c,b,false) -> c&b", upat_where(cond, b.dtype(DType::bool_()), f), [](const Match& m) { return m["c"]->logical_and(m["b"]); }),
      rule("where(c,true,b) -> c|b", upat_where(cond, t, b.dtype(DType::bool_())), [](const Match& m) { return m["c"]->logical_or(m["b"]); }),
      rule("where(c,false,true) -> !c", upat_where(cond, f, t), [](const Match& m) { return m["c"]->logical_not(); }),
      // ** two comparisons of the same expression with constants, as intervals **
      rule("(x<k0)&(x<k1) -> x<min(k0,k1);  (k0<x)&(x<k1) -> false  [k1<=k0+1];  p&q -> p  [p implies q]",
           UPat::op(Op::AND).src({a, b}), and_of_bounds),
      rule("(x<k0)|(x<k1) -> x<max(k0,k1);  (k0<x)|(x<k1) -> true  [k0<k1];  p|q -> q  [p implies q]",
           UPat::op(Op::OR).src({a, b}), or_of_bounds),
  };
}

}  // namespace rw
