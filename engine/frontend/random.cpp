#include "engine/frontend/random.h"

#include <cmath>
#include <numbers>

#include "engine/ir/hash.h"

namespace rw {

double random_uniform(uint64_t seed, uint64_t index) {
  uint64_t bits = hash_mix(hash_mix(seed) ^ index);
  return double(bits >> 40) / double(uint64_t(1) << 24);
}

double random_normal(uint64_t seed, uint64_t index) {
  double u1 = random_uniform(seed, 2 * index), u2 = random_uniform(seed, 2 * index + 1);
  return double(float(std::sqrt(-2 * std::log(1 - u1)) * std::cos(2 * std::numbers::pi * u2)));
}

std::vector<double> random_uniform_array(uint64_t seed, int64_t count) {
  std::vector<double> out(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) out[size_t(i)] = random_uniform(seed, uint64_t(i));
  return out;
}

std::vector<double> random_normal_array(uint64_t seed, int64_t count) {
  std::vector<double> out(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) out[size_t(i)] = random_normal(seed, uint64_t(i));
  return out;
}

}  // namespace rw
