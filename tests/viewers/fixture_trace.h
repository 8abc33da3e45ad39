// Fixture traces for the viewer tests and benchmarks, written by the real SqliteTracer from
// real graph_rewrite passes, plus the kernel, timing and check records the back end will
// write once it exists (so the kernel panes are exercised on real rows).
#pragma once
#include <unistd.h>

#include <filesystem>
#include <string>

#include "engine/ir/arena.h"
#include "engine/ir/graph.h"
#include "engine/rewrite/expr_parser.h"
#include "engine/rewrite/graph_rewrite.h"
#include "engine/rewrite/pattern_matcher.h"
#include "engine/trace/sqlite_tracer.h"

namespace rw::viewer_testing {

inline std::filesystem::path temp_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("rewind-viewer-tests-" + std::to_string(::getpid())) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// Index simplification rules, written the way the engine's symbolic rules are.
inline PatternMatcher fixture_rules() {
  const UPat x = UPat::var("x"), c = UPat::cvar("c"), c1 = UPat::cvar("c1"), c2 = UPat::cvar("c2");
  return PatternMatcher{
      rule("x+0 -> x", x + 0, [](const Match& m) { return m["x"]; }),
      rule("x*1 -> x", x * 1, [](const Match& m) { return m["x"]; }),
      rule("(x*c1)*c2 -> x*(c1*c2)", (x * c1) * c2,
           [](const Match& m) { return m["x"]->mul(m["c1"]->const_int() * m["c2"]->const_int()); }),
      rule("(x*c)//c -> x", (x * c) / c, [](const Match& m) { return m["x"]; }),
      rule("c1+c2 -> fold", c1 + c2, [](const Match& m) { return m.root->const_like(m["c1"]->const_int() + m["c2"]->const_int()); }),
  };
}

// The expression every viewer test steps through: rules fire on it in a known order.
inline const char* kFixtureExpr = "((x*2)*3 + 0) // 6 + (y*1 + (2 + 3)) * 1";

// One run: a "schedule" group pass holding a traced graph_rewrite "simplify" pass, two
// kernels (one with a failing check) and their timings, a decision and a log line.
inline void write_fixture_trace(const std::filesystem::path& path) {
  Arena arena;
  VarDecls vars{{"x", {0, 15}}, {"y", {0, 7}}};
  UOpPtr input = parse_index_expr(arena, kFixtureExpr, vars);
  // Where x came from in the (pretend) program, for the node details pane.
  for (UOpPtr n : toposort(input))
    if (n->op == Op::DEFINE_VAR && n->arg.to_string().find("'x'") != std::string::npos) arena.set_provenance(n, {"fixture.tg", 1, 9});
  PatternMatcher rules = fixture_rules();
  SqliteTracer tracer(path.string());
  TracerScope scope(tracer);
  tracer.begin_run({"simplify", "fixture.tg", std::string("out = ") + kFixtureExpr + "\n", {{"fusion", "rangeify"}}, "test"});
  tracer.begin_pass("schedule", "group", input);
  UOpPtr out = graph_rewrite(input, rules, "simplify");
  tracer.on_decision({out, "realize", "output", "the program's output"});
  tracer.end_pass(out, true);
  tracer.on_kernel({"E_16_8", out, "r0 = DEFINE_GLOBAL\nr1 = LOAD r0\nSTORE r0, r1",
                    "void E_16_8(float* restrict data0) {\n  for (int i = 0; i < 16; i++) {\n    data0[i] = data0[i] * 2.0f; // double\n  }\n}\n",
                    "define void @E_16_8(ptr %data0) {\nentry:\n  %v = load float, ptr %data0\n  ret void\n}\n",
                    1.5, 2048, 1024, {out}});
  tracer.on_kernel({"r_4_16", nullptr, "r0 = DEFINE_GLOBAL\nr1 = RANGE 16\nr2 = REDUCE ADD r1",
                    "void r_4_16(float* restrict data0, float* restrict data1) {\n  float acc = 0.0f;\n}\n",
                    "define void @r_4_16(ptr %data0, ptr %data1) {\nentry:\n  ret void\n}\n", 2.0, 0, 0, {}});
  tracer.on_timing({"E_16_8", 10, 2.0, 2.5});
  tracer.on_timing({"r_4_16", 10, 8.0, 9.0});
  tracer.on_check({"E_16_8", "out", true, 0, 0, 0, -1, 0, 0, ""});
  tracer.on_check({"r_4_16", "acc", false, 0.5, 0.25, 3, 7, 1.5, 2.0, "wrong sum"});
  tracer.log(LogLevel::Info, "fixture written");
  tracer.end_run(true);
  tracer.close();
}

// A run with one pass over a small tensor graph, whose nodes have shapes:
// out = (a.reshape(4, 8) + b) with a a buffer of 32 floats and b one of shape (4, 8).
inline void write_tensor_trace(const std::filesystem::path& path) {
  Arena arena;
  UOpPtr a = arena.make(Op::BUFFER, DType::float32(), {}, Arg(IntTuple{0, 32}));
  UOpPtr b = arena.make(Op::RESHAPE, DType::float32(), {arena.make(Op::BUFFER, DType::float32(), {}, Arg(IntTuple{1, 32}))}, Arg(IntTuple{4, 8}));
  UOpPtr ar = arena.make(Op::RESHAPE, DType::float32(), {a}, Arg(IntTuple{4, 8}));
  UOpPtr out = arena.sink({arena.make(Op::ADD, DType::float32(), {ar, b})});
  SqliteTracer tracer(path.string());
  TracerScope scope(tracer);
  tracer.begin_run({"schedule", "tensor.tg", "out = a.reshape(4, 8) + b\n", {}, "test"});
  tracer.begin_pass("tensor", "rewrite", out);
  tracer.end_pass(out, true);
  tracer.end_run(true);
  tracer.close();
}

}  // namespace rw::viewer_testing
