// The FLOPs a tensor graph asks for: every elementwise op once per element of its shape,
// every reduce once per element of its input. What any schedule must at least execute, so
// a kernel total above it is recomputation (a value fused into a consumer that evaluates it
// more than once per element). Casts are free, as in codegen's count (kernel_stats.h).
#pragma once
#include <cstdint>

#include "engine/ir/uop.h"

namespace rw {

int64_t graph_flops(UOpPtr sink);

}  // namespace rw
