// The kernel AST contract (docs/kernel-ast.md) on small graphs, node for node, and the
// scheduler's errors.
#include <gtest/gtest.h>

#include "engine/frontend/program.h"
#include "engine/ir/arena.h"
#include "engine/ir/graph.h"
#include "engine/schedule/schedule_program.h"

namespace rw {
namespace {

Program build(Arena& arena, const std::string& text) { return build_program(arena, text, "test.tg", std::filesystem::temp_directory_path()); }

TEST(KernelAst, SumOverAnAxisIsTheDocumentedExample) {
  Arena a;
  Program p = build(a, "x = rand(4, 16, seed=1)\ny = x.sum(axis=1)\noutput(y)\n");
  ScheduleOptions o;
  o.verify = true;
  Schedule s = schedule_program(p, o);
  ASSERT_EQ(s.kernels.size(), 1u);
  EXPECT_EQ(s.kernels[0].name, "r_4_16");
  UOpPtr r0 = a.make(Op::RANGE, DType::index(), {a.index_const(4)}, Arg(IntTuple{0, 0}));
  UOpPtr r1 = a.make(Op::RANGE, DType::index(), {a.index_const(16)}, Arg(IntTuple{1, 1}));
  UOpPtr out = a.make(Op::DEFINE_GLOBAL, DType::pointer(Scalar::Float32, 4), {}, Arg(int64_t(0)));
  UOpPtr in = a.make(Op::DEFINE_GLOBAL, DType::pointer(Scalar::Float32, 64), {}, Arg(int64_t(1)));
  UOpPtr v = a.make(Op::LOAD, DType::float32(), {a.make(Op::INDEX, in->dtype, {in, r0->mul(int64_t(16))->add(r1)})});
  UOpPtr sum = a.make(Op::REDUCE, DType::float32(), {v, r1}, Arg(ReduceArg{Op::ADD, {}}));
  UOpPtr store = a.make(Op::STORE, DType::void_(), {a.make(Op::INDEX, out->dtype, {out, r0}), sum, r0});
  EXPECT_EQ(s.kernels[0].ast, a.sink({store}));
  ASSERT_EQ(s.buffers.size(), 2u);
  EXPECT_EQ(s.buffers[0].name, "y");
  EXPECT_EQ(s.buffers[1].role, ScheduleBuffer::Role::Input);
  EXPECT_EQ(s.kernels[0].globals, (std::vector<int>{0, 1}));
  EXPECT_EQ(s.buffers[0].role, ScheduleBuffer::Role::Output);
  EXPECT_EQ(s.buffers[0].shape, (IntTuple{4}));
}

TEST(KernelAst, LoadsComeFromGlobalsAfterTheOutput) {
  Arena a;
  Program p = build(a, "x = (rand(3, 4, seed=2) * 2).contiguous()\ny = x.T + 1\noutput(y)\n");
  Schedule s = schedule_program(p);
  ASSERT_EQ(s.kernels.size(), 2u);
  EXPECT_EQ(s.kernels[0].name, "E_3_4");
  EXPECT_EQ(s.kernels[1].name, "E_4_3");
  EXPECT_EQ(s.kernels[1].globals.size(), 2u);
  EXPECT_EQ(s.buffers[size_t(s.kernels[1].globals[1])].reason, "explicit_contiguous");
  EXPECT_EQ(s.buffers[size_t(s.kernels[1].globals[0])].name, "y");
  int loads = 0;
  for (UOpPtr n : toposort(s.kernels[1].ast)) loads += n->op == Op::LOAD;
  EXPECT_EQ(loads, 1);
}

TEST(KernelAst, EqualNamesGetSuffixes) {
  Arena a;
  Program p = build(a, "x = rand(3, 4, seed=3)\ny = (x + 1).contiguous()\nz = y * 2\noutput(z)\n");
  Schedule s = schedule_program(p);
  ASSERT_EQ(s.kernels.size(), 2u);
  EXPECT_EQ(s.kernels[0].name, "E_3_4");
  EXPECT_EQ(s.kernels[1].name, "E_3_4n1");
}

TEST(ScheduleErrors, AnOpRangeifyCannotMoveThroughIsUnsupportedNamingNodeAndPass) {
  Arena a;
  UOpPtr buf = a.make(Op::BUFFER, DType::float32(), {}, Arg(IntTuple{0, 4}));
  UOpPtr copy = a.make(Op::COPY, DType::float32(), {buf});
  try {
    schedule_graph(a.sink({copy->add(copy)}), {"y"});
    FAIL() << "expected a ScheduleError";
  } catch (const ScheduleError& e) {
    EXPECT_EQ(e.pass(), "rangeify");
    EXPECT_EQ(e.node(), copy);
    EXPECT_NE(std::string(e.what()).find("unsupported"), std::string::npos) << e.what();
  }
}

TEST(ScheduleErrors, UnknownFusionPolicy) {
  Arena a;
  Program p = build(a, "y = arange(4)\noutput(y)\n");
  ScheduleOptions o;
  o.fusion = "greedy";
  EXPECT_THROW(schedule_program(p, o), std::invalid_argument);
}

}  // namespace
}  // namespace rw

namespace rw {
namespace {

// The same program gives the same kernels every time: names, buffers and ASTs (compared by
// structural hash, across arenas).
TEST(ScheduleDeterminism, SameProgramSameKernels) {
  const std::filesystem::path prog = std::filesystem::path(REWIND_SHARED_DIR) / "bench" / "attention" / "program.tg";
  auto run = [&] {
    Arena a;
    Program p = load_program(a, prog);
    Schedule s = schedule_program(p);
    std::vector<std::string> out;
    for (const ScheduledKernel& k : s.kernels) {
      std::string line = k.name + " " + std::to_string(k.ast->hash);
      for (int g : k.globals) line += " " + std::to_string(g);
      out.push_back(line);
    }
    return out;
  };
  std::vector<std::string> first = run();
  EXPECT_EQ(first.size(), 4u);
  EXPECT_EQ(run(), first);
}

}  // namespace
}  // namespace rw
