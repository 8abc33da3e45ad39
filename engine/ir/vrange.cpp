// Value ranges (vmin/vmax) of integer, index and bool nodes, computed once when a node is
// interned. The symbolic simplifier folds divisions, modulos and comparisons with them, so
// every rule here must be sound: the true value always lies in [min, max].
#include <algorithm>
#include <initializer_list>

#include "engine/ir/intmath.h"
#include "engine/ir/uop.h"

namespace rw {

namespace {
using i128 = __int128;

i128 floordiv128(i128 a, i128 b) {
  i128 q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

VRange clamp_to(const DType& d, i128 lo, i128 hi) {
  VRange full = dtype_range(d);
  // A result that may leave the dtype's range could wrap: then nothing is known.
  if (lo < full.min || hi > full.max) return full;
  return {int64_t(lo), int64_t(hi)};
}

VRange from_corners(const DType& d, std::initializer_list<i128> vals) {
  return clamp_to(d, std::min(vals), std::max(vals));
}

VRange floordiv_range(const DType& d, VRange a, VRange b) {
  if (b.min > 0 || b.max < 0) {
    // Floor division is monotonic in a for fixed b and in b over one sign: corners bound it.
    // Computed in 128 bits: INT64_MIN // -1 does not fit in 64.
    return from_corners(d, {floordiv128(a.min, b.min), floordiv128(a.min, b.max), floordiv128(a.max, b.min), floordiv128(a.max, b.max)});
  }
  // The divisor can be 0 (gives 0) or ±1 (gives ±a): |result| <= max|a|.
  i128 m = std::max<i128>(-i128(a.min), i128(a.max));
  m = std::max<i128>(m, 0);
  return clamp_to(d, -m, m);
}

VRange floormod_range(const DType& d, VRange a, VRange b) {
  if (b.min == b.max) {
    int64_t c = b.min;
    if (c == 0) return {0, 0};
    if (c > 0) {
      if (floordiv(a.min, c) == floordiv(a.max, c)) return {floormod(a.min, c), floormod(a.max, c)};
      return {0, c - 1};
    }
    // Within one multiple of a negative c, x%c = x - k*c grows with x.
    if (floordiv(a.min, c) == floordiv(a.max, c)) return {floormod(a.min, c), floormod(a.max, c)};
    return {c + 1, 0};
  }
  if (b.min > 0) {
    int64_t hi = b.max - 1;
    if (a.min >= 0) hi = std::min(hi, a.max);
    return {0, hi};
  }
  if (b.max < 0) {
    int64_t lo = b.min + 1;
    if (a.max <= 0) lo = std::max(lo, a.min);
    return {lo, 0};
  }
  // b may be 0 (gives 0), positive or negative.
  return clamp_to(d, std::min<i128>(i128(b.min) + 1, 0), std::max<i128>(i128(b.max) - 1, 0));
}

VRange compare_range(Op op, VRange a, VRange b) {
  switch (op) {
    case Op::CMPLT:
      if (a.max < b.min) return {1, 1};
      if (a.min >= b.max) return {0, 0};
      return {0, 1};
    case Op::CMPNE:
      if (a.max < b.min || b.max < a.min) return {1, 1};
      if (a.min == a.max && b.min == b.max && a.min == b.min) return {0, 0};
      return {0, 1};
    case Op::CMPEQ:
      if (a.max < b.min || b.max < a.min) return {0, 0};
      if (a.min == a.max && b.min == b.max && a.min == b.min) return {1, 1};
      return {0, 1};
    default: return {0, 1};
  }
}
}  // namespace

VRange dtype_range(const DType& d) {
  if (d.is_bool()) return {0, 1};
  if (d.is_int()) return {d.min_int(), d.max_int()};
  return {INT64_MIN, INT64_MAX};  // floats, pointers, void: no integer range
}

VRange compute_vrange(Op op, const DType& dtype, std::span<const UOpPtr> src, const Arg& arg) {
  if (dtype.count != 1 || !(dtype.is_int() || dtype.is_bool())) return dtype_range(dtype);
  auto r = [&](size_t i) { return VRange{src[i]->vmin, src[i]->vmax}; };
  // Sources that are not integer-valued (float comparisons, casts from float) have no range.
  auto int_src = [&](size_t i) { return i < src.size() && (src[i]->dtype.is_int() || src[i]->dtype.is_bool()); };
  switch (op) {
    case Op::CONST:
      if (auto v = arg.get_if<int64_t>()) return {*v, *v};
      if (auto b = arg.get_if<bool>()) return {*b, *b};
      return dtype_range(dtype);
    case Op::DEFINE_VAR:
      if (auto v = arg.get_if<VarArg>()) return {v->min, v->max};
      return dtype_range(dtype);
    case Op::RANGE:
      if (!src.empty() && int_src(0)) return {0, std::max<int64_t>(src[0]->vmax - 1, 0)};
      return dtype_range(dtype);
    case Op::ADD:
      if (!int_src(0) || !int_src(1)) break;
      return clamp_to(dtype, i128(r(0).min) + r(1).min, i128(r(0).max) + r(1).max);
    case Op::SUB:
      if (!int_src(0) || !int_src(1)) break;
      return clamp_to(dtype, i128(r(0).min) - r(1).max, i128(r(0).max) - r(1).min);
    case Op::MUL: {
      if (!int_src(0) || !int_src(1)) break;
      VRange a = r(0), b = r(1);
      return from_corners(dtype, {i128(a.min) * b.min, i128(a.min) * b.max, i128(a.max) * b.min, i128(a.max) * b.max});
    }
    case Op::NEG:
      if (!int_src(0)) break;
      return clamp_to(dtype, -i128(r(0).max), -i128(r(0).min));
    case Op::IDIV:
      if (!int_src(0) || !int_src(1)) break;
      return floordiv_range(dtype, r(0), r(1));
    case Op::MOD:
      if (!int_src(0) || !int_src(1)) break;
      return floormod_range(dtype, r(0), r(1));
    case Op::MAX:
      if (!int_src(0) || !int_src(1)) break;
      return {std::max(r(0).min, r(1).min), std::max(r(0).max, r(1).max)};
    case Op::CMPLT: case Op::CMPNE: case Op::CMPEQ:
      if (!int_src(0) || !int_src(1)) return {0, 1};
      return compare_range(op, r(0), r(1));
    case Op::AND:
      if (dtype.is_bool()) return {r(0).min & r(1).min, r(0).max & r(1).max};
      if (r(0).min >= 0 && r(1).min >= 0) return {0, std::min(r(0).max, r(1).max)};
      break;
    case Op::OR:
      if (dtype.is_bool()) return {r(0).min | r(1).min, r(0).max | r(1).max};
      break;
    case Op::XOR:
      if (dtype.is_bool()) {
        if (r(0).min == r(0).max && r(1).min == r(1).max) return {r(0).min ^ r(1).min, r(0).min ^ r(1).min};
        return {0, 1};
      }
      break;
    case Op::SHL:
      if (src[1]->is_const() && int_src(0)) {
        int64_t k = src[1]->const_int();
        if (k >= 0 && k < 62) return clamp_to(dtype, i128(r(0).min) << k, i128(r(0).max) << k);
      }
      break;
    case Op::SHR:
      if (src[1]->is_const() && int_src(0)) {
        int64_t k = src[1]->const_int();
        if (k >= 0 && k < 63) return {r(0).min >> k, r(0).max >> k};
      }
      break;
    case Op::WHERE: {
      VRange c = r(0);
      if (!int_src(1) || !int_src(2)) break;
      if (c.min == 1) return r(1);
      if (c.max == 0) return r(2);
      return {std::min(r(1).min, r(2).min), std::max(r(1).max, r(2).max)};
    }
    case Op::CAST:
      if (!int_src(0)) break;
      if (dtype.is_bool()) {
        VRange a = r(0);
        if (a.min > 0 || a.max < 0) return {1, 1};
        if (a.min == 0 && a.max == 0) return {0, 0};
        return {0, 1};
      }
      return clamp_to(dtype, r(0).min, r(0).max);
    default: break;
  }
  return dtype_range(dtype);
}

}  // namespace rw
