// The generator draws each node's op from a weighted table, so the mix of ops is one place to
// read and tune. Divisors are mostly constants (the shapes index arithmetic really has), of
// both signs, sometimes expressions, and rarely 0.
#include "engine/rewrite/expr_gen.h"

#include <array>
#include <stdexcept>
#include <vector>

#include "engine/rewrite/splitmix.h"

namespace rw {

namespace {

enum class IntShape : uint8_t { Add, Sub, Mul, MulConst, Div, Mod, Max, Min, Neg, Where };
enum class BoolShape : uint8_t { Less, Equal, NotEqual, And, Or, Not };

template <class T>
struct Weighted {
  T value;
  int weight;
};

constexpr std::array<Weighted<IntShape>, 10> kIntShapes = {{
    {IntShape::Add, 6}, {IntShape::Sub, 3}, {IntShape::Mul, 2}, {IntShape::MulConst, 5}, {IntShape::Div, 5},
    {IntShape::Mod, 5}, {IntShape::Max, 2}, {IntShape::Min, 2}, {IntShape::Neg, 1}, {IntShape::Where, 2},
}};

constexpr std::array<Weighted<BoolShape>, 6> kBoolShapes = {{
    {BoolShape::Less, 6}, {BoolShape::Equal, 2}, {BoolShape::NotEqual, 2}, {BoolShape::And, 2}, {BoolShape::Or, 2}, {BoolShape::Not, 1},
}};

template <class T, size_t N>
T pick(SplitMix64& rng, const std::array<Weighted<T>, N>& table) {
  int total = 0;
  for (const auto& w : table) total += w.weight;
  int64_t r = rng.uniform(0, total - 1);
  for (const auto& w : table) {
    if (r < w.weight) return w.value;
    r -= w.weight;
  }
  return table.back().value;
}

class Generator {
 public:
  Generator(Arena& arena, uint64_t seed, const VarDecls& vars, const ExprGenOptions& options) : a_(arena), rng_(seed), opt_(options) {
    if (vars.empty()) throw std::invalid_argument("random_index_expr: declare at least one variable");
    for (const auto& [name, range] : vars) vars_.push_back(arena.var(name, range.min, range.max));
  }

  // Operands are drawn into locals, left first: the draw order is part of what a seed means.
  UOpPtr value(int depth) {
    if (depth <= 0 || rng_.chance(1, 5)) return leaf();
    int d = depth - 1;
    IntShape shape = pick(rng_, kIntShapes);
    if (shape == IntShape::Where) {
      UOpPtr cond = condition(d);
      UOpPtr then = value(d);
      return cond->where(then, value(d));
    }
    UOpPtr lhs = value(d);
    switch (shape) {
      case IntShape::Add: return lhs->add(value(d));
      case IntShape::Sub: return lhs->sub(value(d));
      case IntShape::Mul: return lhs->mul(value(d));
      case IntShape::MulConst: return lhs->mul(nonzero_const());
      case IntShape::Div: return lhs->idiv(divisor(d));
      case IntShape::Mod: return lhs->mod(divisor(d));
      case IntShape::Max: return lhs->maximum(value(d));
      case IntShape::Min: return lhs->neg()->maximum(value(d)->neg())->neg();  // min(a, b) = -max(-a, -b)
      case IntShape::Neg: return lhs->neg();
      case IntShape::Where: break;
    }
    return lhs;
  }

  UOpPtr condition(int depth) {
    BoolShape shape = depth <= 1 ? BoolShape::Less : pick(rng_, kBoolShapes);
    int d = std::max(depth - 1, 0);
    if (shape == BoolShape::And || shape == BoolShape::Or || shape == BoolShape::Not) {
      UOpPtr lhs = condition(d);
      if (shape == BoolShape::Not) return lhs->logical_not();
      return shape == BoolShape::And ? lhs->logical_and(condition(d)) : lhs->logical_or(condition(d));
    }
    UOpPtr lhs = value(d);
    UOpPtr rhs = value(d);
    if (shape == BoolShape::Equal) return lhs->eq(rhs);
    if (shape == BoolShape::NotEqual) return lhs->ne(rhs);
    return lhs->lt(rhs);
  }

 private:
  Arena& a_;
  SplitMix64 rng_;
  ExprGenOptions opt_;
  std::vector<UOpPtr> vars_;

  UOpPtr leaf() {
    if (rng_.chance(2, 3)) return vars_[size_t(rng_.uniform(0, int64_t(vars_.size()) - 1))];
    return a_.index_const(rng_.uniform(-opt_.max_const, opt_.max_const));
  }

  UOpPtr nonzero_const() {
    int64_t c = rng_.uniform(1, std::max<int64_t>(opt_.max_const, 1));
    return a_.index_const(rng_.chance(1, 4) ? -c : c);
  }

  UOpPtr divisor(int depth) {
    if (rng_.uniform(0, 999) < opt_.zero_divisor_per_mille) return a_.index_const(0);
    if (rng_.chance(1, 5)) return value(depth);  // may be negative, zero or span both
    return nonzero_const();
  }
};

}  // namespace

UOpPtr random_index_expr(Arena& arena, uint64_t seed, const VarDecls& vars, const ExprGenOptions& options) {
  Generator g(arena, seed, vars, options);
  return options.bool_root ? g.condition(options.depth) : g.value(options.depth);
}

}  // namespace rw
