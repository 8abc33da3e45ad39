#include "engine/runtime/jit.h"

#include <llvm/ExecutionEngine/Orc/ExecutionUtils.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/ExecutionEngine/Orc/ThreadSafeModule.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>
#include <llvm/IRReader/IRReader.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/SourceMgr.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Target/TargetMachine.h>

#include <mutex>

namespace rw {

namespace {
std::string message(llvm::Error e) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << e;
  return s;
}

void init_llvm() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    llvm::InitializeNativeTargetAsmParser();
  });
}
}  // namespace

struct Jit::Impl {
  std::unique_ptr<llvm::orc::LLJIT> jit;
  std::unique_ptr<llvm::TargetMachine> tm;  // for the optimizer's cost models
};

Jit::Jit() : impl_(std::make_unique<Impl>()) {
  init_llvm();
  auto jtmb = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!jtmb) throw JitError("cannot detect the host for the LLVM JIT: " + message(jtmb.takeError()));
  jtmb->setCodeGenOptLevel(llvm::CodeGenOptLevel::Default);  // -O2 code generation
  auto tm = jtmb->createTargetMachine();
  if (!tm) throw JitError("cannot create an LLVM target machine: " + message(tm.takeError()));
  impl_->tm = std::move(*tm);
  auto jit = llvm::orc::LLJITBuilder().setJITTargetMachineBuilder(std::move(*jtmb)).create();
  if (!jit) throw JitError("cannot create the LLVM JIT: " + message(jit.takeError()));
  impl_->jit = std::move(*jit);
  // libm and libc from this process: the float intrinsics lower to expf, sinf, ...
  auto gen = llvm::orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(impl_->jit->getDataLayout().getGlobalPrefix());
  if (!gen) throw JitError("cannot make process symbols visible to the JIT: " + message(gen.takeError()));
  impl_->jit->getMainJITDylib().addGenerator(std::move(*gen));
}

Jit::~Jit() = default;

Jit::KernelFn Jit::compile(const std::string& llvm_ir, const std::string& symbol) {
  auto ctx = std::make_unique<llvm::LLVMContext>();
  llvm::SMDiagnostic diag;
  auto buffer = llvm::MemoryBuffer::getMemBuffer(llvm_ir, symbol, false);
  std::unique_ptr<llvm::Module> mod = llvm::parseIR(buffer->getMemBufferRef(), diag, *ctx);
  if (!mod) {
    std::string s;
    llvm::raw_string_ostream os(s);
    diag.print(symbol.c_str(), os);
    throw JitError("kernel " + symbol + ": the LLVM IR does not parse: " + s);
  }
  std::string verify_errors;
  llvm::raw_string_ostream vos(verify_errors);
  if (llvm::verifyModule(*mod, &vos)) throw JitError("kernel " + symbol + ": the LLVM IR is invalid: " + verify_errors);
  mod->setDataLayout(impl_->jit->getDataLayout());
  mod->setTargetTriple(impl_->jit->getTargetTriple().str());

  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder pb(impl_->tm.get());
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  pb.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O2).run(*mod, mam);

  if (auto err = impl_->jit->addIRModule(llvm::orc::ThreadSafeModule(std::move(mod), std::move(ctx))))
    throw JitError("kernel " + symbol + ": the JIT rejected the module: " + message(std::move(err)));
  auto sym = impl_->jit->lookup(symbol);
  if (!sym) throw JitError("kernel " + symbol + ": compiling failed: " + message(sym.takeError()));
  return sym->toPtr<KernelFn>();
}

}  // namespace rw
