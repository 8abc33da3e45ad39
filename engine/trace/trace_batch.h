// What the engine thread hands to the trace writer thread: compact copies of tracer events.
// Steps hold node pointers, not copies: nodes are immutable and live as long as their arena,
// which outlives the tracer's close(). Everything else (strings, rules) is copied, because
// its owner may be gone by the time the writer gets to it.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "engine/trace/tracer.h"

namespace rw::trace_detail {

struct StepRec {
  int64_t pass_id;
  int64_t step;          // 1-based within the pass
  uint32_t rule_id;      // tracer-assigned, announced by a NewRule before first use
  uint32_t bound_begin;  // range in Batch::bound
  uint32_t bound_count;
  UOpPtr matched;
  UOpPtr replacement;
  int64_t duration_ns;
};

struct BoundRec {
  uint32_t name_id;  // tracer-assigned, announced by a NewName before first use
  UOpPtr node;
};

// One rule's counts in one pass (RuleStat with the rule as its tracer-assigned id).
struct RuleStatRec {
  uint32_t rule_id;
  int64_t tries, hits, ns;
};
// Where a pass's rule counts are in Batch::rule_stats (count 0: none reported).
struct StatsRange {
  uint32_t begin = 0, count = 0;
};

// The run's description is Batch::run_infos[info]: runs in one batch that describe themselves
// alike (a process scheduling one program again and again) share one copy.
struct RunBegin { int64_t run_id; uint32_t info; int64_t time_ns; };
struct RunEnd { int64_t run_id; bool ok; int64_t time_ns; };
struct PassBegin {
  int64_t pass_id, run_id, parent_id /* 0 = none */, seq, depth;
  std::string name, kind;
  UOpPtr input;
  int64_t time_ns;
};
struct PassEnd { int64_t pass_id; UOpPtr output; bool ok; std::string error; int64_t step_count; int64_t time_ns; StatsRange stats; };
// A rule used for the first time in this trace (by any run).
struct NewRule { uint32_t rule_id; RuleInfo info; };
struct NewName { uint32_t name_id; std::string name; };
// A realize/fuse decision: its decision and reason as tracer-assigned name ids (a handful of
// words, announced by NewName), its detail in Batch::text, so recording one allocates nothing.
struct Decision {
  int64_t run_id, pass_id;
  UOpPtr node;
  uint32_t decision, reason;
  uint32_t detail_begin, detail_size;  // in Batch::text
};
// rec.computes stays empty: the nodes are Batch::nodes[computes_begin, +computes_count), so
// a scheduling run's kernels allocate nothing.
struct Kernel {
  int64_t run_id, pass_id;
  KernelRecord rec;
  uint32_t computes_begin, computes_count;
};
struct Timing { int64_t run_id; TimingRecord rec; };
struct Check { int64_t run_id; CheckRecord rec; };
struct Buffer {
  int64_t run_id;
  std::string name, role, dtype, path, sha256;
  std::vector<int64_t> shape;
  int64_t size_bytes;
  bool has_data;  // false when the data was over the size limit or unknown
  std::string data;
};
struct Log { int64_t run_id, pass_id; LogLevel level; std::string text; int64_t time_ns; };

// A pass beginning or ending, the commonest event after steps: kept inline in the batch with
// its names as tracer-assigned ids (announced by NewName), so the engine thread allocates
// nothing for it. A pass that ends with an error text is sent as a PassEnd event instead, and
// so is a mark whose numbers do not fit the narrow fields below (never in practice).
// 64 bytes: a small scheduling run writes a few dozen marks, and at 104 bytes a mark they
// cost its engine thread about 0.3 us more (schedule_bench, sum_axis).
struct PassMark {
  UOpPtr node;  // begin: input; end: output (may be null)
  int64_t pass_id;
  int64_t time_ns;
  uint32_t at_step;   // steps before it in the batch
  uint32_t at_event;  // events before it in the batch
  bool begin;
  bool ok;  // end only
  struct Begin {
    uint32_t run_id, seq, name_id, kind_id;
    uint32_t parent_back;  // pass_id - parent id; 0: no parent
    uint16_t depth;
  };
  struct End {
    uint32_t step_count;
    uint32_t stats_begin, stats_count;  // a StatsRange
  };
  union {
    Begin b;
    End e;
  };
  int64_t parent_id() const { return b.parent_back ? pass_id - int64_t(b.parent_back) : 0; }  // begin only
};
static_assert(sizeof(PassMark) <= 64);

using Event = std::variant<RunBegin, RunEnd, PassBegin, PassEnd, NewRule, NewName, Decision, Kernel, Timing, Check, Buffer, Log>;

// Steps, pass marks and the rarer events in one ordered stream: events[i].first is the
// number of steps that came before events[i], and a pass mark says how many steps and events
// came before it, so the writer can interleave them exactly.
struct Batch {
  std::vector<StepRec> steps;
  std::vector<BoundRec> bound;
  std::vector<PassMark> passes;
  std::vector<RuleStatRec> rule_stats;  // referred to by pass ends
  // By value: a batch is reused, so its events' room is allocated once, not once per event.
  std::vector<std::pair<size_t, Event>> events;
  std::string text;  // texts events refer to by offset (decision details)
  std::vector<RunInfo> run_infos;  // referred to by RunBegin
  std::vector<UOpPtr> nodes;       // node lists events refer to by offset (a kernel's computes)
  uint64_t seq = 0;  // hand-off order, for flush()
  bool empty() const { return steps.empty() && events.empty() && passes.empty(); }
  void clear() {
    steps.clear();
    bound.clear();
    passes.clear();
    rule_stats.clear();
    events.clear();
    text.clear();
    run_infos.clear();
    nodes.clear();
  }
};

}  // namespace rw::trace_detail
