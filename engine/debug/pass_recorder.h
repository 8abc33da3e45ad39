// Records in memory what a run does to its graphs, as the nodes themselves: every pass in
// begin order (numbered the way the trace numbers a run's passes), its input and output, and
// every step (rule, matched node, replacement). Bisection rebuilds snapshots from this.
#pragma once
#include <string>
#include <vector>

#include "engine/debug/forwarding_tracer.h"
#include "engine/rewrite/graph_rewrite.h"

namespace rw {

struct RecordedStep {
  const RuleInfo* rule = nullptr;
  UOpPtr matched = nullptr, replacement = nullptr;
};

struct RecordedPass {
  int64_t seq = 0;          // begin order within the run, from 1 (the trace's passes.seq)
  int parent = -1;          // index of the enclosing pass (-1: none)
  std::string name, kind;
  UOpPtr input = nullptr, output = nullptr;
  // For a pass that began inside another pass: the steps the parent had taken by then. A
  // pass nested in a rewrite pass runs inside one of the parent's rules, so it belongs to
  // the parent's next step (parent_steps + 1).
  int64_t parent_steps = 0;
  std::vector<RecordedStep> steps;
  bool ended = false;
  // A rewrite pass's rules (matchers live as long as the program: see codegen.cpp), when
  // the recorder was also installed as a RewriteObserver.
  const PatternMatcher* rules = nullptr;
  // Where the pass began and ended in the timeline: the timeline's length at those moments.
  size_t begin_at = 0, end_at = 0;
};

// One moment of the run, in the order things happened: a pass began (step 0) or a pass took
// its step `step`.
struct TimelineEntry {
  int pass = 0;  // index into passes()
  int64_t step = 0;
};

// Install as the tracer (TracerScope); also as a RewriteObserver to learn each rewrite pass's
// rules.
class PassRecorder : public ForwardingTracer, public RewriteObserver {
 public:
  explicit PassRecorder(Tracer* next = nullptr) : ForwardingTracer(next) {}

  void on_step(std::string_view, int64_t, const Rule&, UOpPtr, UOpPtr) override {}
  void on_pass_begin(std::string_view pass, const PatternMatcher& rules) override;

  void begin_run(const RunInfo& r) override;
  void begin_pass(std::string_view name, std::string_view kind, UOpPtr input) override;
  void end_pass(UOpPtr output, bool ok, std::string_view error, std::span<const RuleStat> rules) override;
  void on_rewrite(const RewriteEvent& e) override;

  const std::vector<RecordedPass>& passes() const { return passes_; }
  const std::vector<TimelineEntry>& timeline() const { return timeline_; }

 private:
  std::vector<RecordedPass> passes_;
  std::vector<TimelineEntry> timeline_;
  std::vector<int> open_;  // indices of the passes under way, innermost last
};

}  // namespace rw
