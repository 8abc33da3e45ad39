#include "engine/trace/sqlite_tracer.h"

#include <time.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "engine/trace/schema.h"
#include "engine/trace/sha256.h"
#include "engine/trace/trace_writer.h"

namespace rw {

using namespace trace_detail;

namespace {
// Clears the way for a new trace at `path`. An old trace file is only renamed, for the
// writer thread to delete: deleting a large file (the kernel dropping its cached pages) takes
// milliseconds the engine thread would otherwise spend before its first event. Returns the
// name to delete, or "" when there is none.
std::string set_aside_old_trace(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"-wal", "-shm", "-journal"}) std::filesystem::remove(path + suffix, ec);
  if (std::filesystem::is_regular_file(path, ec)) {  // anything else is left for the open to report
    std::string aside = path + ".replaced";
    std::filesystem::rename(path, aside, ec);
    if (!ec) return aside;
  }
  std::filesystem::remove(path, ec);
  return {};
}

std::string rule_key(const RuleInfo& r) {
  return r.text + '\x1f' + r.pattern + '\x1f' + r.family + '\x1f' + r.file + '\x1f' + std::to_string(r.line);
}

// Whether a rule at a known address is still the rule first seen there (a matcher rebuilt
// per call may put a different rule at a reused address). Line and text identify a rule.
bool same_rule(const RuleInfo& seen, const RuleInfo& now) {
  // A serial (unique per built rule) settles it without comparing texts; rules without one
  // (0, e.g. made by hand) are compared by line and text.
  if (seen.serial != 0 || now.serial != 0) return seen.serial == now.serial;
  return seen.line == now.line && seen.text == now.text;
}

// Whether two texts of `size` bytes are equal. Names are mostly a few characters (pattern
// variables, pass names): a loop compares those without a call to memcmp.
inline bool same_short_text(const char* a, const char* b, size_t size) {
  if (size > 16) return std::memcmp(a, b, size) == 0;
  for (size_t i = 0; i < size; ++i)
    if (a[i] != b[i]) return false;
  return true;
}

// Every field of `k` but the nodes it computes, which a Kernel event keeps in its batch.
KernelRecord without_computes(const KernelRecord& k) {
  KernelRecord r;
  r.name = k.name;
  r.ast = k.ast;
  r.linear = k.linear;
  r.c_source = k.c_source;
  r.llvm_ir = k.llvm_ir;
  r.compile_ms = k.compile_ms;
  r.flops = k.flops;
  r.bytes = k.bytes;
  return r;
}
// KernelRecord's fields as without_computes() knows them: a field added to KernelRecord fails
// this check until it is copied above too.
struct KernelRecordFields {
  std::string name;
  UOpPtr ast;
  std::string linear, c_source, llvm_ir;
  double compile_ms;
  int64_t flops, bytes;
  std::vector<UOpPtr> computes;
};
static_assert(sizeof(KernelRecordFields) == sizeof(KernelRecord), "copy KernelRecord's new field in without_computes()");

// A number for each tracer the process makes, never 0 (an empty RuleInfo::tracer_id).
// Numbers repeat only after 2^32 tracers.
uint32_t next_tracer_instance() {
  static std::atomic<uint32_t> made{0};
  uint32_t n;
  do n = made.fetch_add(1, std::memory_order_relaxed) + 1;
  while (n == 0);
  return n;
}

// A direct-mapped cache's slot for an address: Fibonacci hashing spreads objects allocated at
// a fixed stride (pattern names) over all slots. `size` is a power of two.
template <size_t size> size_t slot_of(const void* p) {
  static_assert((size & (size - 1)) == 0);
  return size_t((uint64_t(reinterpret_cast<uintptr_t>(p)) * 0x9E3779B97F4A7C15ull) >> (64 - std::countr_zero(size)));
}
}  // namespace

SqliteTracer::SqliteTracer(const std::string& path, SqliteTracerOptions options)
    : path_(path), options_(std::move(options)), instance_(next_tracer_instance()) {
  options_.batch_records = std::clamp<size_t>(options_.batch_records, 1, size_t(1) << 31);  // PassMark::at_step is 32 bits
  old_trace_ = set_aside_old_trace(path);
  try {
    // NOMUTEX: one thread uses the connection at a time, so SQLite need not lock on every call.
    db_ = Db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX);
    sqlite3_busy_timeout(db_.handle(), 5000);
    // WAL: readers (the viewer following a live run) never block the writer. No fsync while
    // writing: a crash of the process loses nothing committed (the OS has the pages); only an
    // OS crash or power loss could. A trace is a debugging record, not a ledger.
    // 16 KiB pages (set before the first table): node and step blocks are a few dozen KiB,
    // so fewer overflow pages per block and fewer WAL frames per batch; the writer's CPU
    // time on traced_simplify_bench fell by about 8% against 4 KiB. Larger pages lose again:
    // every commit rewrites the partly filled tail pages of each table whole.
    // A 4 MiB page cache: the writer only appends, so it needs the pages of one batch and the
    // b-trees' upper levels. A larger cache keeps growing into fresh memory for as long as
    // the file grows, and the kernel faulting in and zeroing those pages cost the writer
    // about 8% of its time (64 MiB before).
    // Checkpoints every 64 pages (1 MiB): a batch's pages are copied into the database right
    // after its commit, while they are still in the CPU's cache; at the default 1000 pages
    // the copy read them back from memory. The writer's CPU time fell by 8% on both
    // schedule_bench and traced_simplify_bench.
    db_.exec("PRAGMA page_size=16384; PRAGMA synchronous=OFF; PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=64; PRAGMA cache_size=-4096; PRAGMA temp_store=MEMORY;");
    create_schema(db_, options_.engine_version);
  } catch (...) {
    std::error_code ec;
    if (!old_trace_.empty()) std::filesystem::remove(old_trace_, ec);  // no writer thread will
    throw;
  }
  batch_started_ = std::chrono::steady_clock::now();
  writer_ = std::thread([this] { writer_loop(); });
}

SqliteTracer::~SqliteTracer() {
  try {
    close();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "rewind: trace %s was not closed cleanly: %s\n", path_.c_str(), e.what());
  }
}

// ---- engine thread -------------------------------------------------------------------

template <class E> void SqliteTracer::push_event(EngineLock&, E&& e) {
  current_.events.emplace_back(std::piecewise_construct, std::forward_as_tuple(current_.steps.size()), std::forward_as_tuple(std::forward<E>(e)));
}

void SqliteTracer::hand_off(EngineLock&) {
  if (current_.empty()) return;
  std::unique_lock lock(mu_);
  if (failed_) {  // nothing can be written any more; keep memory bounded
    current_ = Batch{};
    return;
  }
  enqueue_current_locked();
  work_.notify_one();
  space_.wait(lock, [&] { return queue_.size() <= options_.max_queued_batches || failed_; });
}

void SqliteTracer::enqueue_current_locked() {
  current_.seq = ++enqueued_;
  queue_.push_back(std::move(current_));
  // A written batch keeps its vectors' capacity: a fresh one would grow them again, into
  // fresh pages the kernel must fault in and zero while the engine waits.
  if (!spare_.empty()) {
    current_ = std::move(spare_.back());
    spare_.pop_back();
    // Emptied here, on the engine thread, rather than by the writer: the strings of its
    // events go back to this thread's allocator caches, where the next events' strings come
    // from. Freed by the writer, they left the engine's caches empty, and every string it
    // copied took the allocator's slow path and its lock, against the writer's frees.
    current_.clear();
  } else {
    current_ = Batch{};
  }
  batch_started_ = std::chrono::steady_clock::now();
}

void SqliteTracer::ensure_run(EngineLock& lock) {
  if (run_id_) return;
  run_id_ = ++runs_started_;
  run_pass_seq_ = 0;
  RunInfo info;
  info.command = "(events before begin_run)";
  info.engine_version = options_.engine_version;
  push_event(lock, RunBegin{run_id_, run_info_index(info), clock_.now_ns()});
}

// Event times are read before the engine lock is taken: see EventClock::ns_at.
void SqliteTracer::begin_run(const RunInfo& info) {
  const uint64_t ticks = read_ticks();
  EngineLock lock(engine_lock_);
  if (closed_) return;  // events after close() have nowhere to go
  if (run_id_) end_run_locked(lock, false, ticks);
  run_id_ = ++runs_started_;
  run_pass_seq_ = 0;
  push_event(lock, RunBegin{run_id_, run_info_index(info), clock_.ns_at(ticks)});
}

uint32_t SqliteTracer::run_info_index(const RunInfo& info) {
  std::vector<RunInfo>& infos = current_.run_infos;
  if (infos.empty() || !(infos.back() == info)) infos.push_back(info);
  return uint32_t(infos.size() - 1);
}

void SqliteTracer::end_run(bool ok) {
  const uint64_t ticks = read_ticks();
  EngineLock lock(engine_lock_);
  if (closed_) return;  // events after close() have nowhere to go
  end_run_locked(lock, ok, ticks);
}

void SqliteTracer::end_run_locked(EngineLock& lock, bool ok, uint64_t ticks) {
  if (!run_id_) return;
  while (!passes_.empty()) end_pass_locked(lock, nullptr, false, "the run ended while this pass was still open", ticks, {});
  push_event(lock, RunEnd{run_id_, ok, clock_.ns_at(ticks)});
  run_id_ = 0;
  // No hand-off here: a process tracing many short runs (a scheduler called again and
  // again) would otherwise pay a transaction and a thread wake-up per run. The run's end is
  // written with its batch, within max_batch_age.
}

void SqliteTracer::begin_pass(std::string_view name, std::string_view kind, UOpPtr input) {
  const uint64_t ticks = read_ticks();
  EngineLock lock(engine_lock_);
  if (closed_) return;  // events after close() have nowhere to go
  ensure_run(lock);
  int64_t id = ++passes_started_;
  const uint32_t name_ref = name_id(lock, name);  // may announce the names: before the mark's position is taken
  const uint32_t kind_ref = name_id(lock, kind);
  const int64_t parent = current_pass(), seq = ++run_pass_seq_, depth = int64_t(passes_.size());
  const int64_t time_ns = clock_.ns_at(ticks);
  passes_.push_back({id});
  if (!fits_mark(run_id_) || !fits_mark(seq) || (parent && !fits_mark(id - parent)) || depth > UINT16_MAX) {
    push_event(lock, PassBegin{id, run_id_, parent, seq, depth, std::string(name), std::string(kind), input, time_ns});
    return;
  }
  PassMark m;
  m.node = input;
  m.pass_id = id;
  m.time_ns = time_ns;
  m.at_step = uint32_t(current_.steps.size());
  m.at_event = uint32_t(current_.events.size());
  m.begin = true;
  m.ok = false;
  m.b = {uint32_t(run_id_), uint32_t(seq), name_ref, kind_ref, parent ? uint32_t(id - parent) : 0, uint16_t(depth)};
  current_.passes.push_back(m);
}

void SqliteTracer::end_pass(UOpPtr output, bool ok, std::string_view error, std::span<const RuleStat> rules) {
  const uint64_t ticks = read_ticks();
  EngineLock lock(engine_lock_);
  if (closed_) return;  // events after close() have nowhere to go
  end_pass_locked(lock, output, ok, error, ticks, rules);
}

void SqliteTracer::end_pass_locked(EngineLock& lock, UOpPtr output, bool ok, std::string_view error, uint64_t ticks,
                                   std::span<const RuleStat> rules) {
  if (passes_.empty()) {
    ensure_run(lock);
    push_event(lock, Log{run_id_, 0, LogLevel::Warning, "end_pass without a matching begin_pass (ignored)", clock_.ns_at(ticks)});
    return;
  }
  PassFrame f = passes_.back();
  passes_.pop_back();
  // The counts go into the batch just before the end that refers to them: the batch is
  // handed off only after a whole end.
  const StatsRange stats{uint32_t(current_.rule_stats.size()), uint32_t(rules.size())};
  for (const RuleStat& s : rules) current_.rule_stats.push_back({rule_id(lock, s.rule), s.tries, s.hits, s.ns});
  if (!error.empty() || !fits_mark(f.steps)) {
    push_event(lock, PassEnd{f.id, output, ok, std::string(error), f.steps, clock_.ns_at(ticks), stats});
    return;
  }
  PassMark m;
  m.node = output;
  m.pass_id = f.id;
  m.time_ns = clock_.ns_at(ticks);
  m.at_step = uint32_t(current_.steps.size());
  m.at_event = uint32_t(current_.events.size());
  m.begin = false;
  m.ok = ok;
  m.e = {uint32_t(f.steps), stats.begin, stats.count};
  current_.passes.push_back(m);
  if (batch_full()) hand_off(lock);
}

// Rewrites reported outside any pass still need a pass to belong to.
void SqliteTracer::ensure_pass(EngineLock& lock, UOpPtr input) {
  ensure_run(lock);
  if (!passes_.empty()) return;
  int64_t id = ++passes_started_;
  push_event(lock, PassBegin{id, run_id_, 0, ++run_pass_seq_, 0, "rewrites outside any pass", "implicit", input, clock_.now_ns()});
  passes_.push_back({id});
}

uint32_t SqliteTracer::rule_id(EngineLock& lock, const RuleInfo* rule) {
  static const RuleInfo kUnknown{"(rule not given)", "", "", "", 0};
  if (!rule) rule = &kUnknown;
  // A traced pass reports every rule it tried: the id this tracer left in the rule answers
  // the common case with one load.
  const uint64_t mine = uint64_t(instance_) << 32;
  if (const uint64_t seen = rule->tracer_id.load(); (seen & ~uint64_t(UINT32_MAX)) == mine) return uint32_t(seen);
  const uint32_t id = rule_id_slow(lock, rule);
  rule->tracer_id.store(mine | id);
  return id;
}

uint32_t SqliteTracer::rule_id_slow(EngineLock& lock, const RuleInfo* rule) {
  // Another tracer's id in the rule, or this tracer sees the rule for the first time (a new
  // rule, or a known rule whose matcher was rebuilt).
  if (auto it = rules_by_address_.find(rule); it != rules_by_address_.end() && same_rule(it->second.copy, *rule)) return it->second.id;
  // Matchers rebuilt per call leave many dead addresses behind: forget them now and then.
  if (rules_by_address_.size() >= 65536) rules_by_address_.clear();
  auto [cit, inserted] = rules_by_content_.try_emplace(rule_key(*rule), 0);
  if (inserted) {
    cit->second = ++rules_made_;
    push_event(lock, NewRule{cit->second, *rule});
  }
  rules_by_address_.insert_or_assign(rule, CachedRule{cit->second, *rule});
  return cit->second;
}

uint32_t SqliteTracer::name_id(EngineLock& lock, std::string_view name) {
  // Pattern names live in their patterns, so the same name usually arrives from the same
  // address: a direct-mapped cache by address answers without hashing the text.
  NameSlot& slot = name_cache_[slot_of<kNameCacheSlots>(name.data())];
  if (slot.data == name.data() && slot.size == name.size() && same_short_text(slot.text.data(), name.data(), name.size())) return slot.id;
  const uint32_t id = word_id(lock, name);
  slot = {name.data(), name.size(), std::string(name), id};
  return id;
}

uint32_t SqliteTracer::word_id(EngineLock& lock, std::string_view name) {
  if (auto it = names_.find(name); it != names_.end()) return it->second;
  const uint32_t id = uint32_t(names_.size());
  names_.emplace(std::string(name), id);
  push_event(lock, NewName{id, std::string(name)});
  return id;
}

void SqliteTracer::on_rewrite(const RewriteEvent& e) {
  EngineLock lock(engine_lock_);
  if (closed_) return;  // events after close() have nowhere to go
  if (passes_.empty()) ensure_pass(lock, e.matched);
  PassFrame& f = passes_.back();
  StepRec s{f.id, ++f.steps, rule_id(lock, e.rule), uint32_t(current_.bound.size()), uint32_t(e.bound.size()), e.matched,
            e.replacement, e.duration_ns};
  for (const Binding& b : e.bound) current_.bound.push_back({name_id(lock, b.name), b.node});
  current_.steps.push_back(s);
  if (batch_full()) hand_off(lock);
}

void SqliteTracer::on_decision(const DecisionRecord& d) {
  EngineLock lock(engine_lock_);
  if (closed_) return;  // events after close() have nowhere to go
  ensure_run(lock);
  // Words first: a new one announces itself with an event of its own. Not through name_id's
  // cache by address: a record's strings are somewhere new every time.
  const uint32_t decision = word_id(lock, d.decision), reason = word_id(lock, d.reason);
  const uint32_t detail_begin = uint32_t(current_.text.size());
  current_.text += d.detail;
  push_event(lock, Decision{run_id_, current_pass(), d.node, decision, reason, detail_begin, uint32_t(d.detail.size())});
}

void SqliteTracer::on_kernel(const KernelRecord& k) {
  EngineLock lock(engine_lock_);
  if (closed_) return;  // events after close() have nowhere to go
  ensure_run(lock);
  const uint32_t computes_begin = uint32_t(current_.nodes.size());
  current_.nodes.insert(current_.nodes.end(), k.computes.begin(), k.computes.end());
  push_event(lock, Kernel{run_id_, current_pass(), without_computes(k), computes_begin, uint32_t(k.computes.size())});
}

void SqliteTracer::on_timing(const TimingRecord& t) {
  EngineLock lock(engine_lock_);
  if (closed_) return;  // events after close() have nowhere to go
  ensure_run(lock);
  push_event(lock, Timing{run_id_, t});
}

void SqliteTracer::on_check(const CheckRecord& c) {
  EngineLock lock(engine_lock_);
  if (closed_) return;  // events after close() have nowhere to go
  ensure_run(lock);
  push_event(lock, Check{run_id_, c});
}

void SqliteTracer::on_buffer(const BufferRecord& b) {
  Buffer rec{0, b.name, b.role, b.dtype, b.path, b.sha256, b.shape, int64_t(b.data.size()), false, {}};
  if (b.data.empty()) {
    int64_t elems = 1;
    for (int64_t d : b.shape) elems *= d;
    auto dt = dtype_from_name(b.dtype);
    rec.size_bytes = dt ? elems * dt->itemsize() : 0;
  } else if (b.data.size() <= options_.max_buffer_bytes) {
    rec.has_data = true;
    rec.data.assign(b.data);
  } else if (rec.sha256.empty()) {
    rec.sha256 = sha256_hex(b.data);  // the data is only valid during this call
  }
  EngineLock lock(engine_lock_);
  if (closed_) return;  // events after close() have nowhere to go
  ensure_run(lock);
  rec.run_id = run_id_;
  push_event(lock, std::move(rec));
}

void SqliteTracer::log(LogLevel level, std::string_view text) {
  const uint64_t ticks = read_ticks();
  EngineLock lock(engine_lock_);
  if (closed_) return;  // events after close() have nowhere to go
  ensure_run(lock);
  push_event(lock, Log{run_id_, current_pass(), level, std::string(text), clock_.ns_at(ticks)});
}

void SqliteTracer::throw_if_failed() {
  if (failed_) throw TraceError("writing trace " + path_ + " failed: " + error_ + ". Check free disk space and that the file is writable; the trace holds everything up to the failure");
}

void SqliteTracer::flush() {
  {
    EngineLock lock(engine_lock_);
    if (closed_) return;
    hand_off(lock);
  }
  std::unique_lock lock(mu_);
  uint64_t target = enqueued_;
  work_.notify_one();
  done_.wait(lock, [&] { return committed_ >= target || failed_; });
  throw_if_failed();
}

SqliteTracer::Stats SqliteTracer::stats() {
  std::lock_guard lock(mu_);
  return stats_;
}

void SqliteTracer::close() {
  {
    const uint64_t ticks = read_ticks();
    EngineLock lock(engine_lock_);
    if (closed_) return;
    closed_ = true;
    end_run_locked(lock, false, ticks);  // no-op when the run was ended
    hand_off(lock);
  }
  {
    std::lock_guard lock(mu_);
    stop_ = true;
    work_.notify_one();
  }
  writer_.join();
  throw_if_failed();
  // One self-contained file: move the WAL's pages into the database and drop the WAL.
  db_.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  try {
    db_.exec("PRAGMA journal_mode=DELETE");
  } catch (const TraceError&) {
    // A reader still has the file open; it stays in WAL mode, which is just as readable.
  }
  db_.close();
}

// ---- writer thread -------------------------------------------------------------------

void SqliteTracer::writer_loop() {
  if (!old_trace_.empty()) {
    std::error_code ec;
    std::filesystem::remove(old_trace_, ec);  // a leftover is harmless: the next trace at this path replaces it
  }
  std::unique_ptr<TraceWriter> writer;
  try {
    writer = std::make_unique<TraceWriter>(db_, CheckpointPolicy{options_.checkpoint_min_spacing, options_.checkpoint_divisor});
  } catch (const std::exception& e) {
    std::lock_guard lock(mu_);
    failed_ = true;
    error_ = e.what();
  }
  std::unique_lock lock(mu_);
  for (;;) {
    work_.wait_for(lock, options_.max_batch_age, [&] { return !queue_.empty() || stop_; });
    // A partial batch that has waited long enough is written too, so live readers see it.
    // Only tried: the engine holding engine_lock_ is recording, and will hand off itself.
    if (queue_.empty() && !failed_ && engine_lock_.try_lock()) {
      if (!current_.empty() && std::chrono::steady_clock::now() - batch_started_ >= options_.max_batch_age) enqueue_current_locked();
      engine_lock_.unlock();
    }
    if (queue_.empty()) {
      if (stop_) break;
      continue;
    }
    Batch b = std::move(queue_.front());
    queue_.pop_front();
    space_.notify_all();
    lock.unlock();
    timespec cpu0{}, cpu1{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu0);
    if (!failed_) {
      try {
        db_.exec("BEGIN");
        writer->write(b);
        db_.exec("COMMIT");
      } catch (const std::exception& e) {
        try {
          db_.exec("ROLLBACK");
        } catch (...) {
        }
        std::lock_guard g(mu_);
        failed_ = true;
        error_ = e.what();
      }
    }
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu1);
    uint64_t seq = b.seq;
    size_t steps = b.steps.size();
    lock.lock();
    // Reused, and emptied by the engine thread when it takes it (enqueue_current_locked).
    if (spare_.size() < options_.max_queued_batches + 2) spare_.push_back(std::move(b));
    committed_ = seq;
    stats_.steps_written += int64_t(steps);
    stats_.writer_cpu_seconds += double(cpu1.tv_sec - cpu0.tv_sec) + 1e-9 * double(cpu1.tv_nsec - cpu0.tv_nsec);
    if (failed_) queue_.clear();
    done_.notify_all();
    space_.notify_all();
  }
}

}  // namespace rw
