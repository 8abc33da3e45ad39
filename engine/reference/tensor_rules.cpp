// Reference rules for the tensor graph's ops (see engine/ir/shape.h for the graph).
#include <cmath>
#include <limits>

#include "engine/ir/intmath.h"
#include "engine/ir/shape.h"
#include "engine/reference/evaluator.h"

namespace rw {

namespace {

using Src = std::span<const HostArray* const>;

HostArray like(UOpPtr n) { return HostArray{n->dtype, *n->shape, std::vector<double>(size_t(shape_numel(*n->shape)))}; }

// Elementwise results take their first source's shape rather than the node's, so these rules
// also serve later stages whose ALU nodes carry no tensor shape.
HostArray elementwise_like(UOpPtr n, const HostArray& first) {
  return HostArray{n->dtype, first.shape, std::vector<double>(first.data.size())};
}

// Calls f(index) for every multi-index of `shape` in row-major order.
template <class F>
void for_each_index(const Shape& shape, F&& f) {
  int64_t total = shape_numel(shape);
  IntTuple idx(shape.size(), 0);
  for (int64_t k = 0; k < total; ++k) {
    f(idx);
    for (size_t a = shape.size(); a-- > 0;) {
      if (++idx[a] < shape[a]) break;
      idx[a] = 0;
    }
  }
}

// A movement op as a map from output index to source flat offset (-1: outside, reads 0).
template <class F>
HostArray gather(UOpPtr n, const HostArray& src, F&& source_offset) {
  HostArray out = like(n);
  IntTuple strides = shape_strides(src.shape);
  size_t k = 0;
  for_each_index(out.shape, [&](const IntTuple& idx) {
    int64_t off = source_offset(idx, strides);
    out.data[k++] = off < 0 ? 0.0 : src.data[size_t(off)];
  });
  return out;
}

HostArray eval_const(UOpPtr n, Src, Evaluator&) { return HostArray{n->dtype, {}, {cast_value(n->const_float(), n->dtype)}}; }

HostArray eval_buffer(UOpPtr n, Src, Evaluator& ev) {
  const IntTuple& arg = n->arg.get<IntTuple>();
  if (arg[0] < 0 || size_t(arg[0]) >= ev.buffers().size())
    throw EvalError("BUFFER slot " + std::to_string(arg[0]) + " is not in the buffer table (" + std::to_string(ev.buffers().size()) + " entries)");
  const HostArray& data = ev.buffers().at(arg[0]).data;
  if (int64_t(data.numel()) != arg[1])
    throw EvalError("BUFFER slot " + std::to_string(arg[0]) + " holds " + std::to_string(data.numel()) + " values, the node says " + std::to_string(arg[1]));
  HostArray out{n->dtype, {arg[1]}, data.data};
  for (double& v : out.data) v = cast_value(v, n->dtype);
  return out;
}

HostArray eval_same(UOpPtr n, Src s, Evaluator&) { return HostArray{n->dtype, *n->shape, s[0]->data}; }

HostArray eval_permute(UOpPtr n, Src s, Evaluator&) {
  const IntTuple& order = n->arg.get<IntTuple>();
  return gather(n, *s[0], [&](const IntTuple& idx, const IntTuple& st) {
    int64_t off = 0;
    for (size_t a = 0; a < idx.size(); ++a) off += idx[a] * st[size_t(order[a])];
    return off;
  });
}

HostArray eval_expand(UOpPtr n, Src s, Evaluator&) {
  const Shape& in = s[0]->shape;
  return gather(n, *s[0], [&](const IntTuple& idx, const IntTuple& st) {
    int64_t off = 0;
    for (size_t a = 0; a < idx.size(); ++a) off += (in[a] == 1 ? 0 : idx[a]) * st[a];
    return off;
  });
}

HostArray eval_pad(UOpPtr n, Src s, Evaluator&) {
  const PairTuple& p = n->arg.get<PairTuple>();
  const Shape& in = s[0]->shape;
  return gather(n, *s[0], [&](const IntTuple& idx, const IntTuple& st) -> int64_t {
    int64_t off = 0;
    for (size_t a = 0; a < idx.size(); ++a) {
      int64_t i = idx[a] - p[a].first;
      if (i < 0 || i >= in[a]) return -1;
      off += i * st[a];
    }
    return off;
  });
}

HostArray eval_shrink(UOpPtr n, Src s, Evaluator&) {
  const PairTuple& p = n->arg.get<PairTuple>();
  return gather(n, *s[0], [&](const IntTuple& idx, const IntTuple& st) {
    int64_t off = 0;
    for (size_t a = 0; a < idx.size(); ++a) off += (idx[a] + p[a].first) * st[a];
    return off;
  });
}

HostArray eval_flip(UOpPtr n, Src s, Evaluator&) {
  std::vector<bool> flipped(s[0]->shape.size(), false);
  for (int64_t a : n->arg.get<IntTuple>()) flipped[size_t(a)] = true;
  const Shape& in = s[0]->shape;
  return gather(n, *s[0], [&](const IntTuple& idx, const IntTuple& st) {
    int64_t off = 0;
    for (size_t a = 0; a < idx.size(); ++a) off += (flipped[a] ? in[a] - 1 - idx[a] : idx[a]) * st[a];
    return off;
  });
}

// Integer arithmetic wraps through uint64 (no signed-overflow UB); the node's dtype then
// narrows it.
double int_alu(Op op, int64_t a, int64_t b) {
  auto u = [](int64_t v) { return uint64_t(v); };
  switch (op) {
    case Op::ADD: return double(int64_t(u(a) + u(b)));
    case Op::SUB: return double(int64_t(u(a) - u(b)));
    case Op::MUL: return double(int64_t(u(a) * u(b)));
    case Op::IDIV: return double(floordiv(a, b));
    case Op::MOD: return double(floormod(a, b));
    case Op::MAX: return double(std::max(a, b));
    case Op::AND: return double(a & b);
    case Op::OR: return double(a | b);
    case Op::XOR: return double(a ^ b);
    case Op::SHL: return double(int64_t(u(a) << (b & 63)));
    case Op::SHR: return double(a >> (b & 63));
    default: break;
  }
  throw EvalError(std::string("the reference interpreter has no integer rule for ") + std::string(op_name(op)));
}

double float_alu(Op op, double a, double b) {
  switch (op) {
    case Op::ADD: return a + b;
    case Op::SUB: return a - b;
    case Op::MUL: return a * b;
    case Op::FDIV: return a / b;
    case Op::MAX: return std::isnan(a) || std::isnan(b) ? std::numeric_limits<double>::quiet_NaN() : std::max(a, b);  // numpy maximum
    case Op::POW: return std::pow(a, b);
    case Op::IDIV: return b == 0 ? 0.0 : std::floor(a / b);
    case Op::MOD: return b == 0 ? 0.0 : a - std::floor(a / b) * b;
    case Op::AND: return (a != 0) && (b != 0);
    case Op::OR: return (a != 0) || (b != 0);
    case Op::XOR: return (a != 0) != (b != 0);
    default: break;
  }
  throw EvalError(std::string("the reference interpreter has no float rule for ") + std::string(op_name(op)));
}

double compare(Op op, double a, double b) {
  switch (op) {
    case Op::CMPLT: return a < b;
    case Op::CMPNE: return a != b;
    default: return a == b;
  }
}

HostArray eval_binary(UOpPtr n, Src s, Evaluator&) {
  HostArray out = elementwise_like(n, *s[0]);
  const auto& a = s[0]->data;
  const auto& b = s[1]->data;
  bool ints = n->src[0]->dtype.is_int();
  for (size_t i = 0; i < out.data.size(); ++i) {
    double v = is_comparison(n->op) ? compare(n->op, a[i], b[i])
               : ints               ? int_alu(n->op, int64_t(a[i]), int64_t(b[i]))
                                    : float_alu(n->op, a[i], b[i]);
    out.data[i] = cast_value(v, n->dtype);
  }
  return out;
}

double unary_value(Op op, double x, const DType& src) {
  switch (op) {
    case Op::NEG: return src.is_bool() ? double(x == 0) : -x;
    case Op::RECIP: return 1.0 / x;
    case Op::SQRT: return std::sqrt(x);
    case Op::EXP2: return std::exp2(x);
    case Op::LOG2: return std::log2(x);
    case Op::SIN: return std::sin(x);
    case Op::TRUNC: return std::trunc(x);
    default: return x;  // CAST: the rounding below is the whole cast
  }
}

HostArray eval_unary(UOpPtr n, Src s, Evaluator&) {
  HostArray out = elementwise_like(n, *s[0]);
  const DType& src = n->src[0]->dtype;
  for (size_t i = 0; i < out.data.size(); ++i) out.data[i] = cast_value(unary_value(n->op, s[0]->data[i], src), n->dtype);
  return out;
}

HostArray eval_where(UOpPtr n, Src s, Evaluator&) {
  HostArray out = elementwise_like(n, *s[0]);
  for (size_t i = 0; i < out.data.size(); ++i) out.data[i] = cast_value(s[0]->data[i] != 0 ? s[1]->data[i] : s[2]->data[i], n->dtype);
  return out;
}

HostArray eval_mulacc(UOpPtr n, Src s, Evaluator&) {
  HostArray out = elementwise_like(n, *s[0]);
  for (size_t i = 0; i < out.data.size(); ++i) out.data[i] = cast_value(s[0]->data[i] * s[1]->data[i] + s[2]->data[i], n->dtype);
  return out;
}

// Accumulates in float64 (int64 for ints) and rounds once at the end, as a kernel with a
// wide accumulator would: the most accurate answer the node's dtype can hold.
HostArray eval_reduce(UOpPtr n, Src s, Evaluator&) {
  const ReduceArg& r = n->arg.get<ReduceArg>();
  const HostArray& in = *s[0];
  HostArray out = like(n);
  bool ints = !n->dtype.is_float();
  double identity = r.op == Op::ADD ? 0.0 : r.op == Op::MUL ? 1.0 : ints ? double(n->dtype.min_int()) : -INFINITY;
  std::fill(out.data.begin(), out.data.end(), identity);
  IntTuple out_strides = shape_strides(out.shape);
  size_t k = 0;
  for_each_index(in.shape, [&](const IntTuple& idx) {
    int64_t off = 0;
    for (size_t a = 0; a < idx.size(); ++a) off += (out.shape[a] == 1 ? 0 : idx[a]) * out_strides[a];
    double& acc = out.data[size_t(off)];
    double v = in.data[k++];
    if (r.op == Op::MAX) acc = ints ? std::max(acc, v) : float_alu(Op::MAX, acc, v);
    else if (ints) acc = int_alu(r.op, int64_t(acc), int64_t(v));
    else acc = r.op == Op::ADD ? acc + v : acc * v;
  });
  for (double& v : out.data) v = cast_value(v, n->dtype);
  return out;
}

}  // namespace

void add_tensor_rules(Evaluator& ev) {
  ev.set_rule(Op::CONST, eval_const);
  ev.set_rule(Op::BUFFER, eval_buffer);
  for (Op op : {Op::RESHAPE, Op::CONTIGUOUS, Op::REALIZE, Op::COPY}) ev.set_rule(op, eval_same);
  ev.set_rule(Op::PERMUTE, eval_permute);
  ev.set_rule(Op::EXPAND, eval_expand);
  ev.set_rule(Op::PAD, eval_pad);
  ev.set_rule(Op::SHRINK, eval_shrink);
  ev.set_rule(Op::FLIP, eval_flip);
  for (Op op : {Op::NEG, Op::RECIP, Op::SQRT, Op::EXP2, Op::LOG2, Op::SIN, Op::TRUNC, Op::CAST}) ev.set_rule(op, eval_unary);
  for (Op op : {Op::ADD, Op::SUB, Op::MUL, Op::FDIV, Op::IDIV, Op::MOD, Op::MAX, Op::POW, Op::CMPLT, Op::CMPNE, Op::CMPEQ, Op::AND, Op::OR, Op::XOR,
                Op::SHL, Op::SHR})
    ev.set_rule(op, eval_binary);
  ev.set_rule(Op::WHERE, eval_where);
  ev.set_rule(Op::MULACC, eval_mulacc);
  ev.set_rule(Op::REDUCE_AXIS, eval_reduce);
}

}  // namespace rw
