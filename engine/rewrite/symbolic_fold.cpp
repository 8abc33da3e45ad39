// Constant folding: an int/bool ALU op on constants becomes its value (floor division and
// modulo, wraparound to the dtype), and any node whose value range pins a single value becomes
// that constant.
#include <vector>

#include "engine/rewrite/int_alu.h"
#include "engine/rewrite/symbolic.h"

namespace rw {

namespace {
constexpr OpSet kIntAlu{Op::ADD, Op::SUB, Op::MUL, Op::IDIV, Op::MOD,   Op::MAX,  Op::NEG,   Op::CMPLT, Op::CMPNE,
                        Op::CMPEQ, Op::AND, Op::OR, Op::XOR,  Op::SHL, Op::SHR, Op::WHERE, Op::CAST};

bool int_or_bool_scalar(const DType& d) { return d.count == 1 && (d.is_int() || d.is_bool()); }

Rewrite fold_constants(const Match& m) {
  UOpPtr u = m.root;
  if (!int_or_bool_scalar(u->dtype)) return nullptr;
  std::vector<int64_t> vals;
  vals.reserve(u->src.size());
  for (UOpPtr s : u->src) {
    if (!int_or_bool_scalar(s->dtype)) return nullptr;
    vals.push_back(s->const_int());
  }
  auto v = eval_int_alu(u->op, u->dtype, u->src[0]->dtype, vals);
  if (!v) return nullptr;
  return u->const_like(*v);
}

Rewrite fold_pinned_range(const Match& m) {
  UOpPtr u = m.root;
  if (u->vmin != u->vmax || !int_or_bool_scalar(u->dtype)) return nullptr;
  return u->const_like(u->vmin);
}
}  // namespace

PatternMatcher symbolic_fold_rules() {
  return {
      rule("op(c0, c1, ...) -> c  [every source constant; floor //, %, wraparound]",
           UPat::ops(kIntAlu).src_each(UPat::op(Op::CONST)), fold_constants),
      rule("x -> c  [x.vmin == x.vmax == c]", UPat::ops(kIntAlu | OpSet{Op::DEFINE_VAR}), fold_pinned_range),
  };
}

}  // namespace rw
