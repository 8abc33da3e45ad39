// The bounds-check record of a checked kernel (CodegenOptions::checked). The kernel gets it as
// one more buffer pointer after its DEFINE_GLOBAL slots: bufs[params] points at int64 words
//   [0] how many accesses fell outside their buffer   [1..3] the first one: slot, index, size
//   [4] a scratch word an out-of-bounds access reads or writes instead of the buffer
//   [5 + i] the element count of slot i (used where the pointer dtype has no size)
// An out-of-bounds load reads the scratch word and an out-of-bounds store writes it: the
// kernel runs to its end without touching memory outside its buffers, and the runner reports
// the record (run_schedule.h: RunResult::out_of_bounds).
#pragma once
#include <cstdint>

namespace rw::bounds_record {

constexpr int64_t kCount = 0, kSlot = 1, kIndex = 2, kSize = 3, kScratch = 4, kSizes = 5;

// Words a record for a kernel with `params` buffer slots needs.
constexpr int64_t words(int64_t params) { return kSizes + params; }

}  // namespace rw::bounds_record
