// Halide-style checks for the symbolic simplifier: check(input, expected) with both sides
// written as algebra on a small expression wrapper. Expected results are exact: the
// simplified node must be the expected node (hash-consing makes that structural equality).
#pragma once
#include <gtest/gtest.h>

#include <source_location>
#include <string>

#include "engine/ir/arena.h"
#include "engine/ir/print.h"
#include "engine/rewrite/symbolic.h"

namespace rw::symtest {

// An expression node with operators: + - * / (floor division) % < & | ! and unary -.
struct E {
  UOpPtr u;
  E(UOpPtr n) : u(n) {}
  operator UOpPtr() const { return u; }
};
inline E lift(const E& like, int64_t v) { return E(like.u->const_like(v)); }
inline E operator+(E a, E b) { return a.u->add(b.u); }
inline E operator-(E a, E b) { return a.u->sub(b.u); }
inline E operator*(E a, E b) { return a.u->mul(b.u); }
inline E operator/(E a, E b) { return a.u->idiv(b.u); }
inline E operator%(E a, E b) { return a.u->mod(b.u); }
inline E operator<(E a, E b) { return a.u->lt(b.u); }
inline E operator&(E a, E b) { return a.u->logical_and(b.u); }
inline E operator|(E a, E b) { return a.u->logical_or(b.u); }
inline E operator!(E a) { return a.u->logical_not(); }
inline E operator-(E a) { return a.u->neg(); }
inline E operator+(E a, int64_t b) { return a + lift(a, b); }
inline E operator-(E a, int64_t b) { return a - lift(a, b); }
inline E operator*(E a, int64_t b) { return a * lift(a, b); }
inline E operator/(E a, int64_t b) { return a / lift(a, b); }
inline E operator%(E a, int64_t b) { return a % lift(a, b); }
inline E operator<(E a, int64_t b) { return a < lift(a, b); }
inline E operator+(int64_t a, E b) { return lift(b, a) + b; }
inline E operator*(int64_t a, E b) { return lift(b, a) * b; }
inline E operator/(int64_t a, E b) { return lift(b, a) / b; }
inline E operator%(int64_t a, E b) { return lift(b, a) % b; }
inline E operator<(int64_t a, E b) { return lift(b, a) < b; }
inline E ne(E a, E b) { return a.u->ne(b.u); }
inline E ne(E a, int64_t b) { return ne(a, lift(a, b)); }
inline E eq(E a, E b) { return a.u->eq(b.u); }
inline E eq(E a, int64_t b) { return eq(a, lift(a, b)); }
inline E max_(E a, E b) { return a.u->maximum(b.u); }
inline E max_(E a, int64_t b) { return max_(a, lift(a, b)); }
inline E where_(E c, E a, E b) { return c.u->where(a.u, b.u); }
inline E where_(E c, int64_t a, E b) { return where_(c, lift(b, a), b); }
inline E where_(E c, E a, int64_t b) { return where_(c, a, lift(a, b)); }

class SymbolicCheck : public ::testing::Test {
 protected:
  Arena arena;
  // Bounded index variables: non-negative, crossing zero, all negative, wide.
  E x = arena.var("x", 0, 15);
  E y = arena.var("y", 0, 3);
  E z = arena.var("z", 0, 100);
  E n = arena.var("n", -8, 7);
  E m = arena.var("m", -20, -5);
  E w = arena.var("w", -100, 100);
  E b = arena.var("b", 0, 1, DType::bool_());
  E t = E(arena.const_bool(true));
  E f = E(arena.const_bool(false));

  E k(int64_t v) { return E(arena.index_const(v)); }
  E i32(const std::string& name, int64_t lo, int64_t hi) { return E(arena.var(name, lo, hi, DType::int32())); }

  void check(E input, E expected, std::source_location loc = std::source_location::current()) {
    ++checks_;
    UOpPtr out = simplify(input);
    EXPECT_EQ(out, expected.u) << "  at line " << loc.line() << "\n  input:    " << render_expr(input)
                               << "\n  output:   " << render_expr(out) << "\n  expected: " << render_expr(expected);
  }

  int checks_ = 0;
};

}  // namespace rw::symtest
