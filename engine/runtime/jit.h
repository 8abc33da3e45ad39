// The in-process LLVM JIT (ORC LLJIT): LLVM IR text in, a callable kernel out. Each module
// gets its own ThreadSafeContext; modules are optimized with the -O2 pipeline before code
// generation; libm and the C library resolve from the running process (expf, sinf...).
// LLVM headers stay inside jit.cpp.
#pragma once
#include <memory>
#include <stdexcept>
#include <string>

namespace rw {

class JitError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Jit {
 public:
  // The kernel ABI: bufs[i] is the buffer bound to DEFINE_GLOBAL slot i.
  using KernelFn = void (*)(void** bufs);

  Jit();
  ~Jit();
  Jit(const Jit&) = delete;
  Jit& operator=(const Jit&) = delete;

  // Parses, verifies, optimizes (-O2) and compiles `llvm_ir`, returning `symbol`. Symbols
  // must be unique within one Jit. Throws JitError with LLVM's message and the kernel name.
  KernelFn compile(const std::string& llvm_ir, const std::string& symbol);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rw
