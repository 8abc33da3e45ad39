// The scheduler's rule families, one per file. Internal to engine/schedule.
#pragma once
#include "engine/rewrite/pattern_matcher.h"

namespace rw::sched {

PatternMatcher cleanup_rules();            // early cleanups (cleanup_rules.cpp)
PatternMatcher rangeify_fault_rules();     // deliberately wrong variants; ctx RangeifyContext (rangeify_faults.cpp)
PatternMatcher rangeify_movement_rules();  // movement ops as index arithmetic (rangeify_movement.cpp)
PatternMatcher rangeify_children_rules();  // nodes with several consumers (rangeify_children.cpp)
PatternMatcher rangeify_recompute_rules(); // expensive values an expand would repeat (rangeify_recompute.cpp)
PatternMatcher rangeify_op_rules();        // realize, ALU, reduce, constants (rangeify_ops.cpp)
PatternMatcher bufferize_rules();          // BUFFERIZE -> buffer + STORE (bufferize_rules.cpp)
PatternMatcher split_rules();              // one KERNEL per store (kernel_split.cpp)

}  // namespace rw::sched
