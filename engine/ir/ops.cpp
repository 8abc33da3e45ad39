#include "engine/ir/ops.h"

#include <array>

namespace rw {

namespace {
constexpr std::array<std::string_view, kNumOps> kNames = {
#define RW_OP_NAME(name, group) #name,
    RW_OPS(RW_OP_NAME)
#undef RW_OP_NAME
};
constexpr std::array<OpGroup, kNumOps> kGroups = {
#define RW_OP_GROUP(name, group) OpGroup::group,
    RW_OPS(RW_OP_GROUP)
#undef RW_OP_GROUP
};
}  // namespace

std::string_view op_name(Op op) { return kNames[static_cast<size_t>(op)]; }

std::optional<Op> op_from_name(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == name) return static_cast<Op>(i);
  return std::nullopt;
}

OpGroup op_group(Op op) { return kGroups[static_cast<size_t>(op)]; }

std::string_view group_name(OpGroup g) {
  static constexpr std::array<std::string_view, 12> names = {
      "meta", "buffer", "movement", "indexing", "define", "reduce",
      "unary", "binary", "ternary", "memory", "control", "const"};
  return names[static_cast<size_t>(g)];
}

bool is_unary(Op op) { return op_group(op) == OpGroup::Unary; }
bool is_binary(Op op) { return op_group(op) == OpGroup::Binary; }
bool is_ternary(Op op) { return op_group(op) == OpGroup::Ternary; }
bool is_alu(Op op) { return is_unary(op) || is_binary(op) || is_ternary(op); }
bool is_movement(Op op) { return op_group(op) == OpGroup::Movement; }

bool is_commutative(Op op) {
  static constexpr OpSet set{Op::ADD, Op::MUL, Op::MAX, Op::CMPNE, Op::CMPEQ, Op::AND, Op::OR, Op::XOR};
  return set.contains(op);
}
bool is_comparison(Op op) {
  static constexpr OpSet set{Op::CMPLT, Op::CMPNE, Op::CMPEQ};
  return set.contains(op);
}
bool is_associative(Op op) {
  static constexpr OpSet set{Op::ADD, Op::MUL, Op::AND, Op::OR, Op::MAX};
  return set.contains(op);
}

OpSet group_ops(OpGroup g) {
  OpSet s;
  for (int i = 0; i < kNumOps; ++i)
    if (kGroups[i] == g) s.add(static_cast<Op>(i));
  return s;
}

}  // namespace rw
