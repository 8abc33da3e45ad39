// Element types of UOps. A DType is a small value: a scalar kind, an optional vector
// width, and for pointers the pointee kind and buffer size.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rw {

enum class Scalar : uint8_t {
  Void, Bool, Int8, Int16, Int32, Int64, UInt8, UInt16, UInt32, UInt64,
  Float16, Float32, Float64,
  Index,  // symbolic index arithmetic; lowered to int32/int64 by codegen
};

struct DType {
  Scalar scalar = Scalar::Void;
  uint8_t count = 1;     // vector width (1 = scalar)
  bool ptr = false;      // pointer to `scalar` elements
  int64_t size = -1;     // pointers: number of elements in the buffer (-1 unknown)

  constexpr DType() = default;
  constexpr DType(Scalar s, uint8_t c = 1, bool p = false, int64_t sz = -1)
      : scalar(s), count(c), ptr(p), size(sz) {}

  static constexpr DType void_() { return DType(Scalar::Void); }
  static constexpr DType bool_() { return DType(Scalar::Bool); }
  static constexpr DType int32() { return DType(Scalar::Int32); }
  static constexpr DType int64() { return DType(Scalar::Int64); }
  static constexpr DType float32() { return DType(Scalar::Float32); }
  static constexpr DType float64() { return DType(Scalar::Float64); }
  static constexpr DType index() { return DType(Scalar::Index); }
  static constexpr DType pointer(Scalar s, int64_t sz) { return DType(s, 1, true, sz); }

  constexpr DType base() const { return DType(scalar); }  // the element type
  constexpr DType vec(uint8_t n) const { return DType(scalar, n, ptr, size); }
  constexpr DType as_ptr(int64_t sz) const { return DType(scalar, count, true, sz); }

  bool is_void() const { return scalar == Scalar::Void && !ptr; }
  bool is_bool() const { return scalar == Scalar::Bool && !ptr; }
  bool is_float() const { return !ptr && (scalar == Scalar::Float16 || scalar == Scalar::Float32 || scalar == Scalar::Float64); }
  // Signed/unsigned integers and index, not bool, not pointers. Inline: matchers ask it of
  // nearly every node they try.
  constexpr bool is_int() const { return !ptr && ((scalar >= Scalar::Int8 && scalar <= Scalar::UInt64) || scalar == Scalar::Index); }
  bool is_unsigned() const;
  bool is_index() const { return scalar == Scalar::Index && !ptr; }
  int itemsize() const;      // bytes of one scalar element (index counts as 8)
  // Smallest and largest representable values (as double-free integers for ints).
  int64_t min_int() const;
  int64_t max_int() const;

  friend bool operator==(const DType&, const DType&) = default;
};

std::string_view scalar_name(Scalar s);  // "float32", "index", ...
std::string to_string(const DType& d);    // "float32", "float32.vec(4)", "float32*[64]"
std::optional<DType> dtype_from_name(std::string_view name);  // scalar names only

}  // namespace rw
