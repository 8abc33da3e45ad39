// The checks typing-table rows name for what a row cannot say: a constant's value against its
// dtype, a permutation's validity, a bitcast's sizes, what a LOAD or STORE address holds...
#include <algorithm>
#include <set>

#include "engine/ir/verify_rules.h"

namespace rw::verify_detail {

std::optional<Problem> check_const(UOpPtr n) {
  const DType& d = n->dtype;
  if (d.count != 1 || d.ptr) return Problem{"const-dtype", "CONST must be a scalar value, got " + to_string(d) + " (use VCONST for vectors)"};
  ArgKinds want = d.is_float() ? kFloat : d.is_bool() ? kBool : d.is_int() ? kInt : 0;
  if (want == 0) return Problem{"const-dtype", "CONST must have a bool, integer, index or float dtype, got " + to_string(d)};
  if (kind_of(n->arg) != want)
    return Problem{"const-arg", "a " + to_string(d) + " CONST takes " + kinds_text(want) + " value, got " + kinds_text(kind_of(n->arg)) + " " + n->arg.to_string()};
  if (auto v = n->arg.get_if<int64_t>(); v && (*v < d.min_int() || *v > d.max_int()))
    return Problem{"const-arg", "value " + std::to_string(*v) + " does not fit " + to_string(d) + " [" + std::to_string(d.min_int()) + ", " + std::to_string(d.max_int()) + "]"};
  return std::nullopt;
}

std::optional<Problem> check_vconst(UOpPtr n) {
  const auto& t = n->arg.get<IntTuple>();
  if (!(n->dtype.is_int() || n->dtype.is_bool()) || n->dtype.count < 2)
    return Problem{"vconst-dtype", "VCONST must have an integer or bool vector dtype, got " + to_string(n->dtype)};
  if (t.size() != n->dtype.count)
    return Problem{"vconst-arg", "VCONST of " + to_string(n->dtype) + " needs " + std::to_string(n->dtype.count) + " values, got " + std::to_string(t.size())};
  return std::nullopt;
}

std::optional<Problem> check_define_var(UOpPtr n) {
  const VarArg& v = n->arg.get<VarArg>();
  if (v.name.empty()) return Problem{"define-var-arg", "DEFINE_VAR needs a name"};
  if (v.min > v.max)
    return Problem{"define-var-arg", "variable '" + v.name + "' has min " + std::to_string(v.min) + " > max " + std::to_string(v.max)};
  if (v.min < n->dtype.min_int() || v.max > n->dtype.max_int())
    return Problem{"define-var-arg", "bounds [" + std::to_string(v.min) + ", " + std::to_string(v.max) + "] of '" + v.name + "' do not fit " + to_string(n->dtype)};
  return std::nullopt;
}

namespace {
std::optional<Problem> check_reduce_op(const char* rule, const ReduceArg& r) {
  static constexpr OpSet kReduceOps{Op::ADD, Op::MUL, Op::MAX};
  if (!kReduceOps.contains(r.op)) return Problem{rule, "reduce op must be ADD, MUL or MAX, got " + std::string(op_name(r.op))};
  return std::nullopt;
}
}  // namespace

std::optional<Problem> check_reduce_axis(UOpPtr n) {
  const ReduceArg& r = n->arg.get<ReduceArg>();
  if (auto p = check_reduce_op("reduce-axis-arg", r)) return p;
  if (r.axes.empty()) return Problem{"reduce-axis-arg", "REDUCE_AXIS needs at least one axis"};
  std::set<int64_t> seen;
  for (int64_t a : r.axes) {
    if (a < 0) return Problem{"reduce-axis-arg", "axis " + std::to_string(a) + " is negative (axes are normalized before building the node)"};
    if (!seen.insert(a).second) return Problem{"reduce-axis-arg", "axis " + std::to_string(a) + " is listed twice"};
  }
  return std::nullopt;
}

std::optional<Problem> check_reduce(UOpPtr n) {
  const ReduceArg& r = n->arg.get<ReduceArg>();
  if (auto p = check_reduce_op("reduce-arg", r)) return p;
  if (!r.axes.empty()) return Problem{"reduce-arg", "REDUCE reduces over its RANGE sources and takes no axes, got " + n->arg.to_string()};
  return std::nullopt;
}

std::optional<Problem> check_movement(UOpPtr n) {
  auto bad = [&](std::string what) { return Problem{"movement-arg", std::string(op_name(n->op)) + " " + n->arg.to_string() + ": " + what}; };
  if (auto t = n->arg.get_if<IntTuple>()) {
    if (n->op == Op::PERMUTE) {
      std::vector<int64_t> sorted = *t;
      std::sort(sorted.begin(), sorted.end());
      for (size_t i = 0; i < sorted.size(); ++i)
        if (sorted[i] != int64_t(i)) return bad("not a permutation of 0.." + std::to_string(int64_t(t->size()) - 1));
    } else if (n->op == Op::FLIP) {
      std::set<int64_t> seen;
      for (int64_t a : *t)
        if (a < 0 || !seen.insert(a).second) return bad("axes must be distinct and non-negative");
    } else {
      for (int64_t s : *t)
        if (s < 0) return bad("shape sizes must be non-negative");
    }
  }
  if (auto t = n->arg.get_if<PairTuple>()) {
    for (auto [a, b] : *t) {
      if (n->op == Op::PAD && (a < 0 || b < 0)) return bad("padding amounts must be non-negative");
      if (n->op == Op::SHRINK && (a < 0 || b < a)) return bad("each (begin, end) needs 0 <= begin <= end");
    }
  }
  return std::nullopt;
}

std::optional<Problem> check_range(UOpPtr n) {
  if (n->arg.get<IntTuple>().empty()) return Problem{"range-arg", "RANGE needs an axis id in its argument, got ()"};
  return std::nullopt;
}

std::optional<Problem> check_same_width(UOpPtr n) {
  if (n->src[0]->dtype.count != n->dtype.count)
    return Problem{n->op == Op::CAST ? "cast-dtype" : "compare-dtype",
                   "vector width changes from " + std::to_string(n->src[0]->dtype.count) + " to " + std::to_string(n->dtype.count) + " (" +
                       ref(n->src[0]) + " to " + to_string(n->dtype) + ")"};
  return std::nullopt;
}

std::optional<Problem> check_bitcast(UOpPtr n) {
  const DType& from = n->src[0]->dtype;
  const DType& to = n->dtype;
  for (const DType* d : {&from, &to})
    if (d->is_index() || d->is_bool())
      return Problem{"bitcast-dtype", "BITCAST needs types with a memory layout; " + to_string(*d) + " has none (use CAST)"};
  if (from.itemsize() * from.count != to.itemsize() * to.count)
    return Problem{"bitcast-dtype", "BITCAST must keep the size: " + ref(n->src[0]) + " is " + std::to_string(from.itemsize() * from.count) +
                                        " bytes, " + to_string(to) + " is " + std::to_string(to.itemsize() * to.count)};
  return std::nullopt;
}

std::optional<Problem> check_shift(UOpPtr n) {
  const DType& amount = n->src[1]->dtype;
  if (amount != n->dtype && amount != DType(Scalar::UInt32))
    return Problem{"shift-dtype", "the shift amount " + src_ref(n, 1) + " must be " + to_string(n->dtype) + " or uint32"};
  return std::nullopt;
}

namespace {
// The element type an address points at: a pointer's scalar, or an INDEX's scalar.
Scalar pointee(UOpPtr address) { return address->dtype.scalar; }
}  // namespace

std::optional<Problem> check_load(UOpPtr n) {
  if (n->src.size() == 2) return Problem{"load-src-count", "LOAD takes (address) or (address, alt, gate), got 2 sources"};
  if (n->dtype.scalar != pointee(n->src[0]))
    return Problem{"load-dtype", "LOAD of " + to_string(n->dtype) + " from " + src_ref(n, 0) + " which holds " + std::string(scalar_name(pointee(n->src[0])))};
  return std::nullopt;
}

std::optional<Problem> check_store(UOpPtr n) {
  bool ranges = true;
  for (size_t i = 2; i < n->src.size(); ++i) ranges &= n->src[i]->op == Op::RANGE;
  bool gate = n->src.size() == 3 && n->src[2]->dtype.is_bool();
  if (!ranges && !gate)
    return Problem{"store-dtype", "STORE takes (address, value), (address, value, bool gate) or (address, value, RANGE...); " +
                                      src_ref(n, 2) + " is neither a bool gate nor a RANGE"};
  if (n->src[1]->dtype.scalar != pointee(n->src[0]))
    return Problem{"store-dtype", "STORE of " + src_ref(n, 1) + " into " + src_ref(n, 0) + " which holds " + std::string(scalar_name(pointee(n->src[0])))};
  return std::nullopt;
}

std::optional<Problem> check_index(UOpPtr n) {
  // While kernels are split off, a read of a buffer a kernel writes indexes the KERNEL node
  // (void) until the rewrite reaches it: the element type is its buffer's, not the node's.
  if (n->src[0]->op == Op::KERNEL) return std::nullopt;
  if (n->dtype.scalar != n->src[0]->dtype.scalar)
    return Problem{"index-dtype", "INDEX into " + src_ref(n, 0) + " must have its element type " + std::string(scalar_name(n->src[0]->dtype.scalar)) +
                                      ", got " + to_string(n->dtype)};
  return std::nullopt;
}

std::optional<Problem> check_vectorize(UOpPtr n) {
  if (size_t(n->dtype.count) != n->src.size())
    return Problem{"vectorize-src-count", "VECTORIZE to " + to_string(n->dtype) + " needs " + std::to_string(n->dtype.count) + " lanes, got " + std::to_string(n->src.size())};
  return std::nullopt;
}

std::optional<Problem> check_gep(UOpPtr n) {
  const auto& lanes = n->arg.get<IntTuple>();
  const DType& from = n->src[0]->dtype;
  for (int64_t l : lanes)
    if (l < 0 || l >= from.count) return Problem{"gep-arg", "lane " + std::to_string(l) + " is outside " + ref(n->src[0])};
  DType want = DType(from.scalar).vec(uint8_t(lanes.size()));
  if (n->dtype != want) return Problem{"gep-dtype", "GEP of " + std::to_string(lanes.size()) + " lane(s) from " + ref(n->src[0]) + " must be " + to_string(want) + ", got " + to_string(n->dtype)};
  return std::nullopt;
}

}  // namespace rw::verify_detail
