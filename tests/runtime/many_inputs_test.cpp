// many_inputs.tg through the compiled path (LLVM JIT) under a buffer limit: every kernel
// takes at most the limit's inputs and every realized buffer, the partial sums too, checks
// right against the reference.
#include <gtest/gtest.h>

#include "engine/ir/arena.h"
#include "engine/runtime/compiled_program.h"

namespace rw {
namespace {

TEST(ManyInputs, CompiledKernelsObeyTheLimitAndCheckRight) {
  for (int64_t limit : {16, 3}) {
    Arena arena;
    Program p = load_program(arena, std::filesystem::path(REWIND_SOURCE_DIR) / "resources/examples/many_inputs.tg");
    CompiledOptions o;
    o.schedule.max_buffers = limit;
    o.run.warmup = 0;
    o.run.iterations = 1;
    CompiledRun r = run_compiled(p, o);
    EXPECT_TRUE(r.failures().empty()) << limit << ": " << r.failures().front();
    ASSERT_GT(r.schedule.kernels.size(), 1u);
    for (const KernelRun& k : r.result.kernels) EXPECT_LE(int64_t(k.program.params.size()) - 1, limit) << k.program.name;
    EXPECT_EQ(r.result.checks.size(), r.schedule.kernels.size());  // one check per written buffer
  }
}

}  // namespace
}  // namespace rw
