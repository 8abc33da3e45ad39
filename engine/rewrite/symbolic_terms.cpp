#include "engine/rewrite/symbolic_terms.h"

#include <numeric>

#include "engine/ir/intmath.h"
#include "engine/rewrite/int_alu.h"

namespace rw {

using i128 = __int128;

namespace {
const std::vector<DType>& scalar_ints() {
  static const std::vector<DType> all = {DType::index(), DType::int32(), DType::int64(), DType(Scalar::Int8), DType(Scalar::Int16),
                                         DType(Scalar::UInt8), DType(Scalar::UInt16), DType(Scalar::UInt32), DType(Scalar::UInt64)};
  return all;
}
}  // namespace

UPat int_var(std::string name) { return UPat::var(std::move(name)).dtypes(scalar_ints()); }
UPat int_const(std::string name) { return UPat::cvar(std::move(name)).dtypes(scalar_ints()); }
UPat int_node() { return UPat::any().dtypes(scalar_ints()); }

bool exact(UOpPtr u) {
  if (!u->dtype.is_int()) return u->dtype.is_bool();
  VRange full = dtype_range(u->dtype);
  return u->vmin != full.min || u->vmax != full.max;
}

UOpPtr const_fit(UOpPtr like, i128 v) {
  if (!int_fits(like->dtype, v)) return nullptr;
  return like->const_like(int64_t(v));
}

bool shift_fits(UOpPtr u, i128 delta) { return int_fits(u->dtype, u->vmin + delta) && int_fits(u->dtype, u->vmax + delta); }

Term as_term(UOpPtr u) {
  if (u->op == Op::MUL && u->src.size() == 2) {
    if (u->src[1]->is_const()) return {u->src[0], u->src[1]->const_int()};
    if (u->src[0]->is_const()) return {u->src[1], u->src[0]->const_int()};
  }
  return {u, 1};
}

UOpPtr term_node(UOpPtr like, Term t) {
  if (t.coef == 0) return like->const_like(int64_t(0));
  if (t.coef == 1) return t.base;
  return t.base->mul(t.base->const_like(t.coef));
}

namespace {
void collect(UOpPtr u, const DType& d, Sum& s) {
  if (u->op == Op::ADD && u->dtype == d && u->src[0]->dtype == d && u->src[1]->dtype == d) {
    collect(u->src[0], d, s);
    collect(u->src[1], d, s);
  } else if (u->is_const()) {
    s.constant += u->const_int();
  } else {
    s.terms.push_back(as_term(u));
  }
}
}  // namespace

Sum split_sum(UOpPtr u) {
  Sum s;
  collect(u, u->dtype, s);
  s.ok = int_fits(u->dtype, s.constant);
  return s;
}

UOpPtr build_sum(UOpPtr like, const std::vector<Term>& terms, i128 constant) {
  UOpPtr c = const_fit(like, constant);
  if (!c) return nullptr;
  UOpPtr out = nullptr;
  for (const Term& t : terms) {
    if (t.coef == 0) continue;
    UOpPtr n = term_node(like, t);
    out = out ? out->add(n) : n;
  }
  if (!out) return c;
  return constant == 0 ? out : out->add(c);
}

namespace {
int rank(UOpPtr u) {
  switch (u->op) {
    case Op::DEFINE_VAR: return 0;
    case Op::RANGE: return 1;
    case Op::CONST: return 3;
    default: return 2;
  }
}

// -1, 0, 1 like a three-way comparison; 0 only for the same node (or a hash collision of
// different nodes with equal structure, which cannot order them anyway).
int compare(UOpPtr a, UOpPtr b) {
  if (a == b) return 0;
  int ra = rank(a), rb = rank(b);
  if (ra != rb) return ra < rb ? -1 : 1;
  if (a->op == Op::DEFINE_VAR) {
    const VarArg* va = a->arg.get_if<VarArg>();
    const VarArg* vb = b->arg.get_if<VarArg>();
    if (va && vb && va->name != vb->name) return va->name < vb->name ? -1 : 1;
  } else if (a->op == Op::RANGE) {
    const IntTuple* ta = a->arg.get_if<IntTuple>();
    const IntTuple* tb = b->arg.get_if<IntTuple>();
    if (ta && tb && *ta != *tb) return *ta < *tb ? -1 : 1;
  } else if (a->op == Op::CONST) {
    if (a->arg.is<int64_t>() && b->arg.is<int64_t>() && a->const_int() != b->const_int())
      return a->const_int() < b->const_int() ? -1 : 1;
  } else {
    if (a->op != b->op) return a->op < b->op ? -1 : 1;
    const size_t n = std::min(a->src.size(), b->src.size());
    for (size_t i = 0; i < n; ++i)
      if (int c = compare(a->src[i], b->src[i])) return c;
    if (a->src.size() != b->src.size()) return a->src.size() < b->src.size() ? -1 : 1;
  }
  if (a->hash != b->hash) return a->hash < b->hash ? -1 : 1;
  return 0;
}
}  // namespace

bool canonical_before(UOpPtr a, UOpPtr b) { return compare(a, b) < 0; }

bool term_before(UOpPtr a, UOpPtr b) { return compare(as_term(a).base, as_term(b).base) < 0; }

std::optional<CommonFactor> common_factor(UOpPtr x, int64_t d) {
  if (d <= 1 || !exact(x)) return std::nullopt;
  Sum s = split_sum(x);
  if (!s.ok || s.terms.empty()) return std::nullopt;
  int64_t g = d;
  for (const Term& t : s.terms) {
    if (t.coef == INT64_MIN) return std::nullopt;  // |coef| does not fit: std::gcd is undefined
    g = std::gcd(g, t.coef);
  }
  if (g <= 1) return std::nullopt;
  std::vector<Term> scaled;
  for (const Term& t : s.terms) scaled.push_back({t.base, t.coef / g});
  const int64_t k = int64_t(s.constant);
  UOpPtr inner = build_sum(x, scaled, floordiv(k, g));
  if (!inner || !exact(inner)) return std::nullopt;
  return CommonFactor{g, inner, k};
}

}  // namespace rw
