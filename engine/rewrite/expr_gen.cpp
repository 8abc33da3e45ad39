#include "engine/rewrite/expr_gen.h"

#include <algorithm>
#include <string>

namespace rw {

uint64_t SplitMix64::next() {
  uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

int64_t SplitMix64::uniform(int64_t lo, int64_t hi) {
  const uint64_t span = uint64_t(hi) - uint64_t(lo) + 1;  // 0 means the whole 64-bit range
  return span == 0 ? int64_t(next()) : int64_t(uint64_t(lo) + next() % span);
}

ExprGen::ExprGen(Arena& arena, uint64_t seed, ExprGenOptions options) : arena_(arena), rng_(seed), opt_(options) {}

std::vector<UOpPtr> ExprGen::make_vars() {
  std::vector<UOpPtr> vars;
  const int64_t m = opt_.max_bound;
  for (int i = 0; i < opt_.num_vars; ++i) {
    int64_t lo, hi;
    switch (rng_.next() % 4) {
      case 0: lo = 0; hi = rng_.uniform(1, m); break;                      // an index
      case 1: hi = rng_.uniform(0, m); lo = -rng_.uniform(1, m); break;     // crosses zero
      case 2: hi = -rng_.uniform(1, m); lo = hi - rng_.uniform(0, m); break;  // all negative
      default: lo = rng_.uniform(-m, m); hi = lo + rng_.uniform(0, m); break;
    }
    if (opt_.dtype.is_unsigned()) {  // no negative values: shift the range up
      hi -= std::min<int64_t>(lo, 0);
      lo -= std::min<int64_t>(lo, 0);
    }
    vars.push_back(arena_.var("x" + std::to_string(i), lo, hi, opt_.dtype));
  }
  return vars;
}

UOpPtr ExprGen::constant() {
  const bool is_unsigned = opt_.dtype.is_unsigned();
  if (opt_.wide_constants && rng_.chance(1, 8)) {
    const int64_t lim = opt_.dtype.max_int();
    const bool high = is_unsigned || rng_.chance(1, 2);
    return arena_.const_int(opt_.dtype, high ? lim - rng_.uniform(0, 3) : -lim + rng_.uniform(-1, 2));
  }
  return arena_.const_int(opt_.dtype, rng_.uniform(is_unsigned ? 0 : -opt_.max_const, opt_.max_const));
}

UOpPtr ExprGen::divisor() {
  // Mostly small positive divisors (index arithmetic), sometimes negative, rarely zero.
  int64_t d = rng_.uniform(1, opt_.max_const);
  if (rng_.chance(1, 5) && !opt_.dtype.is_unsigned()) d = -d;
  if (rng_.chance(1, 40)) d = 0;
  return arena_.const_int(opt_.dtype, d);
}

UOpPtr ExprGen::leaf(std::span<const UOpPtr> vars) {
  if (rng_.chance(1, 4)) return constant();
  return rng_.pick(vars);
}

UOpPtr ExprGen::int_expr(std::span<const UOpPtr> vars, int depth) {
  if (depth <= 0 || rng_.chance(1, 6)) return leaf(vars);
  auto sub = [&] { return int_expr(vars, depth - 1); };
  switch (rng_.next() % 16) {
    case 0: case 1: case 2: return sub()->add(sub());
    case 3: return sub()->sub(sub());
    case 4: case 5: return sub()->mul(constant());
    case 6: return sub()->mul(sub());
    case 7: case 8: return sub()->idiv(divisor());
    case 9: case 10: return sub()->mod(divisor());
    case 11: return sub()->idiv(sub());  // a variable divisor may be zero: x//0 == 0
    case 12: return sub()->maximum(sub());
    case 13: return sub()->neg();
    case 14:
      if (opt_.conditions) {
        // Arguments of one call are evaluated in an unspecified order: draw them in sequence.
        UOpPtr c = bool_expr(vars, depth - 1), a = sub(), b = sub();
        return c->where(a, b);
      }
      return sub()->add(constant());
    default: return sub()->mul(constant())->add(sub());
  }
}

UOpPtr ExprGen::bool_expr(std::span<const UOpPtr> vars, int depth) {
  auto sub = [&] { return int_expr(vars, depth - 1); };
  if (depth <= 0) return rng_.pick(vars)->lt(constant());
  switch (rng_.next() % 8) {
    case 0: case 1: return sub()->lt(sub());
    case 2: return sub()->lt(constant());
    case 3: return constant()->lt(sub());
    case 4: return sub()->ne(rng_.chance(1, 2) ? constant() : sub());
    case 5: return sub()->eq(rng_.chance(1, 2) ? constant() : sub());
    case 6: return bool_expr(vars, depth - 1)->logical_and(bool_expr(vars, depth - 1));
    default: return rng_.chance(1, 2) ? bool_expr(vars, depth - 1)->logical_or(bool_expr(vars, depth - 1))
                                      : bool_expr(vars, depth - 1)->logical_not();
  }
}

UOpPtr ExprGen::expr(std::span<const UOpPtr> vars) {
  if (opt_.conditions && rng_.chance(1, 5)) return bool_expr(vars, opt_.max_depth);
  return int_expr(vars, opt_.max_depth);
}

VarValues ExprGen::assignment(std::span<const UOpPtr> vars) {
  VarValues out;
  for (UOpPtr v : vars) {
    int64_t value;
    switch (rng_.next() % 8) {
      case 0: value = v->vmin; break;
      case 1: value = v->vmax; break;
      default: value = rng_.uniform(v->vmin, v->vmax); break;
    }
    out.emplace(v, value);
  }
  return out;
}

}  // namespace rw
