// The symbolic simplifier for integer, index and bool arithmetic: rule families, each in
// its own file, composed into one PatternMatcher. IDIV and MOD floor (like Python); every
// rule is sound for negative values and negative divisors, and rules that need exact
// integer arithmetic only fire where value ranges (vmin/vmax) prove nothing wraps.
#pragma once
#include "engine/rewrite/pattern_matcher.h"

namespace rw {

PatternMatcher symbolic_fold_rules();      // constants: fold every int/bool ALU op; ranges that pin one value
PatternMatcher symbolic_identity_rules();  // x+0, x*1, x*0, x//1, x%1, max(x,x), bool identities...
PatternMatcher symbolic_combine_rules();   // like terms, constants to the right, canonical term order
PatternMatcher symbolic_div_rules();       // floor division by constants
PatternMatcher symbolic_mod_rules();       // floor modulo by constants
PatternMatcher symbolic_compare_rules();   // comparisons decided or normalized
PatternMatcher symbolic_where_rules();     // where, and/or of conditions
PatternMatcher symbolic_valid_rules();     // where branches simplified given their condition
// Deliberately wrong variants (--inject-fault; symbolic_faults.cpp), inert unless a FaultScope
// turns them on.
PatternMatcher symbolic_div_fault_rules();  // div-drop-remainder
PatternMatcher symbolic_mod_fault_rules();  // mod-stale-bound

// All families, in the order they are tried. Built once; safe to share between threads.
const PatternMatcher& symbolic();

// graph_rewrite(e, symbolic(), "symbolic").
UOpPtr simplify(UOpPtr e);

}  // namespace rw
