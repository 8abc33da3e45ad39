// Split into kernels (kernel_split.cpp). Internal to engine/schedule.
#pragma once
#include <string>
#include <vector>

#include "engine/ir/uop.h"

namespace rw::sched {

// Kernel name per docs/kernel-ast.md, without the n1/n2 suffix: "E_4_16", "r_4_16".
std::string kernel_name(UOpPtr ast);

// The AST of one kernel: `store` is STORE(buffer[offset], value, ranges...) over the graph
// after bufferize-to-store. Buffers become DEFINE_GLOBAL slots (the output first, inputs in
// order of first use), reads become LOADs, ranges are renumbered from 0 in order of first
// appearance. `bound` receives the BUFFER behind each slot, `deps` the NOOP(buffer, store)
// nodes (other kernels) it reads.
UOpPtr kernel_ast(UOpPtr store, std::vector<UOpPtr>& bound, std::vector<UOpPtr>& deps);

}  // namespace rw::sched
