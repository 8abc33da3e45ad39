// Index arithmetic to machine integers. The kernel AST computes addresses in the abstract
// index dtype; the program computes them in int32 when every index value of the kernel
// (value ranges, vmin/vmax) fits, else in int64, so narrow indices cost no 64-bit math and
// wide buffers never overflow.
#include <limits>

#include "engine/codegen/lowering.h"
#include "engine/ir/arena.h"
#include "engine/ir/graph.h"

namespace rw {

namespace {
Rewrite retype(const Match& m) {
  UOpPtr n = m.root;
  if (!n->dtype.is_index()) return nullptr;
  DType to = m.ctx<LoweringContext>().index_dtype;
  if (n->op == Op::CONST) return m.arena().const_int(to, n->const_int());
  if (n->op == Op::DEFINE_VAR) return m.arena().make(Op::DEFINE_VAR, to, {}, n->arg, n->tag);
  return m.arena().find_or_make(n->op, to, n->src, n->arg, n->tag);
}
}  // namespace

DType choose_index_dtype(UOpPtr sink) {
  for (UOpPtr n : toposort(sink))
    if (n->dtype.is_index() && (n->vmin < std::numeric_limits<int32_t>::min() || n->vmax > std::numeric_limits<int32_t>::max()))
      return DType::int64();
  return DType::int32();
}

PatternMatcher lower_index_dtype_rules() {
  return {
      rule("x:index -> x:int32|int64", UPat().dtype(DType::index()), retype),
  };
}

}  // namespace rw
