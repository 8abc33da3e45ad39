// Integer and bool ALU semantics, shared by constant folding and the expression evaluator:
// results wrap to the dtype (two's complement for signed types, modulo 2^N for unsigned),
// IDIV and MOD floor like Python, and division or modulo by zero gives 0.
#pragma once
#include <cstdint>
#include <optional>
#include <span>

#include "engine/ir/dtype.h"
#include "engine/ir/ops.h"

namespace rw {

// True when v is representable in d without wrapping (bool: 0 or 1).
bool int_fits(const DType& d, __int128 v);

// v reduced to d's range the way the hardware would (bool: v != 0). Empty for uint64 values
// above INT64_MAX, which the IR cannot hold as a constant.
std::optional<int64_t> wrap_to(const DType& d, __int128 v);

// The value of `op` applied to `v` (already values of their own dtypes), as a value of `out`.
// `in` is the dtype of the first source (CAST needs it). Empty when the op is not an
// integer/bool ALU op or the result cannot be represented (shift counts outside the width).
std::optional<int64_t> eval_int_alu(Op op, const DType& out, const DType& in, std::span<const int64_t> v);

}  // namespace rw
