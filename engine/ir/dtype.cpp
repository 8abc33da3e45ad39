#include "engine/ir/dtype.h"

#include <array>
#include <limits>

namespace rw {

namespace {
struct ScalarInfo {
  std::string_view name;
  int itemsize;
  bool is_int;
  bool is_unsigned;
};

constexpr std::array<ScalarInfo, 14> kInfo = {{
    {"void", 0, false, false},    {"bool", 1, false, false},    {"int8", 1, true, false},
    {"int16", 2, true, false},    {"int32", 4, true, false},    {"int64", 8, true, false},
    {"uint8", 1, true, true},     {"uint16", 2, true, true},    {"uint32", 4, true, true},
    {"uint64", 8, true, true},    {"float16", 2, false, false}, {"float32", 4, false, false},
    {"float64", 8, false, false}, {"index", 8, true, false},
}};

const ScalarInfo& info(Scalar s) { return kInfo[static_cast<size_t>(s)]; }

// DType::is_int() is written out inline in the header; it must agree with this table.
constexpr bool is_int_agrees() {
  for (size_t i = 0; i < kInfo.size(); ++i)
    if (DType(Scalar(i)).is_int() != kInfo[i].is_int) return false;
  return true;
}
static_assert(is_int_agrees(), "DType::is_int() disagrees with the scalar table");
}  // namespace

bool DType::is_unsigned() const { return !ptr && info(scalar).is_unsigned; }
int DType::itemsize() const { return info(scalar).itemsize; }

int64_t DType::min_int() const {
  switch (scalar) {
    case Scalar::Bool: return 0;
    case Scalar::Int8: return std::numeric_limits<int8_t>::min();
    case Scalar::Int16: return std::numeric_limits<int16_t>::min();
    case Scalar::Int32: return std::numeric_limits<int32_t>::min();
    case Scalar::UInt8: case Scalar::UInt16: case Scalar::UInt32: case Scalar::UInt64: return 0;
    default: return std::numeric_limits<int64_t>::min();
  }
}

int64_t DType::max_int() const {
  switch (scalar) {
    case Scalar::Bool: return 1;
    case Scalar::Int8: return std::numeric_limits<int8_t>::max();
    case Scalar::Int16: return std::numeric_limits<int16_t>::max();
    case Scalar::Int32: return std::numeric_limits<int32_t>::max();
    case Scalar::UInt8: return std::numeric_limits<uint8_t>::max();
    case Scalar::UInt16: return std::numeric_limits<uint16_t>::max();
    case Scalar::UInt32: return std::numeric_limits<uint32_t>::max();
    default: return std::numeric_limits<int64_t>::max();  // uint64 is clamped to int64 range
  }
}

std::string_view scalar_name(Scalar s) { return info(s).name; }

std::string to_string(const DType& d) {
  std::string out(scalar_name(d.scalar));
  if (d.count != 1) out += ".vec(" + std::to_string(d.count) + ")";
  if (d.ptr) out += d.size >= 0 ? "*[" + std::to_string(d.size) + "]" : "*";
  return out;
}

std::optional<DType> dtype_from_name(std::string_view name) {
  for (size_t i = 0; i < kInfo.size(); ++i)
    if (kInfo[i].name == name) return DType(static_cast<Scalar>(i));
  return std::nullopt;
}

}  // namespace rw
