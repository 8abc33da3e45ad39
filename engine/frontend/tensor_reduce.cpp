// Reductions: one REDUCE_AXIS node (reduced axes keep size 1), then a RESHAPE dropping them
// unless keepdim. min, mean and var are composed from sum and max as in tinygrad.
#include <algorithm>

#include "engine/frontend/tensor.h"

namespace rw {

namespace {

IntTuple resolve_axes(const Tensor& t, const Axes& axes) {
  IntTuple out;
  if (!axes) {
    for (int64_t i = 0; i < t.ndim(); ++i) out.push_back(i);
    return out;
  }
  for (int64_t a : *axes) out.push_back(t.resolve_axis(a));
  std::sort(out.begin(), out.end());
  if (std::adjacent_find(out.begin(), out.end()) != out.end())
    throw TensorError("cannot reduce shape " + shape_str(t.shape()) + " over axes " + shape_str(*axes) + ": an axis is listed twice");
  return out;
}

// Integer sums and products accumulate in at least int32, and bools count as ints.
Tensor accumulating(const Tensor& t) {
  if (t.dtype().is_bool() || (t.dtype().is_int() && t.dtype().itemsize() < 4)) return t.cast(DType::int32());
  return t;
}

int64_t reduced_count(const Tensor& t, const IntTuple& axes) {
  int64_t n = 1;
  for (int64_t a : axes) n *= t.shape()[size_t(a)];
  return n;
}

}  // namespace

Tensor Tensor::reduce(Op op, const Axes& axes, bool keepdim) const {
  IntTuple resolved = resolve_axes(*this, axes);
  if (resolved.empty()) return *this;
  Tensor r = with(ctx_->make(Op::REDUCE_AXIS, dtype(), {node_}, Arg(ReduceArg{op, resolved})));
  if (keepdim) return r;
  IntTuple kept;
  for (int64_t i = 0; i < ndim(); ++i)
    if (!std::binary_search(resolved.begin(), resolved.end(), i)) kept.push_back(shape()[size_t(i)]);
  return r.reshape(kept);
}

Tensor Tensor::sum(const Axes& axes, bool keepdim) const { return accumulating(*this).reduce(Op::ADD, axes, keepdim); }
Tensor Tensor::prod(const Axes& axes, bool keepdim) const { return accumulating(*this).reduce(Op::MUL, axes, keepdim); }
Tensor Tensor::max(const Axes& axes, bool keepdim) const { return reduce(Op::MAX, axes, keepdim); }

// min(x) = -max(-x); for bools neg is logical not, which makes the same identity hold.
Tensor Tensor::min(const Axes& axes, bool keepdim) const { return neg().reduce(Op::MAX, axes, keepdim).neg(); }

Tensor Tensor::mean(const Axes& axes, bool keepdim) const {
  Tensor x = dtype().is_float() ? *this : cast(DType::float32());
  int64_t n = reduced_count(x, resolve_axes(x, axes));
  return div(x.sum(axes, keepdim), Number::integer(n));
}

Tensor Tensor::var(const Axes& axes, bool keepdim, int64_t correction) const {
  Tensor x = dtype().is_float() ? *this : cast(DType::float32());
  int64_t n = reduced_count(x, resolve_axes(x, axes));
  Tensor centered = sub(x, x.mean(axes, true));
  return div(mul(centered, centered).sum(axes, keepdim), Number::integer(std::max<int64_t>(n - correction, 0)));
}

}  // namespace rw
