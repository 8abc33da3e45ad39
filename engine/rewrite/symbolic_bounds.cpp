#include "engine/rewrite/symbolic_bounds.h"

namespace rw {

using i128 = __int128;

std::optional<Bound> as_bound(UOpPtr u) {
  if (!(u->op == Op::CMPLT || u->op == Op::CMPNE || u->op == Op::CMPEQ) || u->src.size() != 2) return std::nullopt;
  UOpPtr l = u->src[0], r = u->src[1];
  if (!l->dtype.is_int()) return std::nullopt;
  if (r->is_const() && !l->is_const()) return Bound{l, u->op, false, r->const_int()};
  if (l->is_const() && !r->is_const()) return Bound{r, u->op, true, l->const_int()};
  return std::nullopt;
}

std::optional<Interval> interval(const Bound& p, bool negate) {
  const i128 lo = p.expr->vmin, hi = p.expr->vmax;
  bool below = p.op == Op::CMPLT && !p.const_left;  // x < k
  bool above = p.op == Op::CMPLT && p.const_left;   // k < x
  if (negate) std::swap(below, above);
  if (below) return Interval{lo, negate ? p.k : p.k - 1};        // !(k<x): x <= k
  if (above) return Interval{negate ? p.k : p.k + 1, hi};        // !(x<k): x >= k
  if ((p.op == Op::CMPEQ) != negate) return Interval{p.k, p.k};  // x == k, !(x != k)
  return std::nullopt;                                           // x != k: two intervals
}

std::optional<bool> decide(const Bound& q, i128 lo, i128 hi) {
  if (lo > hi) return std::nullopt;  // an empty interval: the caller's bound is itself false
  switch (q.op) {
    case Op::CMPLT:
      if (!q.const_left) {  // x < k
        if (hi < q.k) return true;
        if (lo >= q.k) return false;
      } else {              // k < x
        if (lo > q.k) return true;
        if (hi <= q.k) return false;
      }
      return std::nullopt;
    case Op::CMPNE:
    case Op::CMPEQ: {
      std::optional<bool> ne;
      if (q.k < lo || q.k > hi) ne = true;
      else if (lo == hi) ne = false;
      if (!ne) return std::nullopt;
      return q.op == Op::CMPNE ? *ne : !*ne;
    }
    default: return std::nullopt;
  }
}

std::optional<bool> implied(UOpPtr p, bool negate, UOpPtr q) {
  auto bp = as_bound(p), bq = as_bound(q);
  if (!bp || !bq || bp->expr != bq->expr) return std::nullopt;
  auto in = interval(*bp, negate);
  if (!in) return std::nullopt;
  return decide(*bq, in->first, in->second);
}

}  // namespace rw
