// Rule statistics through a real trace: graph_rewrite's counts written by the SqliteTracer,
// read back per pass and per run, and shown by the report (a failing pass with its error).
#include <gtest/gtest.h>

#include "engine/ir/arena.h"
#include "engine/rewrite/graph_rewrite.h"
#include "engine/trace/report.h"
#include "engine/trace/sqlite_tracer.h"
#include "engine/trace/trace_error.h"
#include "engine/trace/trace_reader.h"
#include "tests/trace/trace_test_util.h"

namespace rw {
namespace {

const UPat x = UPat::var("x"), y = UPat::var("y");

PatternMatcher add0_mul1() {
  return PatternMatcher{
      rule("x+0 -> x", x + 0, [](const Match& m) { return m["x"]; }),
      rule("x*1 -> x", x * 1, [](const Match& m) { return m["x"]; }),
  };
}

const RuleStatRow* find(const std::vector<RuleStatRow>& rows, std::string_view text) {
  for (const RuleStatRow& r : rows)
    if (r.text == text) return &r;
  return nullptr;
}

// Run 1: two passes of add0_mul1, then a pass whose rules undo each other.
std::string write_trace(const std::string& name) {
  std::string path = (testing::temp_dir(name) / "t.rwd").string();
  Arena a;
  UOpPtr v = a.var("v", 0, 9), w = a.var("w", 0, 9);
  SqliteTracer t(path);
  TracerScope scope(t);
  t.begin_run({"simplify", "", "", {}, "test"});
  PatternMatcher pm = add0_mul1();
  // (v*1 + w*2) + 0: x*1 tried twice, fires once; x+0 tried once (the rebuilt v + w*2 has no
  // constant source), fires once.
  graph_rewrite(v->mul(int64_t(1))->add(w->mul(int64_t(2)))->add(int64_t(0)), pm, "first");
  // (w+0)*1: x+0 tried once and fires, x*1 tried once on the rebuilt w*1 and fires.
  graph_rewrite(w->add(int64_t(0))->mul(int64_t(1)), pm, "second");
  PatternMatcher swap{rule("x+y -> y+x", UPat(Op::ADD, {x, y}).src({x, y}), [](const Match& m) { return m["y"]->add(m["x"]); })};
  EXPECT_THROW(graph_rewrite(v->add(w), swap, "swapper"), RewriteError);
  t.end_run(false);
  t.close();
  return path;
}

TEST(RuleStatsTrace, CountsPerPassAndPerRunReadBack) {
  TraceReader r(write_trace("per-pass"));
  auto passes = r.passes(1);
  ASSERT_EQ(passes.size(), 3u);
  auto first = r.rule_stats(passes[0].id);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(find(first, "x*1 -> x")->tries, 2);
  EXPECT_EQ(find(first, "x*1 -> x")->hits, 1);
  EXPECT_DOUBLE_EQ(*find(first, "x*1 -> x")->hit_rate(), 0.5);
  EXPECT_EQ(find(first, "x+0 -> x")->tries, 1);
  EXPECT_EQ(find(first, "x+0 -> x")->hits, 1);
  EXPECT_GT(*find(first, "x+0 -> x")->ns, 0);
  EXPECT_EQ(find(first, "x+0 -> x")->file, "tests/trace/rule_stats_trace_test.cpp");
  EXPECT_GE(*first[0].ns, *first[1].ns);  // most time first
  auto second = r.rule_stats(passes[1].id);
  EXPECT_EQ(find(second, "x*1 -> x")->tries, 1);
  EXPECT_EQ(find(second, "x+0 -> x")->tries, 1);
  // The run sums its passes.
  auto run = r.run_rule_stats(1);
  ASSERT_EQ(run.size(), 3u);
  EXPECT_EQ(find(run, "x*1 -> x")->tries, 3);
  EXPECT_EQ(find(run, "x*1 -> x")->hits, 2);
  EXPECT_EQ(find(run, "x+0 -> x")->tries, 2);
  EXPECT_EQ(find(run, "x+0 -> x")->hits, 2);
  EXPECT_EQ(*find(run, "x+0 -> x")->ns, *find(first, "x+0 -> x")->ns + *find(second, "x+0 -> x")->ns);
  // Hits agree with the steps the trace holds.
  for (const PassRow& p : passes) {
    int64_t hits = 0;
    for (const RuleStatRow& s : r.rule_stats(p.id)) hits += s.hits;
    EXPECT_EQ(hits, p.step_count) << p.name;
  }
}

TEST(RuleStatsTrace, TheFailingPassKeepsTheCycleAndItsCounts) {
  TraceReader r(write_trace("cycle"));
  auto passes = r.passes(1);
  ASSERT_EQ(passes.size(), 3u);
  const PassRow& swapper = passes[2];
  EXPECT_EQ(swapper.name, "swapper");
  EXPECT_EQ(swapper.ok, false);
  EXPECT_NE(swapper.error.find("pass 'swapper' does not converge: the rules 'x+y -> y+x' (tests/trace/rule_stats_trace_test.cpp:"),
            std::string::npos)
      << swapper.error;
  auto stats = r.rule_stats(swapper.id);
  ASSERT_EQ(stats.size(), 1u);
  EXPECT_EQ(stats[0].hits, 2);
  EXPECT_EQ(stats[0].tries, 2);

  std::string text = report_text(r);
  EXPECT_NE(text.find("\n  swapper [rewrite] 2 steps  FAILED: pass 'swapper' does not converge: the rules 'x+y -> y+x'"), std::string::npos)
      << text;
  EXPECT_NE(text.find("Errors:\n  pass swapper failed: pass 'swapper' does not converge"), std::string::npos) << text;
}

TEST(RuleStatsTrace, ReportShowsTheTablePerRunAndPerPass) {
  TraceReader r(write_trace("report"));
  std::string text = report_text(r);
  EXPECT_NE(text.find("Rule statistics (all passes):\n         tries       hits  hit rate         time  rule\n"), std::string::npos) << text;
  EXPECT_NE(text.find("            3          2     66.7%"), std::string::npos) << text;  // x*1 over the run
  EXPECT_NE(text.find("x*1 -> x  tests/trace/rule_stats_trace_test.cpp:"), std::string::npos) << text;
  EXPECT_EQ(text.find("Rule statistics of pass"), std::string::npos) << "per pass only when asked";

  std::string per_pass = report_text(r, {.rules_per_pass = true});
  EXPECT_NE(per_pass.find("Rule statistics of pass 1 first [rewrite]:\n"), std::string::npos) << per_pass;
  EXPECT_NE(per_pass.find("Rule statistics of pass 3 swapper [rewrite]  FAILED: pass 'swapper' does not converge"), std::string::npos)
      << per_pass;
  EXPECT_NE(per_pass.find("            2          1     50.0%"), std::string::npos) << per_pass;  // x*1 in the first pass

  std::string one = report_text(r, {.pass = 2});
  EXPECT_NE(one.find("Rule statistics of pass 2 second [rewrite]:\n"), std::string::npos) << one;
  EXPECT_EQ(one.find("Rule statistics of pass 1 "), std::string::npos) << one;
  EXPECT_THROW(report_text(r, {.pass = 99}), TraceError);

  std::string json = report_json(r, {.rules_per_pass = true});
  Db db(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY);
  Stmt st(db, "SELECT json_valid(?1), json_array_length(?1, '$.runs[0].rule_stats'), "
              "(SELECT sum(j.value ->> 'tries') FROM json_each(?1, '$.runs[0].rule_stats') j), "
              "json_extract(?1, '$.runs[0].passes[0].rule_stats[0].hits'), json_extract(?1, '$.runs[0].passes[2].rule_stats[0].tries')");
  st.bind(1, json);
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.i64(0), 1) << json;
  EXPECT_EQ(st.i64(1), 3);
  EXPECT_EQ(st.i64(2), 7);  // 3 + 2 + 2
  EXPECT_EQ(st.i64(3), 1);
  EXPECT_EQ(st.i64(4), 2);
}

}  // namespace
}  // namespace rw

namespace rw {
namespace {

// Passes whose ends come in batches of one record each, a nested pass's end between its
// parent's steps: every pass gets exactly its own counts.
TEST(RuleStatsTrace, CountsArriveWithTheirPassInOneRecordBatches) {
  std::string path = (testing::temp_dir("carry") / "t.rwd").string();
  const RuleInfo add0{"x+0 -> x", "ADD(x, 0:CONST)", "symbolic", "engine/rewrite/symbolic.cpp", 12};
  const RuleInfo mul1{"x*1 -> x", "MUL(x, 1:CONST)", "symbolic", "engine/rewrite/symbolic.cpp", 13};
  Arena a;
  UOpPtr v = a.var("v", 0, 9);
  SqliteTracerOptions opts;
  opts.batch_records = 1;
  SqliteTracer t(path, opts);
  t.begin_run({"simplify", "", "", {}, "test"});
  t.begin_pass("outer", "rewrite", v);
  t.begin_pass("inner", "rewrite", v);
  t.on_rewrite({&add0, v->add(int64_t(0)), {}, v, 1});  // a full batch: handed over
  RuleStat inner_counts[] = {{&add0, 5, 0, 50}, {&mul1, 7, 1, 70}};
  t.end_pass(v, true, {}, inner_counts);
  t.on_rewrite({&mul1, v->mul(int64_t(1)), {}, v, 1});
  RuleStat outer_counts[] = {{&mul1, 3, 0, 30}};
  t.end_pass(v, true, {}, outer_counts);
  t.end_run(true);
  t.close();
  TraceReader r(path);
  auto passes = r.passes(1);
  ASSERT_EQ(passes.size(), 2u);
  const auto& inner = passes[0].name == "inner" ? passes[0] : passes[1];
  const auto& outer = passes[0].name == "inner" ? passes[1] : passes[0];
  auto in = r.rule_stats(inner.id);
  ASSERT_EQ(in.size(), 2u);
  EXPECT_EQ(find(in, "x+0 -> x")->tries, 5);
  EXPECT_EQ(find(in, "x*1 -> x")->tries, 7);
  EXPECT_EQ(find(in, "x*1 -> x")->hits, 1);
  EXPECT_EQ(find(in, "x*1 -> x")->ns, 70);
  auto out = r.rule_stats(outer.id);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(find(out, "x*1 -> x")->tries, 3);
}

}  // namespace
}  // namespace rw
