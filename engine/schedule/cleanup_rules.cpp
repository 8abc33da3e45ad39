// Early cleanups: movement ops that change nothing, and chains of reshapes. Fewer movement
// ops means shorter index expressions later.
#include "engine/ir/shape.h"
#include "engine/schedule/rules.h"

namespace rw::sched {

namespace {

bool identity_permute(const IntTuple& order) {
  for (size_t i = 0; i < order.size(); ++i)
    if (order[i] != int64_t(i)) return false;
  return true;
}

bool zero_pads(const PairTuple& p) {
  for (auto [b, e] : p)
    if (b != 0 || e != 0) return false;
  return true;
}

bool full_shrink(const PairTuple& p, const Shape& in) {
  for (size_t i = 0; i < p.size(); ++i)
    if (p[i].first != 0 || p[i].second != in[i]) return false;
  return true;
}

// Flipping an axis of size 1 changes nothing.
bool trivial_flip(const IntTuple& axes, const Shape& in) {
  for (int64_t a : axes)
    if (in[size_t(a)] != 1) return false;
  return true;
}

}  // namespace

PatternMatcher cleanup_rules() {
  using enum Op;
  UPat x = UPat::var("x");
  return PatternMatcher{
      rule("reshape(reshape(x), s) -> reshape(x, s)", UPat(RESHAPE, {UPat(RESHAPE, {x})}).named("r"),
           [](const Match& m) -> Rewrite { return m["r"]->with_src({m["x"]}); }),
      rule("reshape(x, x.shape) -> x", UPat(RESHAPE, {x}).named("r"),
           [](const Match& m) -> Rewrite { return m["r"]->arg.get<IntTuple>() == *m["x"]->shape ? m["x"] : nullptr; }),
      rule("permute(x, identity) -> x", UPat(PERMUTE, {x}).named("r"),
           [](const Match& m) -> Rewrite { return identity_permute(m["r"]->arg.get<IntTuple>()) ? m["x"] : nullptr; }),
      rule("expand(x, x.shape) -> x", UPat(EXPAND, {x}).named("r"),
           [](const Match& m) -> Rewrite { return m["r"]->arg.get<IntTuple>() == *m["x"]->shape ? m["x"] : nullptr; }),
      rule("pad(x, zeros) -> x", UPat(PAD, {x}).named("r"),
           [](const Match& m) -> Rewrite { return zero_pads(m["r"]->arg.get<PairTuple>()) ? m["x"] : nullptr; }),
      rule("shrink(x, whole) -> x", UPat(SHRINK, {x}).named("r"),
           [](const Match& m) -> Rewrite { return full_shrink(m["r"]->arg.get<PairTuple>(), *m["x"]->shape) ? m["x"] : nullptr; }),
      rule("flip(x, size-1 axes) -> x", UPat(FLIP, {x}).named("r"),
           [](const Match& m) -> Rewrite { return trivial_flip(m["r"]->arg.get<IntTuple>(), *m["x"]->shape) ? m["x"] : nullptr; }),
  };
}

}  // namespace rw::sched
