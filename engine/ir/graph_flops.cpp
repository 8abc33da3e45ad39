#include "engine/ir/graph_flops.h"

#include "engine/ir/graph.h"
#include "engine/ir/shape.h"

namespace rw {

int64_t graph_flops(UOpPtr sink) {
  int64_t total = 0;
  for (UOpPtr n : toposort(sink)) {
    if (n->op == Op::REDUCE_AXIS) total += shape_numel(*n->src[0]->shape);
    else if (is_alu(n->op) && n->op != Op::CAST && n->op != Op::BITCAST && n->shape) total += shape_numel(*n->shape);
  }
  return total;
}

}  // namespace rw
