// Wall-clock times of trace events (ns since the epoch), cheaper to read than the system
// clock: a traced scheduling run of a small program records a few dozen pass marks in about
// 12 us, and the system clock costs about 17 ns a reading here, the time-stamp counter 8.
//
// The tick counter (tick_clock.h) extrapolates from the last reading of the system clock, and
// the system clock is read again once the extrapolation spans kReanchorNs. The tick factor is
// measured to well under 0.1%, so an extrapolated time is off by at most about 100 ns, less
// than a reading of the system clock takes. Across a re-reading, times do not go backwards
// by such an error; a real step of the system clock (an adjustment) is kept as it is.
// Used by one thread at a time (the tracer's engine lock).
#pragma once
#include <algorithm>
#include <chrono>
#include <cstdint>

#include "engine/rewrite/tick_clock.h"

namespace rw::trace_detail {

class EventClock {
 public:
  static constexpr int64_t kReanchorNs = 100'000;

  EventClock() : ns_per_tick_(ns_per_tick()), reanchor_ticks_(uint64_t(double(kReanchorNs) / ns_per_tick_)) { reanchor(); }

  int64_t now_ns() { return ns_at(read_ticks()); }

  // The time of a read_ticks() taken a moment ago, before the caller took the lock that
  // guards this clock: on the tracer's engine thread, a tick read right after the lock's
  // atomic exchange costs several times more than one before it (about 0.4 us per small
  // scheduling run). A read older than the anchor (another thread re-anchored in between)
  // counts as due: it gets the new anchor's time, later than the read by the wait for the lock.
  int64_t ns_at(uint64_t ticks) {
    // Unsigned: a counter read on another core slightly behind the anchor counts as due.
    if (ticks - anchor_ticks_ >= reanchor_ticks_) return reanchor();
    last_ns_ = std::max(last_ns_, anchor_ns_ + ticks_to_ns(ticks - anchor_ticks_, ns_per_tick_));
    return last_ns_;
  }

 private:
  // A step back smaller than this is taken for extrapolation error; a larger one is the
  // system clock's own.
  static constexpr int64_t kMaxErrorNs = 10'000;

  int64_t reanchor() {
    anchor_ticks_ = read_ticks();
    anchor_ns_ = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    if (anchor_ns_ < last_ns_ && last_ns_ - anchor_ns_ < kMaxErrorNs) return last_ns_;
    last_ns_ = anchor_ns_;
    return last_ns_;
  }

  double ns_per_tick_;
  uint64_t reanchor_ticks_;
  uint64_t anchor_ticks_ = 0;
  int64_t anchor_ns_ = 0;
  int64_t last_ns_ = INT64_MIN;
};

}  // namespace rw::trace_detail
