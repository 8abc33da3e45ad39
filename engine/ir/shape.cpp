#include "engine/ir/shape.h"

#include <algorithm>

#include "engine/ir/uop.h"

namespace rw {

std::string shape_str(std::span<const int64_t> shape) {
  std::string s = "(";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i) s += ", ";
    s += std::to_string(shape[i]);
  }
  if (shape.size() == 1) s += ",";
  return s + ")";
}

std::string count_str(int64_t n, std::string_view noun) {
  return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

int64_t shape_numel(std::span<const int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

IntTuple shape_strides(std::span<const int64_t> shape) {
  IntTuple strides(shape.size(), 1);
  for (size_t i = shape.size(); i-- > 1;) strides[i - 1] = strides[i] * shape[i];
  return strides;
}

namespace {

ShapeResult fail(std::string msg) { return {std::nullopt, std::move(msg)}; }
ShapeResult ok(Shape s) { return {std::move(s), {}}; }

std::string pairs_str(const PairTuple& p) {
  std::string s = "(";
  for (size_t i = 0; i < p.size(); ++i) s += (i ? ", (" : "(") + std::to_string(p[i].first) + ", " + std::to_string(p[i].second) + ")";
  if (p.size() == 1) s += ",";
  return s + ")";
}

ShapeResult reshape(const Shape& in, const Arg& arg) {
  const auto* to = arg.get_if<IntTuple>();
  if (!to) return fail("RESHAPE needs an int tuple argument");
  if (std::any_of(to->begin(), to->end(), [](int64_t d) { return d < 0; }))
    return fail("cannot reshape to " + shape_str(*to) + ": sizes must not be negative");
  if (shape_numel(in) != shape_numel(*to))
    return fail("cannot reshape " + shape_str(in) + " (" + count_str(shape_numel(in), "element") + ") to " + shape_str(*to) + " (" +
                count_str(shape_numel(*to), "element") + ")");
  return ok(*to);
}

ShapeResult permute(const Shape& in, const Arg& arg) {
  const auto* order = arg.get_if<IntTuple>();
  if (!order) return fail("PERMUTE needs an int tuple argument");
  std::vector<bool> seen(in.size(), false);
  bool valid = order->size() == in.size();
  for (int64_t a : *order) {
    if (!valid) break;
    valid = a >= 0 && a < int64_t(in.size()) && !seen[a];
    if (valid) seen[a] = true;
  }
  if (!valid) return fail("cannot permute " + shape_str(in) + " by " + shape_str(*order) + ": the order must list each axis once");
  Shape out;
  for (int64_t a : *order) out.push_back(in[a]);
  return ok(out);
}

ShapeResult expand(const Shape& in, const Arg& arg) {
  const auto* to = arg.get_if<IntTuple>();
  if (!to) return fail("EXPAND needs an int tuple argument");
  bool valid = to->size() == in.size();
  for (size_t i = 0; valid && i < in.size(); ++i) valid = (*to)[i] == in[i] || (in[i] == 1 && (*to)[i] >= 0);
  if (!valid) return fail("cannot expand " + shape_str(in) + " to " + shape_str(*to) + ": only axes of size 1 can grow");
  return ok(*to);
}

ShapeResult pad(const Shape& in, const Arg& arg) {
  const auto* p = arg.get_if<PairTuple>();
  if (!p) return fail("PAD needs a pair tuple argument");
  bool valid = p->size() == in.size();
  for (size_t i = 0; valid && i < in.size(); ++i) valid = (*p)[i].first >= 0 && (*p)[i].second >= 0;
  if (!valid) return fail("cannot pad " + shape_str(in) + " by " + pairs_str(*p) + ": give one non-negative (before, after) pair per axis");
  Shape out = in;
  for (size_t i = 0; i < in.size(); ++i) out[i] += (*p)[i].first + (*p)[i].second;
  return ok(out);
}

ShapeResult shrink(const Shape& in, const Arg& arg) {
  const auto* p = arg.get_if<PairTuple>();
  if (!p) return fail("SHRINK needs a pair tuple argument");
  bool valid = p->size() == in.size();
  for (size_t i = 0; valid && i < in.size(); ++i) valid = 0 <= (*p)[i].first && (*p)[i].first <= (*p)[i].second && (*p)[i].second <= in[i];
  if (!valid)
    return fail("cannot shrink " + shape_str(in) + " to " + pairs_str(*p) + ": give one (start, end) per axis with 0 <= start <= end <= size");
  Shape out;
  for (auto [b, e] : *p) out.push_back(e - b);
  return ok(out);
}

ShapeResult flip(const Shape& in, const Arg& arg) {
  const auto* axes = arg.get_if<IntTuple>();
  if (!axes) return fail("FLIP needs an int tuple argument");
  for (int64_t a : *axes)
    if (a < 0 || a >= int64_t(in.size())) return fail("cannot flip axis " + std::to_string(a) + " of " + shape_str(in));
  return ok(in);
}

ShapeResult reduce(const Shape& in, const Arg& arg) {
  const auto* r = arg.get_if<ReduceArg>();
  if (!r) return fail("REDUCE_AXIS needs a reduce argument");
  Shape out = in;
  for (int64_t a : r->axes) {
    if (a < 0 || a >= int64_t(in.size())) return fail("cannot reduce axis " + std::to_string(a) + " of " + shape_str(in));
    out[a] = 1;
  }
  return ok(out);
}

ShapeResult elementwise(Op op, std::span<const UOpPtr> src) {
  const Shape& first = *src[0]->shape;
  for (UOpPtr s : src.subspan(1))
    if (*s->shape != first)
      return fail(std::string(op_name(op)) + " needs operands of one shape, got " + shape_str(first) + " and " + shape_str(*s->shape));
  return ok(first);
}

}  // namespace

ShapeResult infer_shape(Op op, const DType& dtype, std::span<const UOpPtr> src, const Arg& arg) {
  if (op == Op::CONST) return src.empty() ? ok({}) : ShapeResult{};
  if (op == Op::BUFFER) {
    const auto* a = arg.get_if<IntTuple>();
    return a && a->size() == 2 ? ok({(*a)[1]}) : ShapeResult{};
  }
  bool shaped = !src.empty() && std::all_of(src.begin(), src.end(), [](UOpPtr s) { return s->shape.has_value(); });
  if (!shaped) return {};
  const Shape& in = *src[0]->shape;
  switch (op) {
    case Op::RESHAPE: return reshape(in, arg);
    case Op::PERMUTE: return permute(in, arg);
    case Op::EXPAND: return expand(in, arg);
    case Op::PAD: return pad(in, arg);
    case Op::SHRINK: return shrink(in, arg);
    case Op::FLIP: return flip(in, arg);
    case Op::REDUCE_AXIS: return reduce(in, arg);
    case Op::CAST: case Op::BITCAST: case Op::CONTIGUOUS: case Op::REALIZE: case Op::COPY: return ok(in);
    default: break;
  }
  if (is_alu(op)) return elementwise(op, src);
  return {};
}

}  // namespace rw
