// The tracing hooks. The engine reports every step of a compilation here; the SQLite tracer
// records them, the null tracer ignores them at almost no cost.
//
// The engine finds the tracer through current_tracer() (set with a TracerScope), so passes do
// not thread a tracer argument through every call.
#pragma once
#include <atomic>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/ir/uop.h"

namespace rw {

// Where a tracer remembers the id it gave a rule: a traced pass reports every rule it tries,
// and a known rule then costs one load. Holds the tracer's instance number (high 32 bits) and
// the id (low 32); 0 until a tracer sets it. A copy starts empty: as far as a tracer knows it
// is another rule. Atomic because tracers on several threads may report the same rules (each
// overwrites the other's entry; a mismatch only sends a tracer to its own table).
class TracerIdSlot {
 public:
  TracerIdSlot() = default;
  TracerIdSlot(const TracerIdSlot&) {}
  TracerIdSlot& operator=(const TracerIdSlot&) {
    v_.store(0, std::memory_order_relaxed);
    return *this;
  }
  uint64_t load() const { return v_.load(std::memory_order_relaxed); }
  void store(uint64_t v) const { v_.store(v, std::memory_order_relaxed); }

 private:
  mutable std::atomic<uint64_t> v_{0};
};

// A rewrite rule as the trace knows it. Owned by its PatternMatcher, which outlives the
// passes that use it. Its fields do not change once a tracer has seen it (a tracer keeps its
// id for the rule in tracer_id); assigning a whole RuleInfo clears that id.
struct RuleInfo {
  std::string text;     // the rule as algebra: "(x*c0)//c0 -> x"
  std::string pattern;  // the pattern as built: "IDIV(MUL(x, c0:CONST), c0:CONST)"
  std::string family;   // the rule family / file stem: "symbolic_div"
  std::string file;     // relative source path: "engine/rewrite/symbolic_div.cpp"
  int line = 0;
  // Unique per rule built in this process (rw::rule() numbers them), so a tracer can tell a
  // different rule at a reused address without comparing texts; 0: none given (the tracer
  // compares the rule's line and text instead). Not part of the rule's content.
  uint64_t serial = 0;
  TracerIdSlot tracer_id = {};  // not part of the rule's content either
};

// A name bound by a pattern and the node it matched.
struct Binding {
  std::string_view name;
  UOpPtr node;
};

struct RewriteEvent {
  const RuleInfo* rule;
  UOpPtr matched;                  // the root the pattern matched
  std::span<const Binding> bound;  // what the pattern's names bound
  UOpPtr replacement;
  int64_t duration_ns;             // the pass's time since its previous step (or its start): matching and building
};

// How one rule did in one pass: tries (its pattern was tested against a node: the matcher
// dispatches by root op and skips rules whose required source ops are absent before that),
// hits (it rewrote the node), and ns (time spent testing its pattern and running its
// function).
struct RuleStat {
  const RuleInfo* rule;
  int64_t tries = 0, hits = 0, ns = 0;
};

struct RunInfo {
  std::string command;        // "run", "schedule", "simplify"...
  std::string program_path;   // may be empty (e.g. simplify)
  std::string program_text;   // the whole program, so the trace stands alone
  std::vector<std::pair<std::string, std::string>> options;  // name -> value, in order
  std::string engine_version;
  bool operator==(const RunInfo&) const = default;
};

// A scheduling decision about one node: why it became (or did not become) a buffer.
struct DecisionRecord {
  UOpPtr node;
  std::string decision;  // "realize", "fuse", ...
  std::string reason;    // a documented reason code: "output", "explicit_contiguous", ...
  std::string detail;    // human text
};

struct KernelRecord {
  std::string name;            // "E_4_16", "r_8_16"
  UOpPtr ast = nullptr;        // the kernel's AST (SINK of STOREs)
  std::string linear;          // linear UOps, one per line
  std::string c_source;
  std::string llvm_ir;
  double compile_ms = 0;
  int64_t flops = 0;
  int64_t bytes = 0;
  std::vector<UOpPtr> computes;  // tensor-graph nodes this kernel computes
};

struct TimingRecord {
  std::string kernel;
  int iterations = 0;
  double min_us = 0;
  double median_us = 0;
};

struct CheckRecord {
  std::string kernel;
  std::string buffer;
  bool ok = true;
  double max_abs_err = 0;
  double max_rel_err = 0;
  int64_t mismatches = 0;
  int64_t first_bad_index = -1;
  double got = 0, want = 0;   // at first_bad_index
  std::string detail;
};

// An input or output array of the run.
struct BufferRecord {
  std::string name;
  std::string role;           // "input" | "output"
  std::string dtype;          // "float32"
  std::vector<int64_t> shape;
  std::string_view data;      // raw little-endian C-order bytes (may be empty if too large)
  std::string path;           // where it was loaded from / saved to, if any
  std::string sha256;         // of the data, always filled when data is known
};

enum class LogLevel { Debug, Info, Warning, Error };

class Tracer {
 public:
  virtual ~Tracer() = default;
  // False for the null tracer: callers skip building events (and timing rewrites) entirely.
  virtual bool active() const { return false; }

  virtual void begin_run(const RunInfo&) {}
  virtual void end_run(bool /*ok*/) {}

  // Passes nest: a begin_pass inside another pass is its child. kind: "schedule", "codegen",
  // "rewrite", "group"...
  virtual void begin_pass(std::string_view /*name*/, std::string_view /*kind*/, UOpPtr /*input*/) {}
  // Ends the innermost open pass. rules: how each rule the pass tried did, in its matcher's
  // order (a traced graph_rewrite reports them; rules never tried are left out). Part of the
  // end rather than an event of its own: the counts are known only when the pass ends, and
  // a tracer stores them with the pass's end.
  virtual void end_pass(UOpPtr /*output*/, bool /*ok*/, std::string_view /*error*/ = {}, std::span<const RuleStat> /*rules*/ = {}) {}

  virtual void on_rewrite(const RewriteEvent&) {}
  virtual void on_decision(const DecisionRecord&) {}
  virtual void on_kernel(const KernelRecord&) {}
  virtual void on_timing(const TimingRecord&) {}
  virtual void on_check(const CheckRecord&) {}
  virtual void on_buffer(const BufferRecord&) {}
  virtual void log(LogLevel, std::string_view /*text*/) {}

  // Writes what is buffered (end of a batch); the file stays open.
  virtual void flush() {}
};

// The tracer the engine reports to on this thread (a shared null tracer when none is set).
Tracer& current_tracer();

// Installs a tracer for the current thread for the lifetime of the scope.
class TracerScope {
 public:
  explicit TracerScope(Tracer& t);
  ~TracerScope();
  TracerScope(const TracerScope&) = delete;
  TracerScope& operator=(const TracerScope&) = delete;

 private:
  Tracer* previous_;
};

// RAII pass marker: begin_pass now, end_pass(output) on finish() or end_pass(failed) if the
// scope is left by an exception.
class PassScope {
 public:
  PassScope(std::string_view name, std::string_view kind, UOpPtr input);
  ~PassScope();
  // rules: the pass's rule counts (Tracer::end_pass).
  void finish(UOpPtr output, std::span<const RuleStat> rules = {});
  // Ends the pass as failed with this error text (what the user reads on the failing pass).
  void fail(std::string_view error, std::span<const RuleStat> rules = {});

 private:
  Tracer& tracer_;
  bool finished_ = false;
};

}  // namespace rw
