// The tracer that records a run into a .rwd SQLite file (schema: docs/trace-schema.md).
//
// The engine thread only copies a compact record of each event into an in-memory batch; a
// writer thread turns batches into rows, one transaction per batch. A batch is handed over
// when it holds `batch_records` steps and pass marks, or is `max_batch_age` old (the end of a
// run does not cut a batch: short runs share one), so a process that crashes loses at most
// its last batch, and a reader following the file live sees steps within that time.
// The queue between the threads is bounded: when the writer falls behind, the engine waits.
//
// Lifetime: steps hold pointers to nodes, not copies. Nodes are immutable and live as long as
// their Arena, so close() (or the destructor) must run before the arena of any traced run is
// destroyed -- or, for a tracer that records several runs, at least flush() after that run's
// end_run(). Everything else an event carries is copied.
//
// Nodes are stored when first referenced (by a step, a bound name, a pass root, a decision or
// a kernel), together with their descendants not stored yet; a run's nodes must all come from
// one Arena (node ids are per arena).
#pragma once
#include <array>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "engine/ir/spin_lock.h"
#include "engine/trace/event_clock.h"
#include "engine/trace/sqlite_db.h"
#include "engine/trace/string_map.h"
#include "engine/trace/trace_batch.h"
#include "engine/trace/tracer.h"

namespace rw {

struct SqliteTracerOptions {
  // Steps and pass marks per batch (and transaction). Also bounds a batch's memory: short
  // runs are mostly passes, and a batch cut only by age would hold hundreds of thousands of
  // pass marks -- megabytes the writer reads back from main memory instead of the cache.
  size_t batch_records = 8192;
  std::chrono::milliseconds max_batch_age{100};          // a partial batch is written after this
  size_t max_queued_batches = 16;                        // back-pressure beyond this
  size_t max_buffer_bytes = size_t(16) << 20;            // larger arrays keep path + SHA-256 only
  // A pass stores a checkpoint once max(checkpoint_min_spacing, nodes / checkpoint_divisor)
  // steps have passed since the last one, where nodes = pass input + last checkpoint graph:
  // rebuilding a checkpoint costs about that many nodes, so the cost per step stays constant.
  int64_t checkpoint_min_spacing = 64;
  int64_t checkpoint_divisor = 4;
  std::string engine_version = REWIND_ENGINE_VERSION;   // written to meta and runs
};

class SqliteTracer : public Tracer {
 public:
  // Creates (or replaces) the trace file at `path`. Throws TraceError if it cannot.
  explicit SqliteTracer(const std::string& path, SqliteTracerOptions options = {});
  // Closes the trace; errors are reported on stderr (call close() to see them as exceptions).
  ~SqliteTracer() override;
  SqliteTracer(const SqliteTracer&) = delete;
  SqliteTracer& operator=(const SqliteTracer&) = delete;

  bool active() const override { return true; }
  void begin_run(const RunInfo& info) override;
  void end_run(bool ok) override;
  void begin_pass(std::string_view name, std::string_view kind, UOpPtr input) override;
  void end_pass(UOpPtr output, bool ok, std::string_view error = {}, std::span<const RuleStat> rules = {}) override;
  void on_rewrite(const RewriteEvent& e) override;
  void on_decision(const DecisionRecord& d) override;
  void on_kernel(const KernelRecord& k) override;
  void on_timing(const TimingRecord& t) override;
  void on_check(const CheckRecord& c) override;
  void on_buffer(const BufferRecord& b) override;
  void log(LogLevel level, std::string_view text) override;

  // Hands the current batch to the writer and waits until everything so far is committed.
  // Throws TraceError if writing failed (disk full, file removed...).
  void flush() override;
  // Ends open passes (as failed) and an open run (ok = false), writes everything, checkpoints
  // the WAL and switches the file back to a single self-contained database. Idempotent.
  void close();

  const std::string& path() const { return path_; }

  // What the writer thread has done so far: for benchmarks and for `rewind run --timings`.
  struct Stats {
    int64_t steps_written = 0;
    double writer_cpu_seconds = 0;  // CPU time of the writer thread (excludes waiting)
  };
  Stats stats();

 private:
  struct PassFrame {
    int64_t id;
    int64_t steps = 0;
  };
  // A rule seen at an address: its id in the trace (a rule is announced, and stored, once per
  // trace whichever runs use it) and a copy to notice a different rule at a reused address.
  struct CachedRule {
    uint32_t id;
    RuleInfo copy;
  };

  // Held by the engine thread while it records an event: guards the engine-thread state.
  using EngineLock = std::unique_lock<SpinLock>;
  // Builds the event in its place in the batch: an Event is a 256-byte variant, and one built
  // first and moved in is two variants to build and one to destroy.
  template <class E> void push_event(EngineLock& lock, E&& e);
  void hand_off(EngineLock& lock);  // current batch -> queue, with back-pressure
  void enqueue_current_locked();    // current batch -> queue; both locks held
  bool batch_full() const { return current_.steps.size() + current_.passes.size() >= options_.batch_records; }
  // Whether a number fits a PassMark's 32-bit fields; a mark that does not fit is sent as a
  // PassBegin / PassEnd event. (A mark's positions in its batch always fit: batch_records is
  // at most 2^31, and 2^32 other events would take a terabyte of memory.)
  static bool fits_mark(int64_t v) { return v >= 0 && v <= int64_t(UINT32_MAX); }
  void ensure_run(EngineLock& lock);
  uint32_t run_info_index(const RunInfo& info);  // info's place in the batch's run_infos (engine lock held)
  void ensure_pass(EngineLock& lock, UOpPtr input);
  // ticks: read_ticks() at the call, before the lock was taken (EventClock::ns_at).
  void end_pass_locked(EngineLock& lock, UOpPtr output, bool ok, std::string_view error, uint64_t ticks, std::span<const RuleStat> rules);
  void end_run_locked(EngineLock& lock, bool ok, uint64_t ticks);
  uint32_t rule_id(EngineLock& lock, const RuleInfo* rule);
  uint32_t rule_id_slow(EngineLock& lock, const RuleInfo* rule);  // the rule does not hold this tracer's id
  uint32_t name_id(EngineLock& lock, std::string_view name);
  uint32_t word_id(EngineLock& lock, std::string_view name);  // name_id without the cache by address
  int64_t current_pass() const { return passes_.empty() ? 0 : passes_.back().id; }
  void writer_loop();
  void throw_if_failed();

  std::string path_;
  std::string old_trace_;  // the trace this one replaces, renamed, deleted by the writer thread
  SqliteTracerOptions options_;
  Db db_;  // used by the writer thread only, until it is joined

  // Engine-thread state, guarded by engine_lock_: the writer only tries it (holding mu_) to
  // take a batch that has waited too long, so the engine never waits for the writer here.
  SpinLock engine_lock_;
  trace_detail::EventClock clock_;  // event times
  trace_detail::Batch current_;
  std::chrono::steady_clock::time_point batch_started_;
  std::vector<PassFrame> passes_;
  int64_t run_id_ = 0;  // 0 = no run open
  int64_t runs_started_ = 0;
  int64_t passes_started_ = 0;
  int64_t run_pass_seq_ = 0;
  // This tracer's number among the process's tracers (never 0): tells its ids in
  // RuleInfo::tracer_id from another tracer's.
  const uint32_t instance_;
  std::unordered_map<const RuleInfo*, CachedRule> rules_by_address_;
  std::unordered_map<std::string, uint32_t> rules_by_content_;  // rule_key -> id
  uint32_t rules_made_ = 0;
  StringMap<uint32_t> names_;
  struct NameSlot {
    const char* data = nullptr;
    size_t size = 0;
    std::string text;  // the name's own copy: the address alone may be reused by another name
    uint32_t id = 0;
  };
  // Large and indexed by a mixed address (slot_of): strings allocated at a fixed stride,
  // which a plain `address % size` maps onto a few slots only. On the heap: a tracer may live
  // on a small stack.
  static constexpr size_t kNameCacheSlots = 1024;  // a power of two
  std::vector<NameSlot> name_cache_ = std::vector<NameSlot>(kNameCacheSlots);
  // Hand-off between the threads, guarded by mu_. Lock order: engine_lock_, then mu_.
  std::mutex mu_;
  std::deque<trace_detail::Batch> queue_;
  std::vector<trace_detail::Batch> spare_;  // written batches, reused to avoid reallocation
  std::condition_variable work_, space_, done_;
  uint64_t enqueued_ = 0, committed_ = 0;
  bool stop_ = false;
  bool failed_ = false;
  std::string error_;
  Stats stats_;
  bool closed_ = false;
  std::thread writer_;
};

}  // namespace rw
