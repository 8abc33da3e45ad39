// The small, real run behind tests/fixtures/trace-v<N>.rwd: index expressions folded by a
// bottom-up rewrite, with every other kind of record once or twice. Regenerate the fixture of
// the current schema version with
//   ./build/tests/trace_tests --gtest_also_run_disabled_tests --gtest_filter='Fixture.DISABLED_Regenerate'
// (only when the schema version changes: older fixtures stay as they were written).
#pragma once
#include <string>

#include "engine/trace/sqlite_tracer.h"
#include "tests/trace/trace_test_util.h"

namespace rw::testing {

inline void write_fixture_run(const std::string& path) {
  Arena a;
  FoldRules rules;
  std::vector<Step> log;
  SqliteTracerOptions opts;
  opts.engine_version = "0.1.0";
  opts.checkpoint_min_spacing = 4;  // several checkpoints in a small pass
  opts.checkpoint_divisor = 1000;
  SqliteTracer t(path, opts);
  t.begin_run({"schedule", "examples/index.tg", "x = arange(16).reshape(4, 4)\ny = x.T + 0\noutput(y)\n",
               {{"fusion", "rangeify"}, {"opt", "all"}}, "0.1.0"});
  UOpPtr x = a.var("x", 0, 15);
  a.set_provenance(x, {"examples/index.tg", 1, 5});
  std::string input(64, '\0');
  for (int i = 0; i < 16; ++i) input[size_t(4 * i)] = char(i);
  t.on_buffer({"x", "input", "int32", {4, 4}, input, "", ""});
  UOpPtr in = random_expression(a, 1, 40);
  t.begin_pass("schedule", "group", in);
  t.begin_pass("fold", "rewrite", in);
  Folder f(t, rules, log);
  UOpPtr out = f.rewrite(in);
  t.end_pass(out, true, {}, f.rule_stats());  // rule counts: since v3
  t.on_decision({x, "realize", "input", "x is loaded from the program's input"});
  t.on_decision({out->src[0], "realize", "output", "y is a program output"});
  t.on_decision({out->src[1], "fuse", "single_consumer", "used once, computed in its consumer"});
  t.begin_pass("lower", "rewrite", out);
  t.log(LogLevel::Warning, "lowering is not implemented for this graph");
  t.end_pass(nullptr, false, "unsupported: DEFINE_VAR y has no buffer at examples/index.tg:2:5");
  t.end_pass(out, true);
  // A tensor-graph node with a shape (since v2): x as the program builds it, arange's buffer
  // reshaped to 4x4. The v1 fixture has neither this decision nor its two nodes.
  UOpPtr xbuf = a.make(Op::BUFFER, DType::int32(), {}, Arg(IntTuple{0, 16}));
  UOpPtr xt = a.make(Op::RESHAPE, DType::int32(), {xbuf}, Arg(IntTuple{4, 4}));
  t.on_decision({xt, "realize", "input", "x is a program input"});
  t.on_kernel({"E_4_4", out, "%0 = DEFINE_GLOBAL int32*[16]\n%1 = RANGE 4\n", "void E_4_4(int* out) {}\n",
               "define void @E_4_4(ptr %out) {\n  ret void\n}\n", 2.5, 32, 128, {out->src[0]}});
  t.on_kernel({"r_4", out->src[1], "", "void r_4(int* out) {}\n", "define void @r_4(ptr %out) {\n  ret void\n}\n", 1.5, 8, 64, {}});
  t.on_timing({"E_4_4", 20, 1.5, 2.0});
  t.on_timing({"r_4", 20, 4.25, 5.0});
  t.on_check({"E_4_4", "y", true, 0, 0, 0, -1, 0, 0, ""});
  t.on_check({"r_4", "out1", false, 2, 0.5, 1, 3, 6, 4, "1 of 4 elements differ"});
  t.on_buffer({"y", "output", "int32", {4, 4}, input, "y.npy", ""});
  t.log(LogLevel::Error, "r_4 output differs from the reference");
  t.end_run(false);
  t.close();
}

}  // namespace rw::testing
