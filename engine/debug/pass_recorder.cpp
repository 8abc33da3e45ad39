#include "engine/debug/pass_recorder.h"

namespace rw {

void PassRecorder::begin_run(const RunInfo& r) {
  passes_.clear();
  timeline_.clear();
  open_.clear();
  ForwardingTracer::begin_run(r);
}

void PassRecorder::begin_pass(std::string_view name, std::string_view kind, UOpPtr input) {
  RecordedPass p;
  p.seq = int64_t(passes_.size()) + 1;
  p.parent = open_.empty() ? -1 : open_.back();
  p.name = std::string(name);
  p.kind = std::string(kind);
  p.input = input;
  if (p.parent >= 0) p.parent_steps = int64_t(passes_[size_t(p.parent)].steps.size());
  p.begin_at = timeline_.size();
  passes_.push_back(std::move(p));
  open_.push_back(int(passes_.size()) - 1);
  timeline_.push_back({open_.back(), 0});
  ForwardingTracer::begin_pass(name, kind, input);
}

void PassRecorder::end_pass(UOpPtr output, bool ok, std::string_view error, std::span<const RuleStat> rules) {
  if (!open_.empty()) {
    RecordedPass& p = passes_[size_t(open_.back())];
    p.output = output;
    p.ended = true;
    p.end_at = timeline_.size();
    open_.pop_back();
  }
  ForwardingTracer::end_pass(output, ok, error, rules);
}

void PassRecorder::on_pass_begin(std::string_view pass, const PatternMatcher& rules) {
  if (!open_.empty() && passes_[size_t(open_.back())].name == pass) passes_[size_t(open_.back())].rules = &rules;
}

void PassRecorder::on_rewrite(const RewriteEvent& e) {
  // The trace gives rewrites outside any pass an implicit pass; the engine's rewrites always
  // run inside graph_rewrite's own pass, so there is one to add the step to.
  if (!open_.empty()) {
    RecordedPass& p = passes_[size_t(open_.back())];
    p.steps.push_back({e.rule, e.matched, e.replacement});
    timeline_.push_back({open_.back(), int64_t(p.steps.size())});
  }
  ForwardingTracer::on_rewrite(e);
}

}  // namespace rw
