// Internals of the verifier, shared by its typing rules (verify_typing.cpp), stage rules
// (verify_stage.cpp) and driver (verify.cpp). Not part of the engine's public API.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "engine/ir/verify.h"

namespace rw::verify_detail {

// A broken rule, before it is dressed as a Violation. `blame` is the node at fault when it is
// not the node being checked (a CAST that dropped the index dtype is blamed, not its user).
struct Problem {
  std::string rule;
  std::string message;
  UOpPtr blame = nullptr;
};

std::optional<Problem> check_typing(UOpPtr node);
std::optional<Problem> check_stage(UOpPtr node, Stage stage);

// Source `pos` of `user` should be index-typed but is not: the index-arith-dtype problem,
// blaming a CAST that dropped the index dtype when that is how the source lost it.
Problem index_operand_problem(UOpPtr user, size_t pos);

// "%4 int32": a node as messages name it; "source 1 (%4 int32)": a node's source.
std::string ref(UOpPtr n);
std::string src_ref(UOpPtr user, size_t pos);

// ---- argument kinds: one bit per alternative of ArgValue, in its order ----
using ArgKinds = uint16_t;
constexpr ArgKinds kNone = 1 << 0, kInt = 1 << 1, kFloat = 1 << 2, kBool = 1 << 3, kString = 1 << 4,
                   kIntTuple = 1 << 5, kPairTuple = 1 << 6, kVar = 1 << 7, kReduce = 1 << 8, kAnyArg = 0x1ff;

inline ArgKinds kind_of(const Arg& a) { return ArgKinds(1u << a.value().index()); }
std::string kinds_text(ArgKinds k);  // "an int tuple or a pair tuple"

// ---- checks a typing-table row names for what the table cannot say (verify_op_checks.cpp) ----
std::optional<Problem> check_const(UOpPtr n);        // the value's kind and range match the dtype
std::optional<Problem> check_vconst(UOpPtr n);
std::optional<Problem> check_define_var(UOpPtr n);   // a name, min <= max, bounds fit the dtype
std::optional<Problem> check_reduce_axis(UOpPtr n);  // ADD/MUL/MAX over distinct non-negative axes
std::optional<Problem> check_reduce(UOpPtr n);
std::optional<Problem> check_movement(UOpPtr n);     // shapes, permutations, pads, shrinks
std::optional<Problem> check_range(UOpPtr n);
std::optional<Problem> check_same_width(UOpPtr n);   // CAST and comparisons keep the vector width
std::optional<Problem> check_bitcast(UOpPtr n);
std::optional<Problem> check_shift(UOpPtr n);
std::optional<Problem> check_load(UOpPtr n);
std::optional<Problem> check_store(UOpPtr n);
std::optional<Problem> check_index(UOpPtr n);
std::optional<Problem> check_vectorize(UOpPtr n);
std::optional<Problem> check_gep(UOpPtr n);

}  // namespace rw::verify_detail
