#include "engine/ir/host_array.h"

#include <cmath>

namespace rw {

namespace {
// Truncates, wraps modulo 2^64 through an unsigned integer (no signed-overflow UB), then
// narrows to T, which C++20 defines as modular: two's-complement wrapping like C and numpy.
template <class T>
double wrap(double v) {
  double t = std::fmod(std::trunc(v), 0x1p64);  // exactly representable, in (-2^64, 2^64)
  uint64_t u = t >= 0 ? uint64_t(t) : -uint64_t(-t);
  return double(T(u));
}
}  // namespace

double cast_value(double v, const DType& to) {
  if (to.is_bool()) return v != 0 ? 1.0 : 0.0;
  if (to.is_float()) {
    if (to.scalar == Scalar::Float64) return v;
    return double(float(v));  // float16 too is kept at float32 precision
  }
  if (!std::isfinite(v)) return 0.0;
  switch (to.scalar) {
    case Scalar::Int8: return wrap<int8_t>(v);
    case Scalar::Int16: return wrap<int16_t>(v);
    case Scalar::Int32: return wrap<int32_t>(v);
    case Scalar::UInt8: return wrap<uint8_t>(v);
    case Scalar::UInt16: return wrap<uint16_t>(v);
    case Scalar::UInt32: return wrap<uint32_t>(v);
    case Scalar::UInt64: return wrap<uint64_t>(v);
    default: return wrap<int64_t>(v);
  }
}

}  // namespace rw
