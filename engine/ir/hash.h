// Stable hashing: the same values give the same hash on every run and machine, so
// structural hashes can key comparisons between traces. (std::hash gives no such promise.)
#pragma once
#include <cstdint>
#include <cstring>
#include <string_view>

namespace rw {

constexpr uint64_t kHashSeed = 0x9e3779b97f4a7c15ull;

// splitmix64 finalizer: a good, cheap 64-bit mixer.
constexpr uint64_t hash_mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

constexpr uint64_t hash_combine(uint64_t seed, uint64_t v) { return hash_mix(seed ^ (v + 0x632be59bd9b4e019ull + (seed << 6) + (seed >> 2))); }

inline uint64_t hash_bytes(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a, then mixed
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ull;
  return hash_mix(h);
}

inline uint64_t hash_double(double d) {
  uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  return hash_mix(bits);
}

}  // namespace rw
