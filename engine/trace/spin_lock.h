// A lock for a critical section that is short and nearly never contended: taking it is one
// atomic exchange and releasing it one plain store, against a compare-exchange and an atomic
// exchange (and two calls) for std::mutex. The tracer's engine thread takes it for every
// traced event; the writer thread only tries it, now and then, to take a batch that has
// waited too long.
#pragma once
#include <atomic>
#include <thread>

namespace rw::trace_detail {

class SpinLock {
 public:
  void lock() {
    while (held_.exchange(true, std::memory_order_acquire))
      while (held_.load(std::memory_order_relaxed)) std::this_thread::yield();  // the holder may be descheduled
  }
  bool try_lock() { return !held_.load(std::memory_order_relaxed) && !held_.exchange(true, std::memory_order_acquire); }
  void unlock() { held_.store(false, std::memory_order_release); }

 private:
  std::atomic<bool> held_{false};
};

}  // namespace rw::trace_detail
