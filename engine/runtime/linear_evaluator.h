// The linear evaluator: runs a kernel's linear program (engine/codegen/linearize.h) UOp by
// UOp over host arrays, with no LLVM involved -- a third path, beside the reference
// interpreter and the compiled kernel, to tell a wrong codegen pass from a wrong renderer.
//
// Values are doubles rounded to each node's dtype after every op (float32 through float,
// integers wrapped to their width), IDIV/MOD floor with x//0 == 0, like every evaluator.
// Every access is bounds-checked: an address outside its buffer is an EvalError naming the
// kernel, the buffer slot and the index.
#pragma once
#include <span>
#include <string>
#include <vector>

#include "engine/ir/host_array.h"
#include "engine/reference/evaluator.h"

namespace rw {

// globals[i] holds DEFINE_GLOBAL slot i; stores write into it.
void evaluate_linear(const std::vector<UOpPtr>& linear, std::span<HostArray* const> globals, const std::string& kernel = "kernel");

}  // namespace rw
