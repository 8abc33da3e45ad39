#include "engine/codegen/render_llvm_types.h"

#include <bit>
#include <cstdio>
#include <stdexcept>

namespace rw {

std::string llvm_type(const DType& d) {
  if (d.ptr) return "ptr";
  switch (d.scalar) {
    case Scalar::Bool: return "i1";
    case Scalar::Int8: case Scalar::UInt8: return "i8";
    case Scalar::Int16: case Scalar::UInt16: return "i16";
    case Scalar::Int32: case Scalar::UInt32: return "i32";
    case Scalar::Int64: case Scalar::UInt64: return "i64";
    case Scalar::Float16: case Scalar::Float32: return "float";
    case Scalar::Float64: return "double";
    case Scalar::Void: return "void";
    default:
      throw std::invalid_argument("the LLVM renderer does not support " + to_string(d) +
                                  " (the index dtype must be lowered before rendering)");
  }
}

std::string llvm_mem_type(const DType& d) { return d.scalar == Scalar::Bool ? "i8" : llvm_type(d.base()); }

int llvm_align(const DType& d) { return d.scalar == Scalar::Bool ? 1 : d.scalar == Scalar::Float16 ? 4 : DType(d.scalar).itemsize(); }

std::string llvm_const(UOpPtr c) {
  if (c->dtype.is_bool()) return c->const_int() ? "true" : "false";
  if (c->dtype.is_float()) {
    // LLVM spells float constants as the hex of the double with the same value; a float32
    // constant must be exactly a float, so round it first.
    double v = c->dtype.scalar == Scalar::Float64 ? c->const_float() : double(float(c->const_float()));
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%016llX", static_cast<unsigned long long>(std::bit_cast<uint64_t>(v)));
    return buf;
  }
  return std::to_string(c->const_int());
}

}  // namespace rw
