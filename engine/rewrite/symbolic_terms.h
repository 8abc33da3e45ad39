// Shared vocabulary of the symbolic rule families: sums as lists of terms, the canonical term
// order, and the "does not wrap" test that guards rules needing exact integer arithmetic.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "engine/ir/uop.h"
#include "engine/rewrite/upat.h"

namespace rw {

// Patterns over scalar integers (index and the int dtypes, not bool). Vector nodes are left
// alone: the rules build scalar constants.
UPat int_var(std::string name);    // any scalar integer node
UPat int_const(std::string name);  // a scalar integer CONST
UPat int_node();                   // any scalar integer node, unnamed

// True when u's value is the exact integer result of its op (nothing wrapped). Value ranges
// fall back to the whole dtype whenever a result might wrap, so any narrower range proves
// exactness; the whole range does not (it may also be a full-range variable: we give up).
bool exact(UOpPtr u);

// A CONST like `like` with value v, or nullptr when v does not fit its dtype (so a rule
// returning it simply does not fire).
UOpPtr const_fit(UOpPtr like, __int128 v);

// True when u + delta cannot leave u's dtype for any value u takes.
bool shift_fits(UOpPtr u, __int128 delta);

// One term of a sum: base*coef. A term without a constant factor has coef 1.
struct Term {
  UOpPtr base;
  int64_t coef;
};
Term as_term(UOpPtr u);           // x*c and c*x -> {x, c}; anything else -> {u, 1}
UOpPtr term_node(UOpPtr like, Term t);  // base*coef, with coef 1 -> base (coef 0: a 0 CONST)

// An ADD chain flattened into terms plus one constant. `ok` is false when the constants do
// not sum to a value of the dtype.
struct Sum {
  std::vector<Term> terms;
  __int128 constant = 0;
  bool ok = true;
};
Sum split_sum(UOpPtr u);
// Visits the terms and constants of u's ADD chain without building anything: f(UOpPtr term).
// Cheap pre-checks use it so rules that rarely apply do not allocate on every node.
template <class F>
void for_each_term(UOpPtr u, F&& f) {
  if (u->op == Op::ADD && u->src.size() == 2 && u->src[0]->dtype == u->dtype && u->src[1]->dtype == u->dtype) {
    for_each_term(u->src[0], f);
    for_each_term(u->src[1], f);
  } else {
    f(u);
  }
}
// Rebuilds terms (in this order, left-nested) + constant; an empty sum is the constant.
// nullptr when the constant does not fit the dtype of `like`.
UOpPtr build_sum(UOpPtr like, const std::vector<Term>& terms, __int128 constant);

// x = g*X + k%g where g = gcd(d, every coefficient of x) > 1 and X = (x - k%g)/g, for a sum
// x that does not wrap: the common factor that div and mod rules divide out.
struct CommonFactor {
  int64_t g;         // the common factor
  UOpPtr scaled;     // X
  int64_t constant;  // k, x's constant term
};
std::optional<CommonFactor> common_factor(UOpPtr x, int64_t d);

// The canonical order of operands (deterministic, never by pointer): variables by name, then
// ranges by axis, then other nodes by op and sources, constants last.
bool canonical_before(UOpPtr a, UOpPtr b);
// The order of terms in a sum: by base, so like terms (x*2, x*5) end up next to each other.
bool term_before(UOpPtr a, UOpPtr b);

}  // namespace rw
