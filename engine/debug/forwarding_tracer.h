// A tracer that passes every event on to another (or drops it), for tracers that watch a run
// on the side: the re-run switch and the pass recorder see what the trace sees, in the same
// order, while the trace itself is written as usual.
#pragma once
#include "engine/trace/tracer.h"

namespace rw {

class ForwardingTracer : public Tracer {
 public:
  explicit ForwardingTracer(Tracer* next = nullptr) : next_(next) {}

  bool active() const override { return true; }
  void begin_run(const RunInfo& r) override { if (next_) next_->begin_run(r); }
  void end_run(bool ok) override { if (next_) next_->end_run(ok); }
  void begin_pass(std::string_view name, std::string_view kind, UOpPtr input) override { if (next_) next_->begin_pass(name, kind, input); }
  void end_pass(UOpPtr output, bool ok, std::string_view error, std::span<const RuleStat> rules) override {
    if (next_) next_->end_pass(output, ok, error, rules);
  }
  void on_rewrite(const RewriteEvent& e) override { if (next_) next_->on_rewrite(e); }
  void on_decision(const DecisionRecord& d) override { if (next_) next_->on_decision(d); }
  void on_kernel(const KernelRecord& k) override { if (next_) next_->on_kernel(k); }
  void on_timing(const TimingRecord& t) override { if (next_) next_->on_timing(t); }
  void on_check(const CheckRecord& c) override { if (next_) next_->on_check(c); }
  void on_buffer(const BufferRecord& b) override { if (next_) next_->on_buffer(b); }
  void log(LogLevel level, std::string_view text) override { if (next_) next_->log(level, text); }
  void flush() override { if (next_) next_->flush(); }

 protected:
  Tracer* next_;
};

}  // namespace rw
