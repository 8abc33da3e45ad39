// A dense array on the host: what BUFFERs hold, what .npy files contain and what evaluators
// return. Values are kept as doubles whatever the dtype (every dtype the language has fits
// exactly, except int64 beyond 2^53); `dtype` says how they are stored and compared.
#pragma once
#include <cstdint>
#include <vector>

#include "engine/ir/arg.h"
#include "engine/ir/dtype.h"

namespace rw {

struct HostArray {
  DType dtype = DType::float32();
  IntTuple shape;             // row-major (C order); () for a scalar
  std::vector<double> data;   // shape_numel(shape) values

  size_t numel() const { return data.size(); }
};

// `v` as a value of dtype `to`, the way numpy's astype and C casts store it: float32 rounds
// to nearest, integers truncate toward zero and wrap to their width, bool is v != 0.
// NaN and infinities cast to an integer give 0 (C leaves this undefined; 0 is reproducible).
double cast_value(double v, const DType& to);

}  // namespace rw
