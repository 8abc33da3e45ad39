// Codegen for one kernel: the kernel AST (docs/kernel-ast.md) through optimization,
// lowering, linearization, and the two renderers. Every step is a named, traced pass inside
// one "codegen <kernel>" pass.
//
//   KernelProgram p = codegen_kernel(kernel.ast, kernel.name, options);
//   p.linear      the linear program (verify_program accepts it)
//   p.c_source    C-like source, for reading
//   p.llvm_ir     LLVM IR defining `void @<p.symbol>(ptr %bufs)`, bufs[i] = DEFINE_GLOBAL slot i
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/codegen/options.h"
#include "engine/ir/uop.h"

namespace rw {

class CodegenError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct KernelProgram {
  std::string name;                 // the kernel's name ("r_4_16")
  std::string symbol;               // the function's symbol in llvm_ir
  UOpPtr ast = nullptr;             // as given
  UOpPtr lowered = nullptr;         // after optimization and lowering (Stage::Lowered)
  std::vector<UOpPtr> linear;       // the program, ending with its SINK
  std::vector<DType> params;        // DEFINE_GLOBAL slot i's pointer dtype
  std::string linear_text;          // print_linear(linear)
  std::string c_source;
  std::string llvm_ir;
  int64_t flops = 0;                // arithmetic on values (not addresses), every iteration counted
  int64_t bytes = 0;                // global memory touched: per buffer, min(accesses, size) elements
  double codegen_ms = 0;            // optimization to rendering
};

// `symbol` names the LLVM function; empty: the kernel name. The JIT needs names unique in
// one session, so runners pass their own.
KernelProgram codegen_kernel(UOpPtr ast, const std::string& name, const CodegenOptions& options = {}, std::string symbol = "");

// The lowering passes alone (used by codegen_kernel; exposed for tests and the viewer).
UOpPtr lower_kernel(UOpPtr ast, const std::string& name, const CodegenOptions& options);

}  // namespace rw
