#include "engine/ir/uop.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <stdexcept>

#include "engine/ir/arena.h"

namespace rw {

bool UOp::is_const(int64_t v) const {
  if (op != Op::CONST) return false;
  if (auto i = arg.get_if<int64_t>()) return *i == v;
  if (auto b = arg.get_if<bool>()) return int64_t(*b) == v;
  if (auto d = arg.get_if<double>()) return *d == double(v);
  return false;
}

int64_t UOp::const_int() const {
  if (op != Op::CONST) throw std::logic_error("const_int on " + summary());
  if (auto i = arg.get_if<int64_t>()) return *i;
  if (auto b = arg.get_if<bool>()) return *b;
  if (auto d = arg.get_if<double>()) return int64_t(*d);
  throw std::logic_error("const_int: CONST without a numeric arg: " + summary());
}

double UOp::const_float() const {
  if (op != Op::CONST) throw std::logic_error("const_float on " + summary());
  if (auto d = arg.get_if<double>()) return *d;
  if (auto i = arg.get_if<int64_t>()) return double(*i);
  if (auto b = arg.get_if<bool>()) return *b;
  throw std::logic_error("const_float: CONST without a numeric arg: " + summary());
}

UOpPtr UOp::alu(Op o, std::initializer_list<UOpPtr> others) const {
  // ALU ops have at most three sources: gather them on the stack, allocate only for a new node.
  std::array<UOpPtr, 4> s{};
  if (others.size() + 1 > s.size()) throw std::invalid_argument("UOp::alu: too many sources for " + std::string(op_name(o)));
  s[0] = this;
  std::copy(others.begin(), others.end(), s.begin() + 1);
  DType out = is_comparison(o) ? DType::bool_().vec(dtype.count) : dtype;
  if (o == Op::WHERE) out = s[1]->dtype;
  return arena->find_or_make(o, out, std::span<const UOpPtr>(s.data(), others.size() + 1));
}

UOpPtr UOp::const_like(int64_t v) const { return arena->const_int(dtype.base(), v); }
UOpPtr UOp::const_like(double v) const { return arena->const_float(dtype.base(), v); }

UOpPtr UOp::logical_not() const { return ne(arena->const_bool(true)); }

UOpPtr UOp::where(UOpPtr a, UOpPtr b) const {
  const UOpPtr s[] = {this, a, b};
  return arena->find_or_make(Op::WHERE, a->dtype, s);
}

UOpPtr UOp::cast(DType d) const {
  if (d == dtype) return this;
  const UOpPtr s[] = {this};
  return arena->find_or_make(Op::CAST, d, s);
}

UOpPtr UOp::with_src(std::vector<UOpPtr> s) const { return arena->make(op, dtype, std::move(s), arg, tag); }
UOpPtr UOp::with_src(std::span<const UOpPtr> s) const { return arena->find_or_make(op, dtype, s, arg, tag); }
UOpPtr UOp::with_arg(Arg a) const { return arena->find_or_make(op, dtype, src, a, tag); }
UOpPtr UOp::with_tag(int32_t t) const { return arena->find_or_make(op, dtype, src, arg, t); }

std::string UOp::summary() const {
  std::string s(op_name(op));
  s += " ";
  s += to_string(dtype);
  if (!arg.is_none()) s += " " + arg.to_string();
  if (tag) s += " tag=" + std::to_string(tag);
  return s;
}

}  // namespace rw
