// Switches one rewrite, or every firing of one rule, off while a run is re-run: a tracer (it
// counts passes and steps exactly as the trace numbers them) that is also the thread's
// RewriteGate. Install both:
//
//   RewriteSwitch sw(settings, &trace_writer);
//   TracerScope t(sw);
//   RewriteGateScope g(&sw);
//   ... run the pipeline ...
//   sw.skipped()  // did the switched-off rewrite come up?
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "engine/debug/forwarding_tracer.h"
#include "engine/rewrite/rewrite_gate.h"

namespace rw {

struct SwitchSettings {
  // The step to leave out: the pass's begin order in the run (passes.seq) and the step's
  // number in that pass (from 1).
  std::optional<std::pair<int64_t, int64_t>> skip_step;
  // Rules never to fire, each given as its text ("x*1 -> x") or its location
  // ("engine/rewrite/symbolic_identity.cpp:37").
  std::vector<std::string> disabled_rules;
};

class RewriteSwitch : public ForwardingTracer, public RewriteGate {
 public:
  RewriteSwitch(SwitchSettings settings, Tracer* next) : ForwardingTracer(next), settings_(std::move(settings)) {}

  void begin_run(const RunInfo& r) override;
  void begin_pass(std::string_view name, std::string_view kind, UOpPtr input) override;
  void end_pass(UOpPtr output, bool ok, std::string_view error, std::span<const RuleStat> rules) override;
  void on_rewrite(const RewriteEvent& e) override;
  bool allow(const Rule& rule, UOpPtr matched, UOpPtr replacement) override;

  bool skipped() const { return skipped_; }
  int64_t refused_firings() const { return refused_; }  // rewrites of disabled rules left out
  // The skipped step's rule and node, for the report ("" when it never came up).
  const std::string& skipped_rule() const { return skipped_rule_; }

  // True when `rule` is named by `spec` (its text, or file:line).
  static bool names_rule(const RuleInfo& rule, const std::string& spec);

 private:
  struct Frame {
    int64_t seq = 0, steps = 0;
  };
  SwitchSettings settings_;
  int64_t seq_ = 0;
  std::vector<Frame> open_;
  bool skipped_ = false;
  int64_t refused_ = 0;
  std::string skipped_rule_;
};

}  // namespace rw
