// A traced pass's per-rule counters, handed to the tracer when the pass ends.
#pragma once
#include <span>

#include "engine/rewrite/pattern_matcher.h"
#include "engine/trace/tracer.h"

namespace rw {

// Reports counters (indexed like pm.rules()) as the pass's RuleStats, ticks turned into
// nanoseconds at `ns_per_tick`; rules never tried are left out.
void report_rule_stats(Tracer& tracer, const PatternMatcher& pm, std::span<const PatternMatcher::RuleCounter> counters, double ns_per_tick);

}  // namespace rw
