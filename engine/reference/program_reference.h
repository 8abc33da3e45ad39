// The reference interpreter applied to a whole program: every output's value, in order.
#pragma once
#include "engine/frontend/program.h"
#include "engine/reference/evaluator.h"

namespace rw {

NamedArrays evaluate_reference(const Program& program);

}  // namespace rw
