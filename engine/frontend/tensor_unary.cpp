// Unary elementwise operations. Transcendentals are built from EXP2, LOG2 and SIN with
// constants, as tinygrad builds them, so every backend needs only those primitives.
#include <numbers>

#include "engine/frontend/tensor.h"

namespace rw {

namespace {
Tensor float_of(const Tensor& t) { return t.dtype().is_float() ? t : t.cast(DType::float32()); }
}  // namespace

Tensor Tensor::unary(Op op) const {
  Tensor x = op == Op::NEG ? *this : float_of(*this);
  return with(ctx_->make(op, x.dtype(), {x.node()}));
}

Tensor Tensor::neg() const {
  if (dtype().is_bool()) return ne(*this, Number::boolean(true));  // logical not
  return unary(Op::NEG);
}
Tensor Tensor::recip() const { return unary(Op::RECIP); }
Tensor Tensor::sqrt() const { return unary(Op::SQRT); }
Tensor Tensor::exp2() const { return unary(Op::EXP2); }
Tensor Tensor::log2() const { return unary(Op::LOG2); }
Tensor Tensor::sin() const { return unary(Op::SIN); }

Tensor Tensor::exp() const { return mul(float_of(*this), Number::real(1 / std::numbers::ln2)).exp2(); }
Tensor Tensor::log() const { return mul(log2(), Number::real(std::numbers::ln2)); }
Tensor Tensor::log1p() const { return add(float_of(*this), Number::integer(1)).log(); }
Tensor Tensor::cos() const { return sub(Number::real(std::numbers::pi / 2), float_of(*this)).sin(); }
Tensor Tensor::sigmoid() const {
  return add(Number::integer(1), mul(float_of(*this), Number::real(-1 / std::numbers::ln2)).exp2()).recip();
}
Tensor Tensor::tanh() const {  // tanh(x) = 2 * sigmoid(2x) - 1
  return sub(mul(Number::integer(2), mul(float_of(*this), Number::integer(2)).sigmoid()), Number::integer(1));
}
Tensor Tensor::relu() const { return where(gt(*this, Number::integer(0)), *this, Number::integer(0)); }
Tensor Tensor::abs() const {
  if (dtype().is_bool()) return *this;
  return where(lt(*this, Number::integer(0)), neg(), *this);
}

Tensor Tensor::trunc() const {
  if (!dtype().is_float()) return *this;
  return with(ctx_->make(Op::TRUNC, dtype(), {node_}));
}

Tensor Tensor::floor() const {  // floor(x) = trunc(x) - (x < trunc(x))
  if (!dtype().is_float()) return *this;
  Tensor t = trunc();
  return where(lt(*this, t), sub(t, Number::integer(1)), t);
}

Tensor Tensor::cast(DType to) const {
  if (to == dtype()) return *this;
  return with(ctx_->make(Op::CAST, to, {node_}));
}

}  // namespace rw
