// Bufferize -> store: each BUFFERIZE becomes a buffer and the STORE that fills it, over the
// BUFFERIZE's loop ranges; NOOP(buffer, store) stands for "the buffer once the store ran" and
// is what readers index. Reads are flattened to one row-major offset, as kernels address
// buffers.
#include "engine/ir/arena.h"
#include "engine/ir/shape.h"
#include "engine/rewrite/graph_rewrite.h"
#include "engine/rewrite/symbolic.h"
#include "engine/schedule/rules.h"

namespace rw::sched {

namespace {

int64_t axis_size(UOpPtr axis) { return axis->op == Op::RANGE ? axis->src[0]->const_int() : 1; }

UOpPtr flatten(Arena& a, std::span<const UOpPtr> ops, const IntTuple& shape, std::string_view pass) {
  IntTuple strides = shape_strides(shape);
  UOpPtr flat = a.index_const(0);
  for (size_t j = 0; j < ops.size(); ++j) flat = flat->add(ops[j]->mul(strides[j]));
  return graph_rewrite(flat, symbolic(), pass);
}

Rewrite bufferize_to_store(const Match& m) {
  UOpPtr b = m.root;
  Arena& a = *b->arena;
  std::span<const UOpPtr> axes(b->src.begin() + 1, b->src.end());
  IntTuple shape;
  std::vector<UOpPtr> ranges;
  for (UOpPtr ax : axes) {
    shape.push_back(axis_size(ax));
    if (ax->op == Op::RANGE) ranges.push_back(ax);
  }
  UOpPtr buf = a.make(Op::BUFFER, DType::pointer(b->dtype.scalar, shape_numel(shape)), {}, b->arg);
  UOpPtr target = a.make(Op::INDEX, DType(b->dtype.scalar), {buf, flatten(a, axes, shape, "store index")});
  std::vector<UOpPtr> store_src{target, b->src[0]};
  store_src.insert(store_src.end(), ranges.begin(), ranges.end());
  UOpPtr store = a.make(Op::STORE, DType::void_(), std::move(store_src));
  return a.make(Op::NOOP, b->dtype, {buf, store}, Arg(shape));
}

Rewrite flatten_read(const Match& m) {
  UOpPtr idx = m.root, stored = idx->src[0];
  const IntTuple& shape = stored->arg.get<IntTuple>();
  size_t end = idx->src.size();
  UOpPtr gate = end > 2 && idx->src.back()->dtype.is_bool() ? idx->src[--end] : nullptr;
  std::span<const UOpPtr> ops(idx->src.begin() + 1, idx->src.begin() + ptrdiff_t(end));
  if (ops.size() == 1) return nullptr;  // already one offset
  std::vector<UOpPtr> src{stored, flatten(*idx->arena, ops, shape, "read index")};
  if (gate) src.push_back(gate);
  return idx->arena->make(Op::INDEX, idx->dtype, std::move(src));
}

}  // namespace

PatternMatcher bufferize_rules() {
  using enum Op;
  return PatternMatcher{
      rule("bufferize(x, r...) -> noop(buf, store(buf[flat(r)], x, r...))", UPat::op(BUFFERIZE), bufferize_to_store),
      rule("noop(buf, store)[i, j...] -> noop(buf, store)[flat(i, j...)]", UPat::op(INDEX).src_prefix({UPat::op(NOOP)}), flatten_read),
  };
}

}  // namespace rw::sched
