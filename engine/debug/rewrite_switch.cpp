#include "engine/debug/rewrite_switch.h"

namespace rw {

void RewriteSwitch::begin_run(const RunInfo& r) {
  seq_ = 0;
  open_.clear();
  ForwardingTracer::begin_run(r);
}

void RewriteSwitch::begin_pass(std::string_view name, std::string_view kind, UOpPtr input) {
  open_.push_back({++seq_, 0});
  ForwardingTracer::begin_pass(name, kind, input);
}

void RewriteSwitch::end_pass(UOpPtr output, bool ok, std::string_view error, std::span<const RuleStat> rules) {
  if (!open_.empty()) open_.pop_back();
  ForwardingTracer::end_pass(output, ok, error, rules);
}

void RewriteSwitch::on_rewrite(const RewriteEvent& e) {
  if (!open_.empty()) ++open_.back().steps;
  ForwardingTracer::on_rewrite(e);
}

bool RewriteSwitch::names_rule(const RuleInfo& rule, const std::string& spec) {
  if (spec == rule.text) return true;
  return !rule.file.empty() && spec == rule.file + ":" + std::to_string(rule.line);
}

bool RewriteSwitch::allow(const Rule& rule, UOpPtr matched, UOpPtr) {
  for (const std::string& spec : settings_.disabled_rules)
    if (names_rule(rule.info, spec)) {
      ++refused_;
      return false;
    }
  if (skipped_ || !settings_.skip_step || open_.empty()) return true;
  const Frame& f = open_.back();
  if (f.seq != settings_.skip_step->first || f.steps + 1 != settings_.skip_step->second) return true;
  // Only the first candidate for that step number is left out: the next rewrite the pass
  // takes is numbered the same, and must be taken.
  skipped_ = true;
  skipped_rule_ = rule.info.text + " on " + matched->summary();
  return false;
}

}  // namespace rw
