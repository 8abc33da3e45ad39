#include "engine/rewrite/int_alu.h"

#include "engine/ir/intmath.h"

namespace rw {

namespace {
using i128 = __int128;

int bit_width(const DType& d) { return d.itemsize() * 8; }
}  // namespace

bool int_fits(const DType& d, i128 v) {
  if (d.is_bool()) return v == 0 || v == 1;
  return v >= d.min_int() && v <= d.max_int();
}

std::optional<int64_t> wrap_to(const DType& d, i128 v) {
  if (d.is_bool()) return int64_t(v != 0);
  const int bits = bit_width(d);
  if (bits >= 64) {
    // Wrap modulo 2^64 through the unsigned representation (well defined in C++20).
    int64_t w = int64_t(uint64_t(v));
    if (d.is_unsigned() && w < 0) return std::nullopt;
    return w;
  }
  const uint64_t mask = (uint64_t(1) << bits) - 1;
  uint64_t low = uint64_t(v) & mask;
  if (d.is_unsigned()) return int64_t(low);
  const uint64_t sign = uint64_t(1) << (bits - 1);
  return low & sign ? int64_t(low) - int64_t(uint64_t(1) << bits) : int64_t(low);
}

std::optional<int64_t> eval_int_alu(Op op, const DType& out, const DType& in, std::span<const int64_t> v) {
  auto arg = [&](size_t i) { return i128(v[i]); };
  auto wrap = [&](i128 r) { return wrap_to(out, r); };
  switch (op) {
    case Op::ADD: return wrap(arg(0) + arg(1));
    case Op::SUB: return wrap(arg(0) - arg(1));
    case Op::MUL: return wrap(arg(0) * arg(1));
    case Op::NEG: return wrap(-arg(0));
    // Floor division of two in-range values only overflows for MIN // -1, which wraps.
    case Op::IDIV: return wrap(v[1] == -1 ? -arg(0) : i128(floordiv(v[0], v[1])));
    case Op::MOD: return wrap(floormod(v[0], v[1]));
    case Op::MAX: return wrap(v[0] > v[1] ? v[0] : v[1]);
    case Op::CMPLT: return int64_t(v[0] < v[1]);
    case Op::CMPNE: return int64_t(v[0] != v[1]);
    case Op::CMPEQ: return int64_t(v[0] == v[1]);
    case Op::AND: return wrap(v[0] & v[1]);
    case Op::OR: return wrap(v[0] | v[1]);
    case Op::XOR: return wrap(v[0] ^ v[1]);
    case Op::SHL:
      if (v[1] < 0 || v[1] >= bit_width(out)) return std::nullopt;
      return wrap(i128(uint64_t(v[0]) << v[1]));  // shifting the bits, then wrapping to the width
    case Op::SHR:
      if (v[1] < 0 || v[1] >= bit_width(out)) return std::nullopt;
      return wrap(v[0] >> v[1]);  // arithmetic for signed values: floor division by 2^k
    case Op::WHERE: return wrap(v[0] ? v[1] : v[2]);
    case Op::CAST:
      if (!(in.is_int() || in.is_bool())) return std::nullopt;
      return wrap(arg(0));
    default: return std::nullopt;
  }
}

}  // namespace rw
