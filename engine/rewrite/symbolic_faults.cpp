// Deliberately wrong variants of two symbolic rules, switched on by --inject-fault to test the
// checks and bisection. The simplifier runs with no context, so each rule asks the thread's
// FaultScope (faults.h) -- and only after its pattern matched, so with no fault on the cost is
// one predictable branch per matched node. Each sits just before the family it corrupts, so
// it wins over the correct rule for the nodes it takes.
#include <map>

#include "engine/rewrite/faults.h"
#include "engine/rewrite/symbolic.h"
#include "engine/rewrite/symbolic_terms.h"

namespace rw {

namespace {
const UPat x = int_var("x");
const UPat c = int_const("c");

// The correct fold is (x*c+y)//c -> x + y//c, which is x only when 0 <= y < c. This one
// forgets the condition: the remainder part y is dropped whatever its range, so e.g. a shifted
// index (x*c + r - 1)//c gives x where r == 0 should give x-1.
Rewrite div_drop_remainder(const Match& m) {
  if (!fault_active("div-drop-remainder")) return nullptr;
  UOpPtr num = m["x"];
  const int64_t d = m["c"]->const_int();
  if (d <= 1 || !exact(num)) return nullptr;
  Sum s = split_sum(num);
  if (!s.ok) return nullptr;
  std::vector<Term> quotient;
  bool rest = s.constant != 0;
  for (const Term& t : s.terms) {
    if (t.coef % d == 0) quotient.push_back({t.base, t.coef / d});
    else rest = true;
  }
  if (quotient.empty() || !rest) return nullptr;  // nothing to drop: the correct rules decide
  return build_sum(num, quotient, 0);
}

// The correct rule (single_period) keeps x%c as x when 0 <= x < c, testing every node's
// range. This one memoizes the test by the divisor alone (the numerator's range left out of
// the key), for as long as the FaultScope lasts: the first x%c of each divisor is decided
// right, and a later node with the same divisor but a larger x reuses the stale answer and
// loses its modulo. So its first firings are harmless and only a later one changes results.
Rewrite mod_stale_bound(const Match& m) {
  if (!fault_active("mod-stale-bound")) return nullptr;
  UOpPtr num = m["x"];
  const int64_t d = m["c"]->const_int();
  if (d <= 0 || num->is_const() || num->vmin < 0) return nullptr;
  std::map<int64_t, int64_t>& below = fault_memo("mod-stale-bound");  // divisor -> whether x < c held
  auto it = below.try_emplace(d, num->vmax < d).first;
  return it->second ? num : nullptr;
}
}  // namespace

PatternMatcher symbolic_div_fault_rules() {
  return {
      rule("FAULT div-drop-remainder: (x*c+y)//c -> x  [the condition 0 <= y < c is not checked]", x / c, div_drop_remainder),
  };
}

PatternMatcher symbolic_mod_fault_rules() {
  return {
      rule("FAULT mod-stale-bound: x%c -> x  [0 <= x < c, decided once per c and reused]", x % c, mod_stale_bound),
  };
}

}  // namespace rw
