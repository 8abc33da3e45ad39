// The path `rewind run` takes: a .tg program's reference values (evaluate_reference) become
// the expected values of a schedule's outputs, matched by name. The schedule is built by hand
// here, as the scheduler would for `y = x.sum(axis=1)`.
#include <gtest/gtest.h>

#include "engine/frontend/program.h"
#include "engine/reference/program_reference.h"
#include "engine/runtime/run_schedule.h"
#include "tests/support/kernel_builder.h"

namespace rw::testing {
namespace {

TEST(ReferencePath, ProgramOutputsCheckAgainstTheReferenceInterpreter) {
  Arena arena;
  Program program = build_program(arena, "x = tensor([[1.5, -2.0, 3.0], [4.0, 0.5, -6.25]])\ny = x.sum(axis=1)\noutput(y)\n", "sum.tg", ".");
  ASSERT_EQ(program.buffers().size(), 1u);

  Schedule s;
  s.buffers.push_back(ScheduleBuffer{0, DType::float32(), 6, ScheduleBuffer::Role::Input, 0, "buf0", {2, 3}, nullptr, "input"});
  s.buffers.push_back(ScheduleBuffer{1, DType::float32(), 2, ScheduleBuffer::Role::Output, -1, "y", {2}, nullptr, "output"});
  KernelBuilder k(arena);
  UOpPtr r0 = k.loop(0, 2), r1 = k.reduce_range(1, 3), out = k.global(0, DType::float32(), 2), in = k.global(1, DType::float32(), 6);
  UOpPtr ast = k.sink({k.store(out, r0, k.reduce(Op::ADD, k.load(in, r0->mul(3)->add(r1)), {r1}), {r0})});
  s.kernels.push_back(ScheduledKernel{"r_2_3", ast, {1, 0}, {}});

  RunOptions o;
  o.expected = expected_outputs(s, evaluate_reference(program));
  ASSERT_EQ(o.expected.size(), 1u);
  RunResult r = run_schedule(s, program.buffers(), o);
  ASSERT_EQ(r.checks.size(), 1u);
  EXPECT_TRUE(r.checks[0].ok) << r.checks[0].detail;
  EXPECT_EQ(r.checks[0].kernel, "r_2_3");
  EXPECT_EQ(r.outputs(s).at(0).second.data, (std::vector<double>{2.5, -1.75}));
  EXPECT_EQ(r.outputs(s).at(0).second.shape, (IntTuple{2}));
}

}  // namespace
}  // namespace rw::testing
