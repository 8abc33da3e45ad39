// FLOPs and bytes of a linear program, for GFLOP/s and GB/s. Every node runs once per
// iteration of the loops around it (loop ends are constants, or their vmax + 1).
#pragma once
#include <cstdint>
#include <vector>

#include "engine/ir/uop.h"

namespace rw {

struct KernelStats {
  int64_t flops = 0;  // ALU ops on values: not address or loop arithmetic, not accumulator reads
  int64_t bytes = 0;  // per global buffer: min(accesses, buffer size) x element size
};

KernelStats kernel_stats(const std::vector<UOpPtr>& linear);

}  // namespace rw
