#include "engine/frontend/tensor_context.h"

#include "engine/ir/shape.h"

namespace rw {

UOpPtr TensorContext::make(Op op, DType dtype, std::vector<UOpPtr> src, Arg arg) {
  ShapeResult r = infer_shape(op, dtype, src, arg);
  if (!r.ok()) throw TensorError(r.error);
  UOpPtr n = arena_.make(op, dtype, std::move(src), std::move(arg));
  if (location_) arena_.set_provenance(n, *location_);
  return n;
}

}  // namespace rw
