#include "engine/codegen/optimize.h"

#include "engine/rewrite/graph_rewrite.h"
#include "engine/rewrite/symbolic.h"

namespace rw {

UOpPtr optimize_kernel(UOpPtr ast, const CodegenOptions& options) {
  CodegenOptions ctx = options;
  if (options.opts.has("upcast")) {
    static const PatternMatcher upcast = opt_upcast_rules();  // outlives the trace's rule references
    ast = graph_rewrite(ast, upcast, ctx, "opt: upcast");
    ast = graph_rewrite(ast, symbolic(), "opt: simplify upcast indices");
  }
  if (options.opts.has("unroll")) {
    static const PatternMatcher unroll = opt_unroll_rules();  // outlives the trace's rule references
    ast = graph_rewrite(ast, unroll, ctx, "opt: unroll");
    // Substituted indices fold: r*16+2 with r a constant is a constant again.
    ast = graph_rewrite(ast, symbolic(), "opt: simplify unrolled indices");
  }
  return ast;
}

}  // namespace rw
