// Binary and ternary elementwise operations: numbers become constants, dtypes are promoted,
// shapes broadcast, then one ALU node (or a few, for the ops tinygrad composes).
#include <algorithm>
#include <cmath>

#include "engine/frontend/tensor.h"

namespace rw {

namespace {

int dtype_rank(const DType& d) {
  if (d.is_bool()) return 0;
  if (d.is_float()) return 100 + d.itemsize();
  return 10 + d.itemsize();
}

TensorContext& context_of(const Tensor::Operand& a, const Tensor::Operand& b) {
  if (auto t = std::get_if<Tensor>(&a)) return t->ctx();
  return std::get<Tensor>(b).ctx();
}

// A number next to a tensor of dtype `other` takes that dtype, except that a float number
// makes an int or bool tensor's operation float32 and an int number a bool one's int32.
DType number_dtype(const Number& n, const DType& other) {
  if (n.dtype.is_float() && !other.is_float()) return DType::float32();
  if (n.dtype.is_int() && other.is_bool()) return DType::int32();
  return other;
}

Tensor as_tensor(const Tensor::Operand& x, const Tensor::Operand& other) {
  if (auto t = std::get_if<Tensor>(&x)) return *t;
  const Number& n = std::get<Number>(x);
  DType d = n.dtype;
  if (auto o = std::get_if<Tensor>(&other)) d = number_dtype(n, o->dtype());
  return Tensor::full(context_of(x, other), {}, Number{n.value, d});
}

Tensor broadcast_to(const Tensor& t, const Shape& shape) {
  if (t.shape() == shape) return t;
  return t.expand(shape);
}

struct Operands {
  Tensor a, b;
};

// Numbers to tensors, promoted to one dtype (or `force` if given) and broadcast to one shape.
Operands prepare(const Tensor::Operand& x, const Tensor::Operand& y, std::string_view what) {
  if (std::holds_alternative<Number>(x) && std::holds_alternative<Number>(y))
    throw TensorError(std::string(what) + " needs at least one tensor operand");
  Tensor a = as_tensor(x, y), b = as_tensor(y, x);
  DType d = promote_dtypes(a.dtype(), b.dtype());
  a = a.cast(d);
  b = b.cast(d);
  Shape s;
  try {
    s = broadcast_shapes(a.shape(), b.shape());
  } catch (const TensorError& e) {
    throw TensorError(std::string(what) + ": " + e.what(), e.hint());
  }
  return {broadcast_to(a, s), broadcast_to(b, s)};
}

Tensor alu(Op op, const Tensor& a, const Tensor& b) {
  DType out = is_comparison(op) ? DType::bool_() : a.dtype();
  return Tensor(a.ctx(), a.ctx().make(op, out, {a.node(), b.node()}));
}

Tensor to_float(const Tensor& t) { return t.dtype().is_float() ? t : t.cast(DType::float32()); }

bool is_integer_number(const Tensor::Operand& x, double* value) {
  auto n = std::get_if<Number>(&x);
  if (!n || n->value != double(int64_t(n->value)) || std::abs(n->value) > 1 << 20) return false;
  *value = n->value;
  return true;
}

// x ** n for an integer n, by repeated squaring (what tinygrad does for constant exponents).
Tensor int_power(const Tensor& x, int64_t n) {
  if (n == 0) return Tensor::full(x.ctx(), x.shape(), Number{1, x.dtype()});  // even 0 ** 0 and NaN ** 0 are 1
  if (n == 1) return x;
  Tensor half = int_power(x, n / 2);
  Tensor sq = Tensor::mul(half, half);
  return n % 2 ? Tensor::mul(sq, x) : sq;
}

}  // namespace

DType promote_dtypes(const DType& a, const DType& b) {
  if (a == b) return a;
  if (a.is_float() != b.is_float()) {
    const DType& f = a.is_float() ? a : b;
    return f.scalar == Scalar::Float64 ? f : DType::float32();
  }
  return dtype_rank(a) >= dtype_rank(b) ? a : b;
}

Shape broadcast_shapes(const Shape& a, const Shape& b) {
  size_t n = std::max(a.size(), b.size());
  Shape out(n);
  for (size_t i = 0; i < n; ++i) {
    int64_t da = i < n - a.size() ? 1 : a[i - (n - a.size())];
    int64_t db = i < n - b.size() ? 1 : b[i - (n - b.size())];
    if (da != db && da != 1 && db != 1)
      throw TensorError("cannot broadcast shapes " + shape_str(a) + " and " + shape_str(b),
                        "aligned from the right, each pair of sizes must be equal or one of them 1");
    out[i] = da == 1 ? db : da;
  }
  return out;
}

Tensor Tensor::add(const Operand& x, const Operand& y) {
  auto [a, b] = prepare(x, y, "add");
  return alu(Op::ADD, a, b);
}

Tensor Tensor::sub(const Operand& x, const Operand& y) {
  auto [a, b] = prepare(x, y, "subtract");
  return alu(Op::ADD, a, b.neg());  // a - b -> a + (-b), as tinygrad builds it
}

Tensor Tensor::mul(const Operand& x, const Operand& y) {
  auto [a, b] = prepare(x, y, "multiply");
  return alu(Op::MUL, a, b);
}

Tensor Tensor::div(const Operand& x, const Operand& y) {
  auto [a, b] = prepare(x, y, "divide");
  return alu(Op::MUL, to_float(a), to_float(b).recip());  // a / b -> a * (1/b)
}

Tensor Tensor::floordiv(const Operand& x, const Operand& y) {
  auto [a, b] = prepare(x, y, "floor-divide");
  if (!a.dtype().is_float()) return alu(Op::IDIV, a, b);  // IDIV floors; x // 0 == 0
  return div(a, b).floor();
}

Tensor Tensor::mod(const Operand& x, const Operand& y) {
  auto [a, b] = prepare(x, y, "modulo");
  if (!a.dtype().is_float()) return alu(Op::MOD, a, b);  // MOD floors; x % 0 == 0
  return sub(a, mul(div(a, b).floor(), b));  // numpy: the result takes the divisor's sign
}

Tensor Tensor::maximum(const Operand& x, const Operand& y) {
  auto [a, b] = prepare(x, y, "maximum");
  return alu(Op::MAX, a, b);
}

Tensor Tensor::minimum(const Operand& x, const Operand& y) {
  auto [a, b] = prepare(x, y, "minimum");
  if (a.dtype().is_bool()) return alu(Op::AND, a, b);
  return alu(Op::MAX, a.neg(), b.neg()).neg();  // min(a, b) = -max(-a, -b)
}

Tensor Tensor::lt(const Operand& x, const Operand& y) {
  auto [a, b] = prepare(x, y, "compare");
  return alu(Op::CMPLT, a, b);
}

Tensor Tensor::gt(const Operand& x, const Operand& y) {
  auto [a, b] = prepare(x, y, "compare");
  return alu(Op::CMPLT, b, a);
}

// a <= b as (a < b) or (a == b), so a NaN operand gives false as in numpy.
Tensor Tensor::le(const Operand& x, const Operand& y) {
  auto [a, b] = prepare(x, y, "compare");
  return alu(Op::OR, alu(Op::CMPLT, a, b), alu(Op::CMPEQ, a, b));
}

Tensor Tensor::ge(const Operand& x, const Operand& y) {
  auto [a, b] = prepare(x, y, "compare");
  return alu(Op::OR, alu(Op::CMPLT, b, a), alu(Op::CMPEQ, a, b));
}

Tensor Tensor::eq(const Operand& x, const Operand& y) {
  auto [a, b] = prepare(x, y, "compare");
  return alu(Op::CMPEQ, a, b);
}

Tensor Tensor::ne(const Operand& x, const Operand& y) {
  auto [a, b] = prepare(x, y, "compare");
  return alu(Op::CMPNE, a, b);
}

Tensor Tensor::where(const Operand& c, const Operand& x, const Operand& y) {
  const Tensor* any = nullptr;
  for (const Operand* o : {&c, &x, &y})
    if (!any) any = std::get_if<Tensor>(o);
  if (!any) throw TensorError("where needs at least one tensor argument");
  TensorContext& ctx = any->ctx();
  Tensor cond = std::holds_alternative<Tensor>(c) ? std::get<Tensor>(c) : full(ctx, {}, Number::boolean(std::get<Number>(c).value != 0));
  if (!cond.dtype().is_bool()) cond = ne(cond, Number{0, cond.dtype()});
  // The branches promote as a pair; with two number branches, each keeps its own dtype.
  bool numbers_only = !std::holds_alternative<Tensor>(x) && !std::holds_alternative<Tensor>(y);
  Tensor a = numbers_only ? full(ctx, {}, std::get<Number>(x)) : as_tensor(x, y);
  Tensor b = numbers_only ? full(ctx, {}, std::get<Number>(y)) : as_tensor(y, x);
  auto [pa, pb] = prepare(a, b, "where");
  Shape s;
  try {
    s = broadcast_shapes(cond.shape(), pa.shape());
  } catch (const TensorError& e) {
    throw TensorError("where: the condition's shape " + shape_str(cond.shape()) + " and the values' shape " + shape_str(pa.shape()) + " do not broadcast",
                      e.hint());
  }
  cond = broadcast_to(cond, s);
  pa = broadcast_to(pa, s);
  pb = broadcast_to(pb, s);
  return Tensor(ctx, ctx.make(Op::WHERE, pa.dtype(), {cond.node(), pa.node(), pb.node()}));
}

// x ** y. Integer constant exponents multiply (exact, and ints stay ints); otherwise
// exp2(y * log2(|x|)) with numpy's sign and zero cases patched in.
Tensor Tensor::pow(const Operand& x, const Operand& y) {
  double n;
  if (std::holds_alternative<Tensor>(x) && is_integer_number(y, &n)) {
    Tensor base = std::get<Tensor>(x);
    if (std::get<Number>(y).dtype.is_float()) base = to_float(base);  // int ** 2.0 is a float, as in numpy
    if (n >= 0) return int_power(base, int64_t(n));
    return int_power(to_float(base), int64_t(-n)).recip();
  }
  auto [a, b] = prepare(x, y, "power");
  a = to_float(a);
  b = to_float(b);
  Tensor magnitude = mul(b, a.abs().log2()).exp2();
  Tensor is_int_exp = eq(b, b.trunc());
  Tensor is_odd_exp = ne(mod(b, Number::integer(2)), Number::integer(0));
  Tensor negative_base = where(alu(Op::AND, is_int_exp, is_odd_exp), magnitude.neg(), magnitude);
  Tensor signed_result = where(is_int_exp, negative_base, Number::real(NAN));
  Tensor result = where(lt(a, Number::integer(0)), signed_result, magnitude);
  return where(eq(b, Number::integer(0)), Number::real(1), result);  // x ** 0 == 1, even for 0 and NaN
}

}  // namespace rw
