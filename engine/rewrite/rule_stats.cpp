#include "engine/rewrite/rule_stats.h"

#include <vector>

#include "engine/rewrite/tick_clock.h"

namespace rw {

std::span<const RuleStat> rule_stats(const PatternMatcher& pm, const PatternMatcher::PassCounters& counts, double ns_per_tick) {
  thread_local std::vector<RuleStat> stats;
  stats.clear();
  const auto& rules = pm.rules();
  counts.for_each_touched([&](uint32_t k) {
    const PatternMatcher::RuleCounter& c = counts.counters[k];
    if (k < rules.size()) stats.push_back({&rules[k]->info, c.tries, c.hits, ticks_to_ns(c.ticks, ns_per_tick)});
  });
  return stats;
}

}  // namespace rw
