#include "engine/rewrite/rule_stats.h"

#include <vector>

namespace rw {

void report_rule_stats(Tracer& tracer, const PatternMatcher& pm, std::span<const PatternMatcher::RuleCounter> counters, double ns_per_tick) {
  // Reused per thread: a pass is often short, and this runs once per pass.
  thread_local std::vector<RuleStat> stats;
  stats.clear();
  const auto& rules = pm.rules();
  for (size_t i = 0; i < counters.size() && i < rules.size(); ++i)
    if (counters[i].tries)
      stats.push_back({&rules[i]->info, counters[i].tries, counters[i].hits, int64_t(double(counters[i].ticks) * ns_per_tick + 0.5)});
  tracer.on_rule_stats(stats);
}

}  // namespace rw
