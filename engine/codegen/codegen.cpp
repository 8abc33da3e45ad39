#include "engine/codegen/codegen.h"

#include <chrono>

#include "engine/codegen/kernel_stats.h"
#include "engine/codegen/linearize.h"
#include "engine/codegen/lowering.h"
#include "engine/codegen/optimize.h"
#include "engine/codegen/render.h"
#include "engine/rewrite/pattern_matcher.h"
#include "engine/ir/verify.h"
#include "engine/rewrite/graph_rewrite.h"
#include "engine/rewrite/symbolic.h"
#include "engine/trace/tracer.h"

namespace rw {

UOpPtr lower_kernel(UOpPtr ast, const std::string& name, const CodegenOptions& options) {
  // Built once: the trace refers to rules by address, so matchers outlive every pass.
  static const PatternMatcher lower_reduce = lower_reduce_fault_rules() + lower_reduce_rules(), lower_memory = lower_memory_rules(),
                              lower_index_dtype = lower_index_dtype_rules();
  FaultScope faults(options.faults);  // for the symbolic simplifier's fault rules, which get no context
  UOpPtr k = graph_rewrite(ast, symbolic(), "simplify indices");
  k = optimize_kernel(k, options);
  LoweringContext ctx;
  ctx.faults = options.faults;
  k = graph_rewrite(k, lower_reduce, ctx, "lower reduce");
  k = graph_rewrite(k, lower_memory, ctx, "lower memory");
  ctx.index_dtype = choose_index_dtype(k);
  k = graph_rewrite(k, lower_index_dtype, ctx, "lower index dtype");
  if (options.verify) verify_graph_or_throw(k, Stage::Lowered, "lower " + name, 0);
  return k;
}

KernelProgram codegen_kernel(UOpPtr ast, const std::string& name, const CodegenOptions& options, std::string symbol) {
  auto start = std::chrono::steady_clock::now();
  PassScope pass("codegen " + name, "codegen", ast);
  FaultScope faults(options.faults);
  KernelProgram p;
  p.name = name;
  p.symbol = symbol.empty() ? name : std::move(symbol);
  p.ast = ast;
  p.lowered = lower_kernel(ast, name, options);
  p.linear = linearize(p.lowered, name, options.faults);
  if (options.verify) {
    std::vector<Violation> bad = verify_program(p.linear);
    if (!bad.empty())
      throw CodegenError("kernel " + name + ": the linear program is invalid: " + bad.front().to_string() + " [rule " + bad.front().rule + "]" +
                         (bad.size() > 1 ? " and " + std::to_string(bad.size() - 1) + " more" : ""));
  }
  for (UOpPtr n : p.linear)
    if (n->op == Op::DEFINE_GLOBAL) {
      size_t slot = size_t(n->arg.get<int64_t>());
      if (p.params.size() <= slot) p.params.resize(slot + 1);
      p.params[slot] = n->dtype;
    }
  p.linear_text = print_linear(p.linear);
  p.c_source = render_c(p.linear, p.symbol, options.checked);
  p.llvm_ir = render_llvm_ir(p.linear, p.symbol, options.faults, options.checked);
  KernelStats st = kernel_stats(p.linear);
  p.flops = st.flops;
  p.bytes = st.bytes;
  p.codegen_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  pass.finish(p.lowered);
  return p;
}

}  // namespace rw
