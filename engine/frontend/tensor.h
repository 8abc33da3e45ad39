// A lazy tensor: a handle on a node of the tensor graph (engine/ir/shape.h describes the
// graph). Every operation builds nodes and nothing is computed; the reference interpreter or
// the compiler evaluates the graph later.
//
// Composite operations are built from primitives the way tinygrad builds them, so the
// scheduler sees the same movement-op graphs tinygrad's would: exp and log go through EXP2
// and LOG2, division multiplies by RECIP, matmul is reshape/expand/mul/sum, conv2d and
// cumsum slide a window made of pad/shrink/reshape/expand/permute (tinygrad fffce0a6b4).
// One deliberate difference: x ** y is decomposed here (repeated multiplication for integer
// constants, exp2(y * log2|x|) with numpy's sign rules otherwise) instead of a POW node, so
// later stages need no POW support.
//
// dtype rules (DESIGN.md, "The program language"): bool < ints < floats; an int with a float
// gives float32 (float64 if the float is float64); a Python-style number takes the tensor's
// dtype unless it is a float next to an int tensor (then float32); `/` gives float32 for
// int operands; `//` and `%` floor like numpy, with 0 for a zero divisor; int sum and prod
// stay int (bool sums to int32); mean and var of ints are float32.
#pragma once
#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

#include "engine/frontend/tensor_context.h"
#include "engine/ir/shape.h"

namespace rw {

// A number written in a program: an int (int32), a float (float32) or a bool literal.
struct Number {
  double value = 0;
  DType dtype = DType::int32();
  static Number integer(int64_t v) { return {double(v), DType::int32()}; }
  static Number real(double v) { return {v, DType::float32()}; }
  static Number boolean(bool v) { return {v ? 1.0 : 0.0, DType::bool_()}; }
};

// Axes for a reduction: absent means all of them; negative axes count from the end.
using Axes = std::optional<IntTuple>;

class Tensor {
 public:
  // `node` must be a tensor-graph node, one with a shape.
  Tensor(TensorContext& ctx, UOpPtr node) : ctx_(&ctx), node_(node) {
    if (!node->shape) throw TensorError("a Tensor needs a node with a shape, got " + node->summary());
  }

  UOpPtr node() const { return node_; }
  TensorContext& ctx() const { return *ctx_; }
  const Shape& shape() const { return *node_->shape; }
  DType dtype() const { return node_->dtype; }
  int64_t ndim() const { return int64_t(shape().size()); }
  int64_t numel() const { return shape_numel(shape()); }

  // --- creation ---
  static Tensor full(TensorContext& ctx, const Shape& shape, Number value);
  static Tensor zeros(TensorContext& ctx, const Shape& shape, DType dtype = DType::float32());
  static Tensor ones(TensorContext& ctx, const Shape& shape, DType dtype = DType::float32());
  // int32 when start, stop and step are all integers, else float32 (like numpy).
  static Tensor arange(TensorContext& ctx, Number start, Number stop, Number step);
  static Tensor eye(TensorContext& ctx, int64_t n);
  // Host data as a BUFFER (reshaped to the array's shape).
  static Tensor from_array(TensorContext& ctx, HostArray data, std::string label, BufferOrigin origin, std::string path = {});
  static Tensor rand(TensorContext& ctx, const Shape& shape, uint64_t seed);   // uniform [0, 1), float32
  static Tensor randn(TensorContext& ctx, const Shape& shape, uint64_t seed);  // standard normal, float32

  // --- elementwise ---
  Tensor neg() const;
  Tensor recip() const;
  Tensor sqrt() const;
  Tensor exp2() const;
  Tensor log2() const;
  Tensor exp() const;
  Tensor log() const;
  Tensor log1p() const;
  Tensor sin() const;
  Tensor cos() const;
  Tensor tanh() const;
  Tensor sigmoid() const;
  Tensor relu() const;
  Tensor abs() const;
  Tensor trunc() const;
  Tensor floor() const;
  Tensor cast(DType to) const;
  Tensor float_() const { return cast(DType::float32()); }
  Tensor int_() const { return cast(DType::int32()); }

  // Binary operations broadcast like numpy and promote dtypes (see the header comment).
  using Operand = std::variant<Tensor, Number>;
  static Tensor add(const Operand& a, const Operand& b);
  static Tensor sub(const Operand& a, const Operand& b);
  static Tensor mul(const Operand& a, const Operand& b);
  static Tensor div(const Operand& a, const Operand& b);
  static Tensor floordiv(const Operand& a, const Operand& b);
  static Tensor mod(const Operand& a, const Operand& b);
  static Tensor pow(const Operand& a, const Operand& b);
  static Tensor maximum(const Operand& a, const Operand& b);
  static Tensor minimum(const Operand& a, const Operand& b);
  static Tensor lt(const Operand& a, const Operand& b);
  static Tensor le(const Operand& a, const Operand& b);
  static Tensor gt(const Operand& a, const Operand& b);
  static Tensor ge(const Operand& a, const Operand& b);
  static Tensor eq(const Operand& a, const Operand& b);
  static Tensor ne(const Operand& a, const Operand& b);
  // cond is cast to bool (non-zero is true) when it is not bool already.
  static Tensor where(const Operand& cond, const Operand& a, const Operand& b);

  // --- reductions ---
  Tensor sum(const Axes& axes = std::nullopt, bool keepdim = false) const;
  Tensor max(const Axes& axes = std::nullopt, bool keepdim = false) const;
  Tensor min(const Axes& axes = std::nullopt, bool keepdim = false) const;
  Tensor prod(const Axes& axes = std::nullopt, bool keepdim = false) const;
  Tensor mean(const Axes& axes = std::nullopt, bool keepdim = false) const;
  // numpy's var: divides by (count - correction), correction 0 by default.
  Tensor var(const Axes& axes = std::nullopt, bool keepdim = false, int64_t correction = 0) const;

  // --- movement ---
  Tensor reshape(IntTuple shape) const;  // one -1 is inferred
  Tensor permute(IntTuple order) const;  // negative axes allowed
  Tensor expand(IntTuple shape) const;   // numpy broadcast_to; -1 keeps an axis; new axes in front
  Tensor pad(const PairTuple& pads) const;     // (before, after) per axis, zeros outside
  Tensor shrink(const PairTuple& ranges) const;  // [start, end) per axis
  Tensor flip(IntTuple axes) const;
  Tensor transpose(int64_t a = 1, int64_t b = 0) const;  // swaps two axes
  Tensor T() const;  // all axes reversed (numpy): the usual transpose for 2-D

  // --- composites ---
  static Tensor matmul(const Tensor& a, const Tensor& b);  // numpy matmul, batched
  Tensor conv2d(const Tensor& weight, int64_t stride = 1, int64_t padding = 0) const;  // NCHW, OIHW, no bias
  Tensor max_pool2d(int64_t kernel) const;  // stride = kernel
  Tensor cumsum(int64_t axis = 0) const;    // inclusive
  Tensor softmax(int64_t axis = -1) const;
  Tensor contiguous() const;
  Tensor realize() const;  // marks the tensor to be computed into a buffer (like contiguous)

  // Building blocks the composites share (public so tests can check the graphs they build).
  Tensor pool(const IntTuple& kernel, int64_t stride) const;  // tinygrad's _pool on the last axes
  Tensor repeat(const IntTuple& repeats) const;
  Tensor pad_or_shrink(const PairTuple& amounts) const;  // negative amounts cut

  // Normalizes a possibly negative axis, or throws naming the shape.
  int64_t resolve_axis(int64_t axis) const;

 private:
  Tensor unary(Op op) const;
  Tensor reduce(Op op, const Axes& axes, bool keepdim) const;
  Tensor with(UOpPtr n) const { return Tensor(*ctx_, n); }
  Tensor cumsum_window(int64_t axis, bool include_initial) const;

  TensorContext* ctx_;
  UOpPtr node_;
};

// C++ spellings of the binary operations, for building graphs in code.
inline Tensor operator+(const Tensor::Operand& a, const Tensor::Operand& b) { return Tensor::add(a, b); }
inline Tensor operator-(const Tensor::Operand& a, const Tensor::Operand& b) { return Tensor::sub(a, b); }
inline Tensor operator*(const Tensor::Operand& a, const Tensor::Operand& b) { return Tensor::mul(a, b); }
inline Tensor operator/(const Tensor::Operand& a, const Tensor::Operand& b) { return Tensor::div(a, b); }
inline Tensor operator-(const Tensor& a) { return a.neg(); }

// Shape broadcasting (numpy rules); throws TensorError naming both shapes.
Shape broadcast_shapes(const Shape& a, const Shape& b);
// Result dtype of a binary operation on two tensor dtypes.
DType promote_dtypes(const DType& a, const DType& b);

}  // namespace rw
