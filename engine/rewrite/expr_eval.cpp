#include "engine/rewrite/expr_eval.h"

#include <algorithm>
#include <stdexcept>

#include "engine/ir/graph.h"
#include "engine/ir/intmath.h"

namespace rw {

namespace {

// Two's-complement wrap of v into d's width (index and int64 are 64-bit already).
int64_t wrap_to(const DType& d, int64_t v) {
  if (d.is_bool()) return v != 0;
  switch (d.scalar) {
    case Scalar::Int8: return int8_t(v);
    case Scalar::Int16: return int16_t(v);
    case Scalar::Int32: return int32_t(v);
    case Scalar::UInt8: return uint8_t(v);
    case Scalar::UInt16: return uint16_t(v);
    case Scalar::UInt32: return uint32_t(v);
    default: return v;
  }
}

// Arithmetic through uint64, so overflow wraps instead of being undefined.
int64_t wadd(int64_t a, int64_t b) { return int64_t(uint64_t(a) + uint64_t(b)); }
int64_t wsub(int64_t a, int64_t b) { return int64_t(uint64_t(a) - uint64_t(b)); }
int64_t wmul(int64_t a, int64_t b) { return int64_t(uint64_t(a) * uint64_t(b)); }

int64_t eval_one(UOpPtr n, const std::unordered_map<UOpPtr, int64_t>& done, const VarValues& vars) {
  auto s = [&](size_t i) { return done.at(n->src[i]); };
  switch (n->op) {
    case Op::CONST: return wrap_to(n->dtype, n->const_int());
    case Op::DEFINE_VAR: {
      const std::string& name = n->arg.get<VarArg>().name;
      auto it = vars.find(name);
      if (it == vars.end()) throw std::invalid_argument("eval_index_expr: no value for variable '" + name + "'");
      return it->second;
    }
    case Op::ADD: return wrap_to(n->dtype, wadd(s(0), s(1)));
    case Op::SUB: return wrap_to(n->dtype, wsub(s(0), s(1)));
    case Op::MUL: return wrap_to(n->dtype, wmul(s(0), s(1)));
    case Op::NEG: return wrap_to(n->dtype, wsub(0, s(0)));
    case Op::IDIV: return wrap_to(n->dtype, floordiv(s(0), s(1)));
    case Op::MOD: return wrap_to(n->dtype, floormod(s(0), s(1)));
    case Op::MAX: return std::max(s(0), s(1));
    case Op::CMPLT: return s(0) < s(1);
    case Op::CMPNE: return s(0) != s(1);
    case Op::CMPEQ: return s(0) == s(1);
    case Op::AND: return s(0) & s(1);
    case Op::OR: return s(0) | s(1);
    case Op::XOR: return s(0) ^ s(1);
    case Op::WHERE: return s(0) ? s(1) : s(2);
    case Op::CAST: return wrap_to(n->dtype, s(0));
    default: throw std::invalid_argument("eval_index_expr: cannot evaluate " + n->summary());
  }
}

}  // namespace

std::unordered_map<UOpPtr, int64_t> eval_index_nodes(UOpPtr root, const VarValues& vars) {
  std::unordered_map<UOpPtr, int64_t> values;
  for (UOpPtr n : toposort(root)) values.emplace(n, eval_one(n, values, vars));
  return values;
}

int64_t eval_index_expr(UOpPtr root, const VarValues& vars) { return eval_index_nodes(root, vars).at(root); }

}  // namespace rw
