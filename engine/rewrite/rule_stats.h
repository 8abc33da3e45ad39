// A traced pass's per-rule counters, handed to the tracer with the pass's end.
#pragma once
#include <span>

#include "engine/rewrite/pattern_matcher.h"
#include "engine/trace/tracer.h"

namespace rw {

// The counters the pass touched as RuleStats, in the order of pm.rules(), ticks turned into
// nanoseconds at `ns_per_tick`; rules never tried are left out. The span is valid until the
// thread's next call (a buffer reused per thread: this runs once per pass, and passes are
// often short).
std::span<const RuleStat> rule_stats(const PatternMatcher& pm, const PatternMatcher::PassCounters& counts, double ns_per_tick);

}  // namespace rw
