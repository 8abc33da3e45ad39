// Creating tensors: constants broadcast from a scalar CONST, host data behind a BUFFER, and
// arange/eye built from movement ops as tinygrad builds them.
#include <cmath>

#include "engine/frontend/random.h"
#include "engine/frontend/tensor.h"
#include "engine/ir/intmath.h"

namespace rw {

namespace {
void check_shape(const Shape& shape, std::string_view what) {
  for (int64_t d : shape)
    if (d < 0) throw TensorError(std::string(what) + ": shape " + shape_str(shape) + " has a negative size");
}
}  // namespace

// CONST of shape (), reshaped to (1, ..., 1) and expanded: a constant costs no memory.
Tensor Tensor::full(TensorContext& ctx, const Shape& shape, Number value) {
  check_shape(shape, "full");
  double v = cast_value(value.value, value.dtype);
  UOpPtr c = value.dtype.is_float() ? ctx.make(Op::CONST, value.dtype, {}, Arg(v))
             : value.dtype.is_bool() ? ctx.make(Op::CONST, value.dtype, {}, Arg(v != 0))
                                     : ctx.make(Op::CONST, value.dtype, {}, Arg(int64_t(v)));
  Tensor t(ctx, c);
  if (shape.empty()) return t;
  return t.reshape(IntTuple(shape.size(), 1)).expand(shape);
}

Tensor Tensor::zeros(TensorContext& ctx, const Shape& shape, DType dtype) { return full(ctx, shape, Number{0, dtype}); }
Tensor Tensor::ones(TensorContext& ctx, const Shape& shape, DType dtype) { return full(ctx, shape, Number{1, dtype}); }

// arange(start, stop, step) = cumsum(full(n, step)) + (start - step), tinygrad's
// construction: the graph is a reduce over a window, which the scheduler must handle anyway.
Tensor Tensor::arange(TensorContext& ctx, Number start, Number stop, Number step) {
  if (step.value == 0) throw TensorError("arange: step must not be zero");
  bool ints = !start.dtype.is_float() && !stop.dtype.is_float() && !step.dtype.is_float();
  DType d = ints ? DType::int32() : DType::float32();
  int64_t n = ints ? ceildiv(int64_t(stop.value) - int64_t(start.value), int64_t(step.value))
                   : int64_t(std::ceil((stop.value - start.value) / step.value));
  if (ints && step.value < 0) n = ceildiv(int64_t(start.value) - int64_t(stop.value), -int64_t(step.value));
  n = std::max<int64_t>(n, 0);
  Tensor steps = full(ctx, {n}, Number{step.value, d});
  if (n == 0) return steps;
  return add(steps.cumsum_window(0, false), Number{start.value - step.value, d});  // one window, never split
}

// eye(n): ones(n) as a column padded to (n, n + 1) and flattened puts a one every n + 1 elements;
// the first n * n of them, reshaped, are the identity (tinygrad's construction).
Tensor Tensor::eye(TensorContext& ctx, int64_t n) {
  if (n < 0) throw TensorError("eye: size " + std::to_string(n) + " is negative");
  if (n == 0) return zeros(ctx, {0, 0});
  return ones(ctx, {n}).reshape({n, 1}).pad({{0, 0}, {0, n}}).reshape({n * (n + 1)}).shrink({{0, n * n}}).reshape({n, n});
}

Tensor Tensor::from_array(TensorContext& ctx, HostArray data, std::string label, BufferOrigin origin, std::string path) {
  int64_t n = int64_t(data.numel());
  if (n != shape_numel(data.shape))
    throw TensorError(label + ": " + std::to_string(n) + " values do not fill shape " + shape_str(data.shape));
  for (double& v : data.data) v = cast_value(v, data.dtype);
  DType dtype = data.dtype;
  Shape shape = data.shape;
  int64_t slot = ctx.buffers().add(BufferEntry{std::move(label), origin, std::move(path), std::move(data)});
  Tensor buf(ctx, ctx.make(Op::BUFFER, dtype, {}, Arg(IntTuple{slot, n})));
  return buf.reshape(shape);
}

Tensor Tensor::rand(TensorContext& ctx, const Shape& shape, uint64_t seed) {
  check_shape(shape, "rand");
  HostArray a{DType::float32(), shape, random_uniform_array(seed, shape_numel(shape))};
  return from_array(ctx, std::move(a), "rand(seed=" + std::to_string(seed) + ")", BufferOrigin::Random);
}

Tensor Tensor::randn(TensorContext& ctx, const Shape& shape, uint64_t seed) {
  check_shape(shape, "randn");
  HostArray a{DType::float32(), shape, random_normal_array(seed, shape_numel(shape))};
  return from_array(ctx, std::move(a), "randn(seed=" + std::to_string(seed) + ")", BufferOrigin::Random);
}

}  // namespace rw
