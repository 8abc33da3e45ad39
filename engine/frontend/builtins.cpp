#include "engine/frontend/builtins.h"

#include <algorithm>

#include "engine/frontend/npy.h"

namespace rw {

namespace {

Value T(Tensor t) { return Value{std::move(t)}; }

Value arange(const CallArgs& a) {
  Number start = a.number("start"), stop = start, step = a.number("step");
  if (a.value("stop").is_none()) start = Number::integer(0);  // arange(n) counts from 0
  else stop = a.number("stop");
  return T(Tensor::arange(a.ctx(), start, stop, step));
}

Shape shape_arg(const CallArgs& a, const std::string& name) {
  IntTuple s = a.ints(name);
  for (int64_t d : s)
    if (d < 0) a.fail(name, a.function() + "(): shape " + shape_str(s) + " has a negative size");
  return s;
}

uint64_t seed_arg(const CallArgs& a) {
  if (a.value("seed").is_none()) return a.ctx().next_default_seed();
  int64_t s = a.integer("seed");
  if (s < 0) a.fail("seed", "rand/randn seeds must not be negative, got " + std::to_string(s));
  return uint64_t(s);
}

// Nested lists of numbers to a host array: the shape from the nesting (read down the first
// elements, then checked everywhere), the dtype from the numbers (any float: float32; all
// bools: bool; otherwise int32).
Shape literal_shape(const Value& v) {
  Shape shape;
  for (const Value* at = &v; at->is_list(); at = &at->items()[0]) {
    shape.insert(shape.end(), int64_t(at->items().size()));
    if (at->items().empty()) break;
  }
  return shape;
}

void flatten_literal(const CallArgs& a, const Value& v, size_t depth, const Shape& shape, std::vector<double>& data, DType& dtype, bool& all_bool) {
  if (depth < shape.size()) {
    if (!v.is_list()) a.fail("data", "tensor(): the nested lists are ragged (a number where a list was expected)");
    int64_t n = int64_t(v.items().size());
    if (n != shape[depth])
      a.fail("data", "tensor(): the nested lists are ragged: lengths " + std::to_string(shape[depth]) + " and " + std::to_string(n) +
                         " at depth " + std::to_string(depth));
    for (const Value& item : v.items()) flatten_literal(a, item, depth + 1, shape, data, dtype, all_bool);
    return;
  }
  if (v.is_list()) a.fail("data", "tensor(): the nested lists are ragged (a list where a number was expected)");
  if (!v.is_number()) a.fail("data", "tensor() needs numbers in nested lists, got " + describe(v));
  Number n = v.number();
  if (n.dtype.is_float()) dtype = DType::float32();
  all_bool = all_bool && n.dtype.is_bool();
  data.push_back(n.value);
}

Value tensor_literal(const CallArgs& a) {
  const Value& v = a.value("data");
  Shape shape = literal_shape(v);
  std::vector<double> data;
  DType dtype = DType::int32();
  bool all_bool = true;
  flatten_literal(a, v, 0, shape, data, dtype, all_bool);
  if (all_bool && !data.empty()) dtype = DType::bool_();
  return T(Tensor::from_array(a.ctx(), HostArray{dtype, shape, std::move(data)}, "tensor", BufferOrigin::Literal));
}

Value load(const CallArgs& a) {
  std::string written = a.string("path");
  std::filesystem::path full = a.state().base_dir / written;
  HostArray data;
  if (const InputProvider* inputs = a.state().inputs; inputs && *inputs) {
    if (std::optional<HostArray> given = (*inputs)(written))
      return T(Tensor::from_array(a.ctx(), std::move(*given), written, BufferOrigin::Loaded, written));
  }
  try {
    data = read_npy(full);
  } catch (const NpyError& e) {
    std::string hint = std::filesystem::exists(full) ? "" : "paths are relative to the program's folder, " + a.state().base_dir.string();
    a.fail("path", e.what(), hint);
  }
  return T(Tensor::from_array(a.ctx(), std::move(data), written, BufferOrigin::Loaded, written));
}

Value cast(const CallArgs& a) {
  std::string name = a.string("dtype");
  auto d = dtype_from_name(name);
  bool supported = d && (d->is_bool() || d->scalar == Scalar::Int32 || d->scalar == Scalar::Int64 || d->scalar == Scalar::Float32 ||
                         d->scalar == Scalar::Float64);
  if (!supported) a.fail("dtype", "unknown dtype \"" + name + "\"", "use one of float32, float64, int32, int64, bool");
  return T(a.tensor("self").cast(*d));
}

template <Tensor (Tensor::*F)() const>
Value method0(const CallArgs& a) {
  return T((a.tensor("self").*F)());
}

template <Tensor (*F)(const Tensor::Operand&, const Tensor::Operand&)>
Value binary(const CallArgs& a) {
  return T(F(a.operand("self"), a.operand("other")));
}

template <Tensor (Tensor::*F)(const Axes&, bool) const>
Value reduction(const CallArgs& a) {
  return T((a.tensor("self").*F)(a.axes("axis"), a.boolean("keepdim")));
}

Value where(const CallArgs& a) { return T(Tensor::where(a.operand("self"), a.operand("x"), a.operand("y"))); }

Value shrink(const CallArgs& a) {
  Tensor t = a.tensor("self");
  return T(t.shrink(a.pairs("ranges", &t.shape())));
}

Value var(const CallArgs& a) { return T(a.tensor("self").var(a.axes("axis"), a.boolean("keepdim"), a.integer("correction"))); }

Value conv2d(const CallArgs& a) {
  return T(a.tensor("self").conv2d(a.tensor("weight"), a.integer("stride"), a.integer("padding")));
}

const std::vector<Builtin>& table() {
  static const std::vector<Builtin> kTable = {
      // creation
      {"arange", Signature::parse({"start", "stop=None", "step=1"}), arange},
      {"zeros", Signature::parse({"*shape"}), [](const CallArgs& a) { return T(Tensor::zeros(a.ctx(), shape_arg(a, "shape"))); }},
      {"ones", Signature::parse({"*shape"}), [](const CallArgs& a) { return T(Tensor::ones(a.ctx(), shape_arg(a, "shape"))); }},
      {"full", Signature::parse({"shape", "fill_value"}),
       [](const CallArgs& a) { return T(Tensor::full(a.ctx(), shape_arg(a, "shape"), a.number("fill_value"))); }},
      {"rand", Signature::parse({"*shape", "seed=None"}),
       [](const CallArgs& a) { return T(Tensor::rand(a.ctx(), shape_arg(a, "shape"), seed_arg(a))); }},
      {"randn", Signature::parse({"*shape", "seed=None"}),
       [](const CallArgs& a) { return T(Tensor::randn(a.ctx(), shape_arg(a, "shape"), seed_arg(a))); }},
      {"eye", Signature::parse({"n"}), [](const CallArgs& a) { return T(Tensor::eye(a.ctx(), a.integer("n"))); }},
      {"tensor", Signature::parse({"data"}), tensor_literal},
      {"load", Signature::parse({"path"}), load},
      // elementwise
      {"neg", Signature::parse({"self"}), method0<&Tensor::neg>},
      {"exp", Signature::parse({"self"}), method0<&Tensor::exp>},
      {"exp2", Signature::parse({"self"}), method0<&Tensor::exp2>},
      {"log", Signature::parse({"self"}), method0<&Tensor::log>},
      {"log2", Signature::parse({"self"}), method0<&Tensor::log2>},
      {"log1p", Signature::parse({"self"}), method0<&Tensor::log1p>},
      {"sqrt", Signature::parse({"self"}), method0<&Tensor::sqrt>},
      {"sin", Signature::parse({"self"}), method0<&Tensor::sin>},
      {"cos", Signature::parse({"self"}), method0<&Tensor::cos>},
      {"tanh", Signature::parse({"self"}), method0<&Tensor::tanh>},
      {"sigmoid", Signature::parse({"self"}), method0<&Tensor::sigmoid>},
      {"relu", Signature::parse({"self"}), method0<&Tensor::relu>},
      {"abs", Signature::parse({"self"}), method0<&Tensor::abs>},
      {"reciprocal", Signature::parse({"self"}), method0<&Tensor::recip>},
      {"floor", Signature::parse({"self"}), method0<&Tensor::floor>},
      {"trunc", Signature::parse({"self"}), method0<&Tensor::trunc>},
      {"float", Signature::parse({"self"}), method0<&Tensor::float_>},
      {"int", Signature::parse({"self"}), method0<&Tensor::int_>},
      {"cast", Signature::parse({"self", "dtype"}), cast},
      {"maximum", Signature::parse({"self", "other"}), binary<&Tensor::maximum>},
      {"minimum", Signature::parse({"self", "other"}), binary<&Tensor::minimum>},
      {"where", Signature::parse({"self", "x", "y"}), where},
      // reductions
      {"sum", Signature::parse({"self", "axis=None", "keepdim=False"}), reduction<&Tensor::sum>},
      {"max", Signature::parse({"self", "axis=None", "keepdim=False"}), reduction<&Tensor::max>},
      {"min", Signature::parse({"self", "axis=None", "keepdim=False"}), reduction<&Tensor::min>},
      {"mean", Signature::parse({"self", "axis=None", "keepdim=False"}), reduction<&Tensor::mean>},
      {"prod", Signature::parse({"self", "axis=None", "keepdim=False"}), reduction<&Tensor::prod>},
      {"var", Signature::parse({"self", "axis=None", "keepdim=False", "correction=0"}), var},
      // movement
      {"reshape", Signature::parse({"self", "*shape"}), [](const CallArgs& a) { return T(a.tensor("self").reshape(a.ints("shape"))); }},
      {"permute", Signature::parse({"self", "*order"}), [](const CallArgs& a) { return T(a.tensor("self").permute(a.ints("order"))); }},
      {"expand", Signature::parse({"self", "*shape"}), [](const CallArgs& a) { return T(a.tensor("self").expand(a.ints("shape"))); }},
      {"pad", Signature::parse({"self", "padding"}), [](const CallArgs& a) { return T(a.tensor("self").pad(a.pairs("padding"))); }},
      {"shrink", Signature::parse({"self", "ranges"}), shrink},
      {"flip", Signature::parse({"self", "*axis"}), [](const CallArgs& a) { return T(a.tensor("self").flip(a.ints("axis"))); }},
      {"transpose", Signature::parse({"self", "dim0=1", "dim1=0"}),
       [](const CallArgs& a) { return T(a.tensor("self").transpose(a.integer("dim0"), a.integer("dim1"))); }},
      // composites
      {"matmul", Signature::parse({"self", "other"}), [](const CallArgs& a) { return T(Tensor::matmul(a.tensor("self"), a.tensor("other"))); }},
      {"conv2d", Signature::parse({"self", "weight", "stride=1", "padding=0"}), conv2d},
      {"max_pool2d", Signature::parse({"self", "kernel_size=2"}),
       [](const CallArgs& a) { return T(a.tensor("self").max_pool2d(a.integer("kernel_size"))); }},
      {"cumsum", Signature::parse({"self", "axis=0"}), [](const CallArgs& a) { return T(a.tensor("self").cumsum(a.integer("axis"))); }},
      {"softmax", Signature::parse({"self", "axis=-1"}), [](const CallArgs& a) { return T(a.tensor("self").softmax(a.integer("axis"))); }},
      {"contiguous", Signature::parse({"self"}), method0<&Tensor::contiguous>},
      {"realize", Signature::parse({"self"}), method0<&Tensor::realize>},
  };
  return kTable;
}

}  // namespace

const Builtin* find_builtin(const std::string& name) {
  for (const Builtin& b : table())
    if (b.name == name) return &b;
  return nullptr;
}

std::vector<std::string> builtin_names() {
  std::vector<std::string> out;
  for (const Builtin& b : table()) out.push_back(b.name);
  return out;
}

}  // namespace rw
