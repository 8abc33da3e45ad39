// A cheap clock for timing the many short rule tries and steps of a traced pass: the CPU's
// time-stamp counter where there is one (a few ns to read, where steady_clock takes about
// 20), turned into nanoseconds with a factor measured once per process (ns_per_tick).
// Elsewhere the ticks are the steady clock's nanoseconds.
#pragma once
#include <chrono>
#include <cstdint>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#endif

namespace rw {

inline uint64_t read_ticks() {
#if defined(__x86_64__) || defined(__i386__)
  return __rdtsc();
#else
  return uint64_t(std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count());
#endif
}

// Nanoseconds per tick of read_ticks(). The first call measures the time-stamp counter
// against the steady clock over half a millisecond (once per process, so a traced pass can
// convert a step's ticks the moment it reports it); later calls return that factor. Exactly
// 1 where the ticks are the steady clock's nanoseconds.
double ns_per_tick();

// The ticks between two reads of read_ticks() as nanoseconds.
inline int64_t ticks_to_ns(uint64_t ticks, double ns_per_tick) { return int64_t(double(ticks) * ns_per_tick + 0.5); }

}  // namespace rw
