// Deterministic random integer/bool expressions for fuzzing and benchmarking the symbolic
// simplifier. The PRNG is our own (splitmix64) and the draws use only integer arithmetic,
// so a seed gives the same expressions with every compiler and standard library.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "engine/ir/arena.h"
#include "engine/rewrite/expr_eval.h"

namespace rw {

class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t next();
  int64_t uniform(int64_t lo, int64_t hi);  // inclusive; lo <= hi
  bool chance(uint32_t num, uint32_t den) { return next() % den < num; }
  template <class T> const T& pick(std::span<const T> items) { return items[next() % items.size()]; }

 private:
  uint64_t state_;
};

struct ExprGenOptions {
  DType dtype = DType::index();
  int num_vars = 3;
  int max_depth = 4;
  int64_t max_const = 12;     // constants and divisors in [-max_const, max_const]
  int64_t max_bound = 40;     // variable bounds in [-max_bound, max_bound] (unsigned: shifted to >= 0)
  bool wide_constants = false;  // sometimes constants near the dtype's limits (wraparound)
  bool conditions = true;     // comparisons, and/or, where
};

class ExprGen {
 public:
  ExprGen(Arena& arena, uint64_t seed, ExprGenOptions options = {});

  // Fresh bounded variables x0, x1, ... (negative, mixed and non-negative ranges).
  std::vector<UOpPtr> make_vars();
  UOpPtr int_expr(std::span<const UOpPtr> vars, int depth);
  UOpPtr bool_expr(std::span<const UOpPtr> vars, int depth);
  // An integer expression (sometimes a condition) over new variables: one fuzz case.
  UOpPtr expr(std::span<const UOpPtr> vars);
  // A value for each variable within its bounds, the bounds themselves being likelier.
  VarValues assignment(std::span<const UOpPtr> vars);

  SplitMix64& rng() { return rng_; }
  const ExprGenOptions& options() const { return opt_; }

 private:
  UOpPtr constant();
  UOpPtr divisor();
  UOpPtr leaf(std::span<const UOpPtr> vars);

  Arena& arena_;
  SplitMix64 rng_;
  ExprGenOptions opt_;
};

}  // namespace rw
