// Canonical sums and products of integers. A sum is a left-nested chain ((t0+t1)+t2)+c whose
// terms are in canonical order (term_before) with like terms merged and the constant last;
// products likewise ((x*y)*c). Subtraction and negation become multiplication by -1, so the
// sum rules see every term. These rules are ring identities: they hold under wraparound too.
#include <algorithm>

#include "engine/rewrite/int_alu.h"
#include "engine/rewrite/symbolic.h"
#include "engine/rewrite/symbolic_terms.h"

namespace rw {

namespace {
const UPat x = int_var("x"), y = int_var("y");
const UPat c = int_const("c"), c0 = int_const("c0"), c1 = int_const("c1");

// Operands of one ADD (MUL) share its dtype, so a chain is simply a run of the same op.
bool is_chain(UOpPtr u, Op op) { return u->op == op; }

// An unsigned dtype has no -1 constant: its subtractions stay subtractions.
bool signed_int(UOpPtr u) { return !u->dtype.is_unsigned(); }

// a op b with constants folded the way the dtype wraps.
UOpPtr fold(Op op, UOpPtr a, UOpPtr b) {
  int64_t v[2] = {a->const_int(), b->const_int()};
  auto r = eval_int_alu(op, a->dtype, a->dtype, v);
  return r ? a->const_like(*r) : nullptr;
}

// Merges two like terms (same base) into one; nullptr if they are not alike.
UOpPtr merge_like(UOpPtr p, UOpPtr q) {
  if (p->is_const() || q->is_const()) return nullptr;
  Term tp = as_term(p), tq = as_term(q);
  if (tp.base != tq.base) return nullptr;
  int64_t v[2] = {tp.coef, tq.coef};
  auto coef = eval_int_alu(Op::ADD, p->dtype, p->dtype, v);
  if (!coef) return nullptr;
  return term_node(p, Term{tp.base, *coef});
}

Rewrite combine_pair(const Match& m) {
  UOpPtr p = m["x"], q = m["y"];
  if (is_chain(p, Op::ADD) || is_chain(q, Op::ADD)) return nullptr;
  return merge_like(p, q);
}

Rewrite combine_in_chain(const Match& m) {
  UOpPtr p = m["x"], q = m["y"];
  if (is_chain(q, Op::ADD)) return nullptr;
  UOpPtr merged = merge_like(p, q);
  return merged ? m["s"]->add(merged) : nullptr;
}

Rewrite reassociate(const Match& m) {
  UOpPtr r = m["r"];
  if (r->dtype != m.root->dtype) return nullptr;
  return m["x"]->alu(m.root->op, {r->src[0]})->alu(m.root->op, {r->src[1]});
}

// Swap the operands of a commutative op when the right one comes first canonically. For ADD
// and MUL only between two non-chain operands: chains are ordered by the bubble rules.
Rewrite order_pair(const Match& m) {
  UOpPtr a = m.root->src[0], b = m.root->src[1];
  Op op = m.root->op;
  if ((op == Op::ADD || op == Op::MUL) && (is_chain(a, op) || is_chain(b, op))) return nullptr;
  bool swap = op == Op::ADD ? term_before(b, a) : canonical_before(b, a);
  return swap ? b->alu(op, {a}) : nullptr;
}

Rewrite bubble(const Match& m) {
  UOpPtr s = m["s"], a = m["x"], b = m["y"];
  Op op = m.root->op;
  if (is_chain(b, op)) return nullptr;
  bool swap = op == Op::ADD ? term_before(b, a) : canonical_before(b, a);
  return swap ? s->alu(op, {b})->alu(op, {a}) : nullptr;
}

// x%c*a + (x//c)*(c*a) -> x*a anywhere in a sum: the two terms are usually not neighbours in
// canonical order (all quotients sort before all remainders).
Rewrite recombine_divmod(const Match& m) {
  UOpPtr root = m.root;
  bool has_mod = false, has_div = false;
  for_each_term(root, [&](UOpPtr t) {
    UOpPtr base = as_term(t).base;
    has_mod |= base->op == Op::MOD;
    has_div |= base->op == Op::IDIV;
  });
  if (!has_mod || !has_div) return nullptr;
  Sum s = split_sum(root);
  if (!s.ok) return nullptr;
  for (size_t i = 0; i < s.terms.size(); ++i) {
    const Term& rem = s.terms[i];
    // x%0 + (x//0)*0 is 0, not x: the identity needs a divisor.
    if (rem.base->op != Op::MOD || !rem.base->src[1]->is_const() || rem.base->src[1]->const_int() == 0) continue;
    UOpPtr base = rem.base->src[0], div = rem.base->src[1];
    for (size_t j = 0; j < s.terms.size(); ++j) {
      const Term& quo = s.terms[j];
      if (quo.base->op != Op::IDIV || quo.base->src[0] != base || quo.base->src[1] != div) continue;
      if (__int128(quo.coef) != __int128(rem.coef) * div->const_int()) continue;
      std::vector<Term> terms;
      for (size_t k = 0; k < s.terms.size(); ++k) {
        if (k == i) terms.push_back(Term{base, rem.coef});
        else if (k != j) terms.push_back(s.terms[k]);
      }
      return build_sum(root, terms, s.constant);
    }
  }
  return nullptr;
}
}  // namespace

PatternMatcher symbolic_combine_rules() {
  const UPat add_xy = UPat::op(Op::ADD).src({x, y});
  const UPat chain_sx = UPat::op(Op::ADD).src({UPat::var("s"), x});
  const UPat mul_chain_sx = UPat::op(Op::MUL).src({UPat::var("s"), x});
  return {
      // ** subtraction and negation as multiplication by -1 **
      rule("x-y -> x+y*-1  [signed]", x - y, [](const Match& m) -> Rewrite {
        return signed_int(m.root) ? m["x"]->add(m["y"]->mul(int64_t(-1))) : nullptr;
      }),
      rule("-x -> x*-1  [signed]", upat_neg(x), [](const Match& m) -> Rewrite {
        return signed_int(m.root) ? m["x"]->mul(int64_t(-1)) : nullptr;
      }),
      // ** constants **
      rule("(x+c0)+c1 -> x+(c0+c1)", (x + c0) + c1, [](const Match& m) -> Rewrite {
        UOpPtr k = fold(Op::ADD, m["c0"], m["c1"]);
        return k ? m["x"]->add(k) : nullptr;
      }),
      rule("(x*c0)*c1 -> x*(c0*c1)", (x * c0) * c1, [](const Match& m) -> Rewrite {
        UOpPtr k = fold(Op::MUL, m["c0"], m["c1"]);
        return k ? m["x"]->mul(k) : nullptr;
      }),
      // ** chains are left-nested **
      rule("x+(y+z) -> (x+y)+z", UPat::op(Op::ADD).src({x, UPat::op(Op::ADD).named("r")}), reassociate),
      rule("x*(y*z) -> (x*y)*z", UPat::op(Op::MUL).src({x, UPat::op(Op::MUL).named("r")}), reassociate),
      // ** like terms **
      rule("x*c0+x*c1 -> x*(c0+c1)  [x alone is x*1: x+x -> x*2]", add_xy, combine_pair),
      rule("(s+x*c0)+x*c1 -> s+x*(c0+c1)", UPat::op(Op::ADD).src({chain_sx, y}), combine_in_chain),
      rule("x%c*a+(x//c)*(c*a) -> x*a  [anywhere in a sum]", UPat::op(Op::ADD).src({int_node(), int_node()}), recombine_divmod),
      // ** canonical order, constants last **
      rule("a+b -> b+a, a*b -> b*a, ...  [b before a canonically]",
           UPat::ops({Op::ADD, Op::MUL, Op::MAX, Op::AND, Op::OR, Op::XOR, Op::CMPNE, Op::CMPEQ}).src({UPat::var("x"), UPat::var("y")}),
           order_pair),
      rule("(s+a)+b -> (s+b)+a  [b before a]", UPat::op(Op::ADD).src({chain_sx, y}), bubble),
      rule("(s*a)*b -> (s*b)*a  [b before a]", UPat::op(Op::MUL).src({mul_chain_sx, y}), bubble),
      // ** distribute constants over sums **
      rule("(x+y)*c -> x*c+y*c", (x + y) * c,
           [](const Match& m) { return m["x"]->mul(m["c"])->add(m["y"]->mul(m["c"])); }),
  };
}

}  // namespace rw
