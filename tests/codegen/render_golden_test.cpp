// The rendered C and LLVM IR of one small kernel, against files reviewed by hand: rendering
// must stay readable and stable (names in program order, floor division helpers, the gated
// read). Set REWIND_UPDATE_GOLDEN=1 to rewrite the files after an intended change, and review
// the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "engine/codegen/codegen.h"
#include "tests/support/kernel_builder.h"

namespace rw::testing {
namespace {

// y[i] = (i >= 2 ? x[i-2] : 0) // -3 over int32: a padded read and a floor division.
KernelProgram padded_floordiv(Arena& a) {
  KernelBuilder k(a);
  DType i32 = DType::int32();
  UOpPtr r0 = k.loop(0, 8), y = k.global(0, i32, 8), x = k.global(1, i32, 8);
  UOpPtr v = k.load(x, r0->add(-2), k.idx(1)->lt(r0));
  CodegenOptions o;
  o.opts = OptSet::none();
  return codegen_kernel(k.sink({k.store(y, r0, k.alu(Op::IDIV, i32, {v, k.i32(-3)}), {r0})}), "E_8", o);
}

void expect_golden(const std::string& file, const std::string& actual) {
  std::string path = std::string(REWIND_FIXTURE_DIR) + "/codegen/" + file;
  if (std::getenv("REWIND_UPDATE_GOLDEN")) {
    std::ofstream(path) << actual;
    return;
  }
  std::ifstream in(path);
  ASSERT_TRUE(in) << "missing golden file " << path << " (run with REWIND_UPDATE_GOLDEN=1 to create it); actual:\n" << actual;
  std::stringstream want;
  want << in.rdbuf();
  EXPECT_EQ(actual, want.str()) << "rendering of " << file << " changed; if intended, rerun with REWIND_UPDATE_GOLDEN=1 and review the diff";
}

TEST(RenderGolden, CSource) {
  Arena a;
  expect_golden("E_8.c", padded_floordiv(a).c_source);
}

TEST(RenderGolden, LlvmIr) {
  Arena a;
  expect_golden("E_8.ll", padded_floordiv(a).llvm_ir);
}

// The same kernel renders the same text whatever else the arena holds.
TEST(RenderGolden, IndependentOfArenaHistory) {
  Arena a, b;
  KernelBuilder(b).global(5, DType::float64(), 100);
  for (int i = 0; i < 50; ++i) b.index_const(1000 + i);
  KernelProgram p = padded_floordiv(a), q = padded_floordiv(b);
  EXPECT_EQ(p.c_source, q.c_source);
  EXPECT_EQ(p.llvm_ir, q.llvm_ir);
}

}  // namespace
}  // namespace rw::testing
