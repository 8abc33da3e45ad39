// Internals of the verifier, shared by its typing rules (verify_typing.cpp), stage rules
// (verify_stage.cpp) and driver (verify.cpp). Not part of the engine's public API.
#pragma once
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

// "%4 int32": a node as messages name it.
std::string ref(UOpPtr n);

}  // namespace rw::verify_detail
