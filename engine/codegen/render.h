// The renderers: a linear program (linearize.h) as C-like source for reading, and as LLVM IR
// for running. Both emit IDIV/MOD with floor semantics and x//0 == x%0 == 0.
#pragma once
#include <string>
#include <vector>

#include "engine/ir/uop.h"
#include "engine/rewrite/faults.h"

namespace rw {

// `void name(float* data0, const float* data1, ...)`.
std::string render_c(const std::vector<UOpPtr>& linear, const std::string& name);

// `define void @name(ptr %bufs)`: bufs[i] is the pointer of DEFINE_GLOBAL slot i. Only the
// "render-index" fault changes what it emits (render_llvm_fault.cpp).
std::string render_llvm_ir(const std::vector<UOpPtr>& linear, const std::string& name, const FaultSet& faults = {});

}  // namespace rw
