// Random index expressions for fuzzing the symbolic simplifier and value ranges. The same
// seed, variables and options give the same expression on every machine (own PRNG).
#pragma once
#include <cstdint>

#include "engine/ir/arena.h"
#include "engine/rewrite/index_vars.h"

namespace rw {

struct ExprGenOptions {
  int depth = 4;               // longest path from the root to a leaf
  int64_t max_const = 8;       // constants come from [-max_const, max_const]
  int zero_divisor_per_mille = 15;  // how often a constant divisor is 0 (which gives 0)
  bool bool_root = false;      // build a condition (comparisons, and/or/not) instead of a value
};

// An expression over + - * // % max min, comparisons, and/or/not and where, whose leaves are
// the declared variables (DEFINE_VAR index with their bounds) and small constants. `vars` must
// not be empty.
UOpPtr random_index_expr(Arena& arena, uint64_t seed, const VarDecls& vars, const ExprGenOptions& options = {});

}  // namespace rw
