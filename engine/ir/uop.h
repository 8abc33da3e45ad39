// The UOp: one immutable, hash-consed node type for every stage of the compiler.
//
// Nodes are created only through an Arena, which interns them: building a node that already
// exists returns the existing one, so pointer equality is structural equality within a run.
// Each node carries a per-arena id (creation order, deterministic for a deterministic program)
// and a structural hash (stable across runs and machines) for cross-run comparison.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/ir/arg.h"
#include "engine/ir/dtype.h"
#include "engine/ir/node_src.h"
#include "engine/ir/ops.h"

namespace rw {

class Arena;
struct UOp;
using UOpPtr = const UOp*;

// The fields are ordered by use: what pattern matching reads of every node it tries (op,
// dtype, sources, value range) shares the first cache line; what interning reads of a node's
// sources (hash, arena) opens the second.
struct UOp {
  Op op;
  uint32_t id = 0;     // per-arena creation index
  DType dtype;
  NodeSrc src;  // in the arena's memory (node_src.h)
  int64_t vmin = 0;    // value range for bool/int/index nodes (whole dtype range if unknown)
  int64_t vmax = 0;

  uint64_t hash = 0;   // structural hash: op, dtype, arg, tag and the children's hashes
  Arena* arena = nullptr;
  int32_t tag = 0;  // free marker for passes (0 = none); part of identity
  Arg arg;
  // Tensor-level shape (engine/ir/shape.h); nullopt for nodes that have none (SINK, INDEX,
  // RANGE, ...) or whose sources have none. Derived from the fields above, so not identity.
  std::optional<IntTuple> shape;

  // --- queries ---
  bool is_const() const { return op == Op::CONST; }
  bool is_const(int64_t v) const;  // CONST with exactly this integer/bool value
  int64_t const_int() const;       // CONST value as integer (bool/int/index); asserts CONST
  double const_float() const;      // CONST value as double (any dtype)
  bool has_range() const { return dtype.is_int() || dtype.is_bool(); }
  std::span<const UOpPtr> srcs() const { return src; }

  // --- building (through this node's arena) ---
  UOpPtr alu(Op o, std::initializer_list<UOpPtr> others) const;
  UOpPtr const_like(int64_t v) const;  // a CONST of this node's (scalar) dtype
  UOpPtr const_like(double v) const;
  UOpPtr add(UOpPtr b) const { return alu(Op::ADD, {b}); }
  UOpPtr add(int64_t b) const { return add(const_like(b)); }
  UOpPtr sub(UOpPtr b) const { return alu(Op::SUB, {b}); }
  UOpPtr mul(UOpPtr b) const { return alu(Op::MUL, {b}); }
  UOpPtr mul(int64_t b) const { return mul(const_like(b)); }
  UOpPtr idiv(UOpPtr b) const { return alu(Op::IDIV, {b}); }
  UOpPtr idiv(int64_t b) const { return idiv(const_like(b)); }
  UOpPtr mod(UOpPtr b) const { return alu(Op::MOD, {b}); }
  UOpPtr mod(int64_t b) const { return mod(const_like(b)); }
  UOpPtr maximum(UOpPtr b) const { return alu(Op::MAX, {b}); }
  UOpPtr neg() const { return alu(Op::NEG, {}); }
  UOpPtr lt(UOpPtr b) const { return alu(Op::CMPLT, {b}); }
  UOpPtr lt(int64_t b) const { return lt(const_like(b)); }
  UOpPtr ne(UOpPtr b) const { return alu(Op::CMPNE, {b}); }
  UOpPtr eq(UOpPtr b) const { return alu(Op::CMPEQ, {b}); }
  UOpPtr logical_and(UOpPtr b) const { return alu(Op::AND, {b}); }
  UOpPtr logical_or(UOpPtr b) const { return alu(Op::OR, {b}); }
  UOpPtr logical_not() const;          // x != true
  UOpPtr where(UOpPtr a, UOpPtr b) const;  // this ? a : b
  UOpPtr cast(DType d) const;
  // The same node with some fields replaced.
  UOpPtr with_src(std::vector<UOpPtr> s) const;
  UOpPtr with_src(std::span<const UOpPtr> s) const;  // copies s only if the node is new
  UOpPtr with_arg(Arg a) const;
  UOpPtr with_tag(int32_t t) const;

  // Short one-line description: "ADD index" / "CONST index 4" / "DEFINE_VAR index ('x', 0, 15)".
  std::string summary() const;
};

// Value range of a node built from these parts (engine/ir/vrange.cpp).
struct VRange {
  int64_t min, max;
};
VRange compute_vrange(Op op, const DType& dtype, std::span<const UOpPtr> src, const Arg& arg);
VRange dtype_range(const DType& d);

}  // namespace rw
