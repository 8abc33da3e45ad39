// The counter-based generator behind rand and randn: element i of a tensor made with seed s
// depends only on (s, i), so results are reproducible and independent of evaluation order.
//
//   bits(s, i)   = splitmix64(splitmix64(s) ^ i)             (64 bits)
//   uniform(s,i) = (bits(s, i) >> 40) / 2^24                 (24 bits: exact in float32, [0, 1))
//   normal(s,i)  = sqrt(-2 ln(1 - u1)) * cos(2 pi u2)        (Box-Muller)
//                  with u1 = uniform(s, 2i), u2 = uniform(s, 2i + 1), rounded to float32
#pragma once
#include <cstdint>
#include <vector>

namespace rw {

double random_uniform(uint64_t seed, uint64_t index);
double random_normal(uint64_t seed, uint64_t index);
std::vector<double> random_uniform_array(uint64_t seed, int64_t count);
std::vector<double> random_normal_array(uint64_t seed, int64_t count);

}  // namespace rw
