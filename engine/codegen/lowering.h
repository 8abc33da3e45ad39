// Lowering a kernel AST (docs/kernel-ast.md) to the Lowered stage: stores close their loops
// with END, gated reads load a default where the gate is false, REDUCE becomes an
// accumulator, and index arithmetic gets a machine integer type. One rule family per file;
// each family is one named, traced graph_rewrite pass (codegen.cpp runs them in order).
#pragma once
#include <vector>

#include "engine/codegen/open_ranges.h"
#include "engine/rewrite/faults.h"
#include "engine/rewrite/pattern_matcher.h"

namespace rw {

struct LoweringContext {
  OpenRanges ranges;
  int64_t next_register = 0;  // DEFINE_REG ids, in order of creation
  // Ranges some REDUCE already loops over, with the loops around that reduce.
  std::vector<std::pair<UOpPtr, RangeSet>> reduced_ranges;
  DType index_dtype = DType::int32();  // what index arithmetic becomes (lower_index_dtype)
  FaultSet faults;                     // read only by the fault rules (lower_reduce_faults.cpp)
};

// STORE(INDEX, v, ranges...) -> END(STORE(INDEX, v[, gate]), range) per range, innermost
// first; LOAD(INDEX(b, i, gate)) -> LOAD(INDEX(b, i, gate), 0, gate).
PatternMatcher lower_memory_rules();

// REDUCE(v, ranges) -> a one-element DEFINE_REG accumulator: set to the identity where the
// enclosing loops are, updated inside the reduce loops, read after they end.
PatternMatcher lower_reduce_rules();

// The REDUCE matched by `m` as an accumulator starting at `start` (nullptr: the identity of
// the reduce op). lower_reduce_rules uses the identity; the fault rules pass a wrong start.
Rewrite lower_reduce_from(const Match& m, UOpPtr start);

// Deliberately wrong variants (--inject-fault): "reduce-max-zero". Inert unless the
// context's fault set names them; put before lower_reduce_rules.
PatternMatcher lower_reduce_fault_rules();

// Every index-typed node becomes LoweringContext::index_dtype (int32 when every index value
// of the kernel fits, else int64).
PatternMatcher lower_index_dtype_rules();

// The index dtype a kernel needs: int32 when every index node's value range fits in it.
DType choose_index_dtype(UOpPtr sink);

}  // namespace rw
