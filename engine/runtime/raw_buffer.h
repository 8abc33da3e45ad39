// Host memory in the layout compiled kernels use: `size` elements of `dtype`, packed, C order
// (bool as one byte). HostArray (doubles) is how the rest of the engine sees the same data.
#pragma once
#include <cstdint>
#include <vector>

#include "engine/ir/host_array.h"

namespace rw {

struct RawBuffer {
  DType dtype;
  int64_t size = 0;
  std::vector<uint64_t> storage;  // 8-byte aligned whatever the dtype

  RawBuffer(DType dtype, int64_t size);
  void* data() { return storage.data(); }
  int64_t bytes() const;
};

// Each value cast to the buffer's dtype (cast_value) and packed. Sizes must match.
RawBuffer to_raw(const HostArray& a, DType dtype);
// The buffer's values with the given shape (its numel must be the buffer's size).
HostArray from_raw(const RawBuffer& b, IntTuple shape);

}  // namespace rw
