// The "render-index" fault (--inject-fault=render-index): the LLVM IR renderer computes one
// address wrongly. Only the renderer asks this rule; nothing else knows the fault is on.
#pragma once
#include <functional>
#include <string>

#include "engine/ir/uop.h"

namespace rw {

// Whether the faulty address rule takes INDEX `index`, read by a LOAD: the first read of a
// global buffer whose offset is computed (not a bare loop variable or constant).
bool render_index_fault_applies(UOpPtr index);

// The faulty offset: one element further, kept inside the buffer so the fault reads wrong
// data instead of crashing. `emit` appends one instruction line; returns the operand.
std::string render_index_fault_offset(UOpPtr index, const std::string& offset, const std::string& tmp_prefix,
                                      const std::function<void(const std::string&)>& emit);

}  // namespace rw
