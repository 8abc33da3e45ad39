// Stage rules: which ops may appear at each stage of compilation, and the few typing rules
// that change with the stage (INDEX's form, where the index dtype may live). The table in
// verify.h documents the same op sets; keep the two together.
#include <array>

#include "engine/ir/verify_rules.h"

namespace rw::verify_detail {

namespace {

enum class IndexForm : uint8_t {
  None,          // INDEX is not allowed at all
  Symbolic,      // INDEX(buffer, index operands...[, gate]) with index-typed operands
  PointerArith,  // INDEX(pointer, offset[, gate])
};

struct StageRules {
  Stage stage;
  std::string_view name;
  OpSet allowed;
  bool index_dtype_allowed;
  IndexForm index_form;
};

// clang-format off
const std::array<StageRules, 5>& stage_rules() {
  using enum Op;
  static const OpSet kEverywhere = OpSet{SINK, NOOP, GROUP, DEFINE_VAR, CONST} | group_ops(OpGroup::Unary) |
                                   group_ops(OpGroup::Binary) | group_ops(OpGroup::Ternary);
  static const OpSet kProgram = kEverywhere | OpSet{INDEX, RANGE, END, DEFINE_GLOBAL, DEFINE_LOCAL, DEFINE_REG, VCONST,
                                                    VECTORIZE, GEP, LOAD, STORE, IF, ENDIF, BARRIER};
  static const std::array<StageRules, 5> rules = {{
    {Stage::Tensor, "tensor",
     kEverywhere | group_ops(OpGroup::Movement) | OpSet{BUFFER, COPY, ASSIGN, BUFFER_VIEW, CONTIGUOUS, REALIZE, REDUCE_AXIS},
     true, IndexForm::None},
    {Stage::Rangeified, "rangeified",
     kEverywhere | OpSet{KERNEL, BUFFER, COPY, ASSIGN, BUFFER_VIEW, BUFFERIZE, REDUCE, INDEX, RANGE, END, VALID, INVALID,
                         DEFINE_GLOBAL, LOAD, STORE},
     true, IndexForm::Symbolic},
    {Stage::Lowered, "lowered", kProgram | OpSet{REDUCE}, true, IndexForm::PointerArith},
    {Stage::Linear, "linear", kProgram, false, IndexForm::PointerArith},
    {Stage::Scheduling, "scheduling",
     kEverywhere | group_ops(OpGroup::Movement) | OpSet{BUFFER, COPY, ASSIGN, BUFFER_VIEW, CONTIGUOUS, REALIZE, REDUCE_AXIS, KERNEL,
                                                        BUFFERIZE, REDUCE, INDEX, RANGE, END, VALID, INVALID, DEFINE_GLOBAL, LOAD, STORE},
     true, IndexForm::Symbolic},
  }};
  return rules;
}
// clang-format on

const StageRules& rules_for(Stage s) { return stage_rules()[size_t(s)]; }

std::string stages_allowing(Op op) {
  std::string s;
  for (const StageRules& r : stage_rules())
    if (r.stage != Stage::Scheduling && r.allowed.contains(op))  // the in-between stage adds nothing
      s += (s.empty() ? "" : ", ") + std::string(r.name);
  return s.empty() ? "none" : s;
}

std::optional<Problem> check_index_form(UOpPtr n, const StageRules& rules) {
  size_t operands = n->src.size() - 1;
  bool gated = n->src.size() >= 3 && n->src.back()->dtype.is_bool();
  if (gated) --operands;
  if (rules.index_form == IndexForm::Symbolic) {
    for (size_t i = 1; i <= operands; ++i)
      if (!n->src[i]->dtype.is_index()) return index_operand_problem(n, i);
    return std::nullopt;
  }
  std::string form = "at the " + std::string(rules.name) + " stage INDEX is pointer arithmetic, INDEX(pointer, offset[, gate]): ";
  if (!n->src[0]->dtype.ptr) return Problem{"index-form", form + "source 0 (" + ref(n->src[0]) + ") is not a pointer"};
  if (operands != 1) return Problem{"index-form", form + "got " + std::to_string(operands) + " offsets"};
  if (!n->dtype.ptr) return Problem{"index-form", form + "the result must be a pointer, got " + to_string(n->dtype)};
  return std::nullopt;
}

}  // namespace

std::optional<Problem> check_stage(UOpPtr n, Stage stage) {
  const StageRules& rules = rules_for(stage);
  if (!rules.allowed.contains(n->op))
    return Problem{"stage-op", std::string(op_name(n->op)) + " may not appear at the " + std::string(rules.name) + " stage (allowed at: " + stages_allowing(n->op) + ")"};
  if (!rules.index_dtype_allowed && n->dtype.scalar == Scalar::Index)
    return Problem{"stage-index-dtype", "the index dtype may not appear at the " + std::string(rules.name) +
                                            " stage; codegen lowers index arithmetic to int32 or int64 before linearizing"};
  if (n->op == Op::INDEX && n->src.size() >= 2) return check_index_form(n, rules);
  return std::nullopt;
}

}  // namespace rw::verify_detail

namespace rw {
std::string_view stage_name(Stage s) { return verify_detail::rules_for(s).name; }
}  // namespace rw
