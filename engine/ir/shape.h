// Shapes of tensor-graph nodes.
//
// The tensor graph (what the frontend builds, what the scheduler consumes) is tinygrad's:
//   BUFFER       host data; arg (slot, size) indexes the BufferTable (engine/ir/buffer_table.h);
//                shape (size,), given its real shape by a RESHAPE like every other view
//   CONST        a scalar, shape (); broadcast by RESHAPE to (1, ..., 1) then EXPAND
//   RESHAPE      arg IntTuple new shape (same element count)
//   PERMUTE      arg IntTuple axis order (a permutation)
//   EXPAND       arg IntTuple new shape (only size-1 axes grow)
//   PAD          arg PairTuple (before, after) per axis, zeros outside the source
//   SHRINK       arg PairTuple [start, end) per axis
//   FLIP         arg IntTuple of the axes reversed
//   ALU ops      sources of one shape (the frontend broadcasts first); CMP* give bool
//   CAST         same shape, the node's dtype
//   REDUCE_AXIS  arg ReduceArg{ADD|MAX|MUL, axes}; reduced axes keep size 1 (keepdim)
//   CONTIGUOUS   same shape; asks the scheduler to realize its source
//   SINK         the outputs; no shape
// Every shaped node's shape is computed once, in Arena::make, and cached on UOp::shape.
#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "engine/ir/arg.h"
#include "engine/ir/dtype.h"
#include "engine/ir/ops.h"

namespace rw {

struct UOp;
using UOpPtr = const UOp*;
using Shape = IntTuple;

// The result of shape inference: a shape, no shape (the op has none at this stage, or a
// source has none) or an error saying why the sources do not fit the op.
struct ShapeResult {
  std::optional<Shape> shape;
  std::string error;  // empty unless the op's sources or argument are inconsistent
  bool ok() const { return error.empty(); }
};

ShapeResult infer_shape(Op op, const DType& dtype, std::span<const UOpPtr> src, const Arg& arg);

std::string shape_str(std::span<const int64_t> shape);  // "(4, 8)", "(3,)", "()"
int64_t shape_numel(std::span<const int64_t> shape);
std::string count_str(int64_t n, std::string_view noun);  // "1 element", "12 elements"
// Row-major strides in elements.
IntTuple shape_strides(std::span<const int64_t> shape);

}  // namespace rw
