// Integer semantics shared by every evaluator: IDIV and MOD floor like Python and numpy
// (-7 // 2 == -4, -7 % 2 == 1); division or modulo by zero gives 0.
#pragma once
#include <cstdint>

namespace rw {

constexpr int64_t floordiv(int64_t a, int64_t b) {
  if (b == 0) return 0;
  if (b == -1) return a == INT64_MIN ? a : -a;  // avoid the one overflowing quotient trap
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

constexpr int64_t floormod(int64_t a, int64_t b) {
  if (b == 0) return 0;
  if (b == -1) return 0;
  int64_t r = a % b;
  if (r != 0 && ((r < 0) != (b < 0))) r += b;
  return r;
}

// Ceiling division for b > 0.
constexpr int64_t ceildiv(int64_t a, int64_t b) { return -floordiv(-a, b); }

}  // namespace rw
