// Building whole programs: outputs, saves, inputs, provenance, and the equivalences the
// language promises (methods and functions, keyword and positional arguments, shapes as
// varargs or tuples), which hash-consing turns into node identity.
#include <gtest/gtest.h>

#include <fstream>

#include "engine/frontend/npy.h"
#include "engine/frontend/program.h"
#include "engine/ir/graph.h"
#include "engine/reference/program_reference.h"

namespace rw {
namespace {

Program build(Arena& arena, const std::string& src, const std::filesystem::path& dir = ".") { return build_program(arena, src, "p.tg", dir); }

UOpPtr output_node(const Program& p, const std::string& name) {
  for (const auto& o : p.outputs())
    if (o.name == name) return o.tensor.node();
  ADD_FAILURE() << "no output " << name;
  return nullptr;
}

TEST(Program, OutputNamesBareNamesKeepTheirsOthersAreNumbered) {
  Arena arena;
  Program p = build(arena, "x = arange(4)\ny = x * 2\noutput(y, x + 1, x - 1)\noutput(x)\n");
  ASSERT_EQ(p.outputs().size(), 4u);
  EXPECT_EQ(p.outputs()[0].name, "y");
  EXPECT_EQ(p.outputs()[1].name, "out0");
  EXPECT_EQ(p.outputs()[2].name, "out1");
  EXPECT_EQ(p.outputs()[3].name, "x");
  EXPECT_EQ(p.outputs()[1].loc.to_string(), "p.tg:3:13");  // an operator expression is located at its operator
  UOpPtr sink = p.sink();
  EXPECT_EQ(sink->op, Op::SINK);
  EXPECT_EQ(sink->src.size(), 4u);
}

TEST(Program, MethodsFunctionsKeywordsAndShapesAreInterchangeable) {
  Arena arena;
  Program p = build(arena,
                    "x = arange(12).reshape(3, 4).float()\n"
                    "a = x.exp()\nb = exp(x)\n"
                    "c = x.cumsum(1)\nd = cumsum(x, axis=1)\n"
                    "e = x.reshape(4, 3)\nf = x.reshape((4, 3))\n"
                    "g = x.sum(axis=-1, keepdim=True)\nh = sum(x, 1, True)\n"
                    "i = x.T\nj = x.transpose()\n"
                    "output(a, b, c, d, e, f, g, h, i, j)\n");
  for (auto [l, r] : {std::pair{"a", "b"}, {"c", "d"}, {"e", "f"}, {"g", "h"}, {"i", "j"}}) EXPECT_EQ(output_node(p, l), output_node(p, r)) << l << " vs " << r;
}

TEST(Program, ReassignmentCommentsAndBlankLines) {
  Arena arena;
  Program p = build(arena, "# comment only\n\nx = arange(3)   # trailing\nx = x + 1\n\noutput(x)\n");
  HostArray y = evaluate_reference(p)[0].second;
  EXPECT_EQ(y.data, (std::vector<double>{1, 2, 3}));
}

TEST(Program, InputsAndSavesAreRecordedWithTheirPaths) {
  auto dir = std::filesystem::temp_directory_path() / "rewind_program_io";
  std::filesystem::create_directories(dir / "data");
  write_npy(dir / "data" / "w.npy", HostArray{DType::float32(), {2, 2}, {1, 2, 3, 4}});
  Arena arena;
  Program p = build(arena, "w = load(\"data/w.npy\")\nz = w @ w.T\nsave(z, \"z.npy\")\nsave(w * 2, \"w2.npy\")\noutput(z)\n", dir);
  std::vector<LoadedInput> in = p.inputs();
  ASSERT_EQ(in.size(), 1u);
  EXPECT_EQ(in[0].name, "w");
  EXPECT_EQ(in[0].path, "data/w.npy");
  EXPECT_EQ(in[0].data->shape, (Shape{2, 2}));
  EXPECT_EQ(in[0].data->data, (std::vector<double>{1, 2, 3, 4}));
  ASSERT_EQ(p.saves().size(), 2u);
  EXPECT_EQ(p.saves()[0].path, "z.npy");
  EXPECT_EQ(p.saves()[0].full_path, dir / "z.npy");
  EXPECT_EQ(p.saves()[0].tensor.node(), output_node(p, "z"));
  EXPECT_EQ(p.sink()->src.size(), 2u) << "z once, plus w * 2";
  Evaluator ev(p.buffers());
  write_saves(p, [&](UOpPtr n) { return ev.evaluate(n); });
  EXPECT_EQ(read_npy(dir / "z.npy").data, (std::vector<double>{5, 11, 11, 25}));
  EXPECT_EQ(read_npy(dir / "w2.npy").data, (std::vector<double>{2, 4, 6, 8}));
  std::filesystem::remove_all(dir);
}

TEST(Program, EveryNodeRecordsTheExpressionThatCreatedIt) {
  Arena arena;
  Program p = build(arena, "x = arange(8).reshape(2, 4)\ny = x * 3\nz = y.sum(axis=1)\noutput(z)\n");
  // Every node in the graph has a location, and each op's node points at its expression.
  for (UOpPtr n : toposort(p.sink()->src))
    EXPECT_NE(arena.provenance(n), nullptr) << n->summary();
  UOpPtr z = output_node(p, "z");
  EXPECT_EQ(arena.provenance(z)->to_string(), "p.tg:3:7");          // .sum
  UOpPtr mul = z->src[0]->src[0];
  ASSERT_EQ(mul->op, Op::MUL);
  EXPECT_EQ(arena.provenance(mul)->to_string(), "p.tg:2:7");        // the '*'
  UOpPtr reshape = mul->src[0];
  ASSERT_EQ(reshape->op, Op::RESHAPE);
  EXPECT_EQ(arena.provenance(reshape)->to_string(), "p.tg:1:15");   // .reshape
}

TEST(Program, TheDesignDocumentsExampleBuildsAndEvaluates) {
  auto dir = std::filesystem::temp_directory_path() / "rewind_design_example";
  std::filesystem::create_directories(dir);
  write_npy(dir / "w.npy", HostArray{DType::float32(), {3, 8}, std::vector<double>(24, 0.5)});
  std::string src =
      "x = arange(64).reshape(8, 8).float() / 7\n"
      "w = load(\"w.npy\")               # paths relative to the program's folder\n"
      "m = x.max(axis=1, keepdim=True)\n"
      "e = (x - m).exp()\n"
      "y = e / e.sum(axis=1, keepdim=True)\n"
      "z = y @ w.T\n"
      "save(z, \"z.npy\")\n"
      "output(y, z)\n";
  Arena arena;
  Program p = build(arena, src, dir);
  NamedArrays out = evaluate_reference(p);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].second.shape, (Shape{8, 3}));
  for (double v : out[1].second.data) EXPECT_NEAR(v, 0.5, 1e-6);  // rows of y sum to 1
  std::filesystem::remove_all(dir);
}

TEST(Program, TheSoftmaxExampleRunsWithoutFiles) {
  Arena arena;
  Program p = load_program(arena, std::filesystem::path(REWIND_SOURCE_DIR) / "resources/examples/softmax.tg");
  NamedArrays out = evaluate_reference(p);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].first, "p");
  EXPECT_EQ(out[1].second.shape, (Shape{4, 3}));
  for (int r = 0; r < 4; ++r) {
    double s = 0;
    for (int c = 0; c < 8; ++c) s += out[0].second.data[size_t(r * 8 + c)];
    EXPECT_NEAR(s, 1, 1e-6);
  }
}

TEST(Program, AMissingProgramFileIsNamed) {
  Arena arena;
  try {
    load_program(arena, "/nonexistent/prog.tg");
    ADD_FAILURE() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "cannot read the program /nonexistent/prog.tg (does it exist?)");
  }
}

}  // namespace
}  // namespace rw
