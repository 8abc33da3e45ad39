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
  int64_t vals[3];
  if (u->src.empty() || u->src.size() > 3) return nullptr;
  for (size_t i = 0; i < u->src.size(); ++i) {
    if (!int_or_bool_scalar(u->src[i]->dtype)) return nullptr;
    vals[i] = u->src[i]->const_int();
  }
  auto v = eval_int_alu(u->op, u->dtype, u->src[0]->dtype, std::span<const int64_t>(vals, u->src.size()));
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
