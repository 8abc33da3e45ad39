// LLVM types and literals for our dtypes, shared by the LLVM IR renderer and its fault rule.
// float16 is computed and stored as float32, as every evaluator keeps it (cast_value), so
// compiled kernels and the reference agree; host buffers follow (runtime/raw_buffer.cpp).
#pragma once
#include <string>

#include "engine/ir/uop.h"

namespace rw {

std::string llvm_type(const DType& d);      // value type: i1 for bool, float, i32, ptr...
std::string llvm_mem_type(const DType& d);  // in memory: bool is i8
int llvm_align(const DType& d);
std::string llvm_const(UOpPtr c);           // a CONST as an operand: 3, true, 0x3FF0000000000000

}  // namespace rw
