#include "engine/runtime/raw_buffer.h"

#include <cstring>
#include <stdexcept>

namespace rw {

namespace {
// float16 is held as float32, the precision every evaluator keeps it at (cast_value).
int element_bytes(const DType& d) { return d.scalar == Scalar::Bool ? 1 : d.scalar == Scalar::Float16 ? 4 : DType(d.scalar).itemsize(); }

template <class T>
void put(void* base, int64_t i, double v) {
  T t = T(v);
  std::memcpy(static_cast<char*>(base) + i * int64_t(sizeof(T)), &t, sizeof(T));
}
template <class T>
double get(const void* base, int64_t i) {
  T t;
  std::memcpy(&t, static_cast<const char*>(base) + i * int64_t(sizeof(T)), sizeof(T));
  return double(t);
}

void store(void* base, const DType& d, int64_t i, double v) {
  switch (d.scalar) {
    case Scalar::Bool: case Scalar::UInt8: return put<uint8_t>(base, i, v);
    case Scalar::Int8: return put<int8_t>(base, i, v);
    case Scalar::Int16: return put<int16_t>(base, i, v);
    case Scalar::UInt16: return put<uint16_t>(base, i, v);
    case Scalar::Int32: return put<int32_t>(base, i, v);
    case Scalar::UInt32: return put<uint32_t>(base, i, v);
    case Scalar::Int64: return put<int64_t>(base, i, v);
    case Scalar::UInt64: return put<uint64_t>(base, i, v);
    case Scalar::Float16: case Scalar::Float32: return put<float>(base, i, v);
    case Scalar::Float64: return put<double>(base, i, v);
    default: throw std::invalid_argument("no host buffer layout for " + to_string(d));
  }
}

double load(const void* base, const DType& d, int64_t i) {
  switch (d.scalar) {
    case Scalar::Bool: return get<uint8_t>(base, i) != 0 ? 1.0 : 0.0;
    case Scalar::UInt8: return get<uint8_t>(base, i);
    case Scalar::Int8: return get<int8_t>(base, i);
    case Scalar::Int16: return get<int16_t>(base, i);
    case Scalar::UInt16: return get<uint16_t>(base, i);
    case Scalar::Int32: return get<int32_t>(base, i);
    case Scalar::UInt32: return get<uint32_t>(base, i);
    case Scalar::Int64: return get<int64_t>(base, i);
    case Scalar::UInt64: return get<uint64_t>(base, i);
    case Scalar::Float16: case Scalar::Float32: return get<float>(base, i);
    case Scalar::Float64: return get<double>(base, i);
    default: throw std::invalid_argument("no host buffer layout for " + to_string(d));
  }
}
}  // namespace

RawBuffer::RawBuffer(DType d, int64_t n) : dtype(d.base()), size(n), storage(size_t((n * element_bytes(d) + 7) / 8 + 1), 0) {}

int64_t RawBuffer::bytes() const { return size * element_bytes(dtype); }

RawBuffer to_raw(const HostArray& a, DType dtype) {
  RawBuffer b(dtype, int64_t(a.numel()));
  for (size_t i = 0; i < a.numel(); ++i) store(b.data(), b.dtype, int64_t(i), cast_value(a.data[i], b.dtype));
  return b;
}

HostArray from_raw(const RawBuffer& b, IntTuple shape) {
  HostArray a;
  a.dtype = b.dtype;
  a.shape = std::move(shape);
  a.data.resize(size_t(b.size));
  for (int64_t i = 0; i < b.size; ++i) a.data[size_t(i)] = load(b.storage.data(), b.dtype, i);
  return a;
}

}  // namespace rw
