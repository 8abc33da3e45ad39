// Optimizations on the kernel AST, each behind an option (options.h) and each one rule
// family and one traced pass.
#pragma once
#include "engine/codegen/options.h"
#include "engine/rewrite/pattern_matcher.h"

namespace rw {

PatternMatcher opt_upcast_rules();  // ctx: CodegenOptions
PatternMatcher opt_unroll_rules();  // ctx: CodegenOptions

// Runs the optimizations `options` switches on, in OptSet::known() order.
UOpPtr optimize_kernel(UOpPtr ast, const CodegenOptions& options);

}  // namespace rw
