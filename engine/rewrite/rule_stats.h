// A traced pass's per-rule counters, handed to the tracer when the pass ends.
#pragma once
#include "engine/rewrite/pattern_matcher.h"
#include "engine/trace/tracer.h"

namespace rw {

// Reports the counters the pass touched as its RuleStats, in the order of pm.rules(), ticks
// turned into nanoseconds at `ns_per_tick`; rules never tried are left out.
void report_rule_stats(Tracer& tracer, const PatternMatcher& pm, const PatternMatcher::PassCounters& counts, double ns_per_tick);

}  // namespace rw
