#include "engine/ir/host_array.h"

#include <cmath>

namespace rw {

namespace {
template <class T>
double wrap(double v) {
  // Through a 64-bit unsigned so out-of-range values wrap like numpy's astype instead of
  // being undefined behaviour.
  double t = std::trunc(v);
  int64_t i = t >= 0x1p63 || t < -0x1p63 ? int64_t(uint64_t(std::fmod(t, 0x1p64) + (t < 0 ? 0x1p64 : 0))) : int64_t(t);
  return double(T(uint64_t(i)));
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
