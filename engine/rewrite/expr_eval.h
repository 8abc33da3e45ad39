// Direct evaluation of index expressions (the ops the expression parser and generator build),
// with the engine's integer semantics: floor IDIV/MOD, division by zero gives 0, integer
// results wrap to their dtype. The fuzz oracle for the symbolic simplifier and for value
// ranges: it shares no code with either.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>

#include "engine/ir/uop.h"

namespace rw {

using VarValues = std::map<std::string, int64_t>;

// The value of every node under root (bools as 0/1). Throws std::invalid_argument for a
// variable missing from `vars` or an op it does not evaluate.
std::unordered_map<UOpPtr, int64_t> eval_index_nodes(UOpPtr root, const VarValues& vars);

int64_t eval_index_expr(UOpPtr root, const VarValues& vars);

}  // namespace rw
