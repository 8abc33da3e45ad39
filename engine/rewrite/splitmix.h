// A tiny deterministic PRNG (splitmix64). Fuzzers use it rather than <random>'s distributions,
// whose outputs differ between standard libraries: a seed must name the same case everywhere.
#pragma once
#include <cstdint>

#include "engine/ir/hash.h"

namespace rw {

class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}

  uint64_t next() {
    uint64_t out = hash_mix(state_);  // hash_mix adds the golden gamma, then mixes: splitmix64's output step
    state_ += 0x9e3779b97f4a7c15ull;
    return out;
  }

  // Uniform in [lo, hi] (lo <= hi), by multiply-shift: no modulo bias worth mentioning, no loop.
  int64_t uniform(int64_t lo, int64_t hi) {
    uint64_t span = uint64_t(hi) - uint64_t(lo) + 1;  // 0 means the whole 64-bit range
    if (span == 0) return int64_t(next());
    return int64_t(uint64_t(lo) + uint64_t((static_cast<unsigned __int128>(next()) * span) >> 64));
  }

  // True with probability num/den.
  bool chance(int num, int den) { return uniform(0, den - 1) < num; }

 private:
  uint64_t state_;
};

}  // namespace rw
