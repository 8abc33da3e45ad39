// Conditions as intervals: a comparison of an integer expression with a constant accepts one
// interval of the expression's values (or, for !=, all but one value). The where and validity
// rules decide one condition from another with these.
#pragma once
#include <optional>
#include <utility>

#include "engine/ir/uop.h"

namespace rw {

struct Bound {
  UOpPtr expr;      // the integer expression compared
  Op op;            // CMPLT, CMPNE or CMPEQ
  bool const_left;  // CMPLT: k<x (true) or x<k (false)
  __int128 k;
};
using Interval = std::pair<__int128, __int128>;  // inclusive; empty when first > second

// u as a comparison of a non-constant integer expression with a constant.
std::optional<Bound> as_bound(UOpPtr u);

// The values of the expression (within its range) that the bound accepts, or with negate
// rejects, when they form one interval.
std::optional<Interval> interval(const Bound& p, bool negate);

// The value of q for every value of its expression in [lo, hi], if it is the same for all.
std::optional<bool> decide(const Bound& q, __int128 lo, __int128 hi);

// The value of condition q wherever condition p is (negate: is not) true, when both bound the
// same expression and that decides q.
std::optional<bool> implied(UOpPtr p, bool negate, UOpPtr q);

}  // namespace rw
