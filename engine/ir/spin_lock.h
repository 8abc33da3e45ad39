// A lock for a critical section that is short and nearly never contended: taking it is one
// atomic exchange and releasing it one plain store, against a compare-exchange and an atomic
// exchange (and two calls) for std::mutex. While the process has a single thread, taking it
// is a plain store, as glibc does for its own mutexes: an untraced run pays nothing for
// locks it never needs.
//
// Users: the arena's interning table (every node made or looked up) and the tracer's engine
// thread (every traced event; the writer thread only tries it, now and then, to take a batch
// that has waited too long).
#pragma once
#include <sys/single_threaded.h>

#include <atomic>
#include <thread>

namespace rw {

class SpinLock {
 public:
  void lock() {
    // Single-threaded now means nobody can be holding or waiting: a thread created later
    // sees this store (thread creation orders it before the new thread's first step).
    if (__libc_single_threaded) {
      held_.store(true, std::memory_order_relaxed);
      return;
    }
    while (held_.exchange(true, std::memory_order_acquire))
      while (held_.load(std::memory_order_relaxed)) std::this_thread::yield();  // the holder may be descheduled
  }
  bool try_lock() { return !held_.load(std::memory_order_relaxed) && !held_.exchange(true, std::memory_order_acquire); }
  void unlock() { held_.store(false, std::memory_order_release); }

 private:
  std::atomic<bool> held_{false};
};

}  // namespace rw
