#include "engine/rewrite/symbolic.h"

#include "engine/rewrite/graph_rewrite.h"

namespace rw {

const PatternMatcher& symbolic() {
  // Folding and identities first: they are the cheapest and shrink the graph; the families
  // that restructure (combine, div, mod) then see fewer, simpler nodes.
  // The fault rules sit just before the family they corrupt; they never fire without a
  // FaultScope naming them.
  static const PatternMatcher pm = symbolic_fold_rules() + symbolic_identity_rules() + symbolic_combine_rules() +
                                   symbolic_div_fault_rules() + symbolic_div_rules() + symbolic_mod_fault_rules() +
                                   symbolic_mod_rules() + symbolic_compare_rules() +
                                   symbolic_where_rules() + symbolic_valid_rules();
  return pm;
}

UOpPtr simplify(UOpPtr e) { return graph_rewrite(e, symbolic(), "symbolic"); }

}  // namespace rw
