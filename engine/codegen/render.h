// The renderers: a linear program (linearize.h) as C-like source for reading, and as LLVM IR
// for running. Both emit IDIV/MOD with floor semantics and x//0 == x%0 == 0.
#pragma once
#include <string>
#include <vector>

#include "engine/ir/uop.h"
#include "engine/rewrite/faults.h"

namespace rw {

// `void name(float* data0, const float* data1, ...)`. With `checked`, every access to a
// buffer is guarded by its bounds test and an out-of-bounds one calls rw_oob(slot, index, size)
// instead (what the checked LLVM IR does, written for reading).
std::string render_c(const std::vector<UOpPtr>& linear, const std::string& name, bool checked = false);

// `define void @name(ptr %bufs)`: bufs[i] is the pointer of DEFINE_GLOBAL slot i. Only the
// "render-index" fault changes what it emits (render_llvm_fault.cpp). With `checked`, bufs[n]
// (n = the number of slots) is a bounds record (bounds_record.h): every buffer address is
// compared with its buffer's size, and an access outside is recorded there and redirected to
// the record's scratch word.
std::string render_llvm_ir(const std::vector<UOpPtr>& linear, const std::string& name, const FaultSet& faults = {}, bool checked = false);

}  // namespace rw
