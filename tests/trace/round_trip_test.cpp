// Everything the tracer is told comes back from the reader with the same values.
#include <gtest/gtest.h>

#include "engine/trace/schema.h"
#include "engine/trace/sha256.h"
#include "engine/trace/sqlite_tracer.h"
#include "engine/trace/trace_reader.h"
#include "tests/trace/trace_test_util.h"

namespace rw {
namespace {

struct Fixture {
  Arena a;
  RuleInfo fold{"x+0 -> x", "ADD(x, 0:CONST)", "symbolic", "engine/rewrite/symbolic.cpp", 12};
  RuleInfo mul{"x*1 -> x", "MUL(x, 1:CONST)", "symbolic", "engine/rewrite/symbolic.cpp", 13};
  UOpPtr x, e1, e2, root, ast;
  std::string input_bytes = std::string("\x00\x00\x80\x3f\x00\x00\x00\x40", 8);
};

void write_everything(Fixture& f, const std::string& path, SqliteTracerOptions opts = {}) {
  SqliteTracer t(path, opts);
  RunInfo info{"run", "examples/softmax.tg", "x = arange(4)\noutput(x)\n", {{"fusion", "rangeify"}, {"opt", "upcast,unroll"}}, "0.1.0-test"};
  t.begin_run(info);
  f.x = f.a.var("x", 0, 15);
  f.a.set_provenance(f.x, {"examples/softmax.tg", 1, 5});
  f.e1 = f.x->add(int64_t(0));
  f.e2 = f.e1->mul(int64_t(1));
  f.root = f.a.sink({f.e2});
  t.on_buffer({"w", "input", "float32", {2}, f.input_bytes, "w.npy", ""});
  t.on_buffer({"big", "input", "float32", {1024}, std::string(4096, '\1'), "big.npy", ""});
  t.begin_pass("schedule", "group", f.root);
  t.begin_pass("symbolic", "rewrite", f.root);
  Binding b1[] = {{"x", f.x}};
  t.on_rewrite({&f.fold, f.e1, b1, f.x, 1500});
  UOpPtr e2b = f.x->mul(int64_t(1));
  Binding b2[] = {{"x", f.x}};
  t.on_rewrite({&f.mul, e2b, b2, f.x, 700});
  t.log(LogLevel::Info, "symbolic done");
  t.end_pass(f.a.sink({f.x}), true);
  t.on_decision({f.x, "realize", "output", "the program outputs it"});
  t.end_pass(f.a.sink({f.x}), true);
  t.begin_pass("broken", "rewrite", f.root);
  t.end_pass(nullptr, false, "unsupported: PAD of a reduce at examples/softmax.tg:3:1");
  f.ast = f.a.sink({f.x->add(int64_t(3))});
  t.on_kernel({"E_4", f.ast, "%0 = DEFINE_GLOBAL\n", "void E_4() {}\n", "define void @E_4() { ret void }\n", 1.25, 16, 64, {f.x, f.e1}});
  t.on_timing({"E_4", 10, 0.5, 0.75});
  t.on_check({"E_4", "out0", false, 0.5, 0.25, 3, 7, 1.5, 1.0, "3 of 4 elements differ"});
  t.log(LogLevel::Error, "kernel E_4 output differs from the reference");
  t.end_run(false);
  t.close();
}

TEST(RoundTrip, EveryRecordReadsBackExactly) {
  auto dir = testing::temp_dir("round_trip");
  std::string path = (dir / "t.rwd").string();
  Fixture f;
  SqliteTracerOptions opts;
  opts.max_buffer_bytes = 1000;
  opts.engine_version = "0.1.0-test";
  write_everything(f, path, opts);
  TraceReader r(path);

  EXPECT_EQ(r.meta().schema_version, kSchemaVersion);
  EXPECT_EQ(r.meta().compatible_version, kCompatibleVersion);
  EXPECT_EQ(r.meta().engine_version, "0.1.0-test");
  EXPECT_EQ(r.meta().created_at.size(), 20u);  // 2026-01-01T00:00:00Z

  auto runs = r.runs();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].command, "run");
  EXPECT_EQ(runs[0].program_path, "examples/softmax.tg");
  EXPECT_EQ(runs[0].program_text, "x = arange(4)\noutput(x)\n");
  EXPECT_EQ(runs[0].options, (std::vector<std::pair<std::string, std::string>>{{"fusion", "rangeify"}, {"opt", "upcast,unroll"}}));
  EXPECT_EQ(runs[0].engine_version, "0.1.0-test");
  EXPECT_EQ(runs[0].ok, false);
  ASSERT_TRUE(runs[0].end_time_ns);
  EXPECT_GE(*runs[0].end_time_ns, runs[0].start_time_ns);

  auto passes = r.passes(1);
  ASSERT_EQ(passes.size(), 3u);
  EXPECT_EQ(passes[0].name, "schedule");
  EXPECT_EQ(passes[0].kind, "group");
  EXPECT_EQ(passes[0].depth, 0);
  EXPECT_EQ(passes[0].children, std::vector<int64_t>{passes[1].id});
  EXPECT_EQ(passes[1].name, "symbolic");
  EXPECT_EQ(passes[1].parent_id, passes[0].id);
  EXPECT_EQ(passes[1].depth, 1);
  EXPECT_EQ(passes[1].seq, 2);
  EXPECT_EQ(passes[1].step_count, 2);
  EXPECT_EQ(passes[1].input_root, int64_t(f.root->id));
  EXPECT_EQ(passes[1].output_root, int64_t(f.a.sink({f.x})->id));
  EXPECT_EQ(passes[1].ok, true);
  EXPECT_EQ(passes[1].error, "");
  EXPECT_EQ(passes[0].step_count, 0);
  EXPECT_EQ(passes[2].name, "broken");
  EXPECT_EQ(passes[2].ok, false);
  EXPECT_FALSE(passes[2].output_root);
  EXPECT_EQ(passes[2].error, "unsupported: PAD of a reduce at examples/softmax.tg:3:1");

  auto steps = r.steps(passes[1].id);
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].step, 1);
  EXPECT_EQ(steps[0].rule_text, "x+0 -> x");
  EXPECT_EQ(steps[0].matched, int64_t(f.e1->id));
  EXPECT_EQ(steps[0].replacement, int64_t(f.x->id));
  EXPECT_EQ(steps[0].bound, (std::vector<BoundRow>{{"x", int64_t(f.x->id)}}));
  EXPECT_EQ(steps[0].duration_ns, 1500);
  EXPECT_EQ(steps[1].rule_text, "x*1 -> x");
  EXPECT_EQ(steps[1].duration_ns, 700);
  auto page = r.steps(passes[1].id, 1, 5);
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].step, 2);

  auto rules = r.rules(1);
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0].text, "x+0 -> x");
  EXPECT_EQ(rules[0].pattern, "ADD(x, 0:CONST)");
  EXPECT_EQ(rules[0].family, "symbolic");
  EXPECT_EQ(rules[0].file, "engine/rewrite/symbolic.cpp");
  EXPECT_EQ(rules[0].line, 12);
  EXPECT_EQ(rules[0].fire_count, 1);

  auto x = r.node(1, f.x->id);
  ASSERT_TRUE(x);
  EXPECT_EQ(x->op, "DEFINE_VAR");
  EXPECT_EQ(x->dtype, "index");
  EXPECT_EQ(x->arg, "('x', 0, 15)");
  EXPECT_EQ(x->hash, f.x->hash);
  EXPECT_EQ(x->vmin, 0);
  EXPECT_EQ(x->vmax, 15);
  EXPECT_EQ(x->provenance, "examples/softmax.tg:1:5");
  auto e1 = r.node(1, f.e1->id);
  ASSERT_TRUE(e1);
  EXPECT_EQ(e1->srcs, (std::vector<int64_t>{f.x->id, f.e1->src[1]->id}));
  EXPECT_EQ(e1->arg, "");

  auto dec = r.decisions(1);
  ASSERT_EQ(dec.size(), 1u);
  EXPECT_EQ(dec[0].node, int64_t(f.x->id));
  EXPECT_EQ(dec[0].decision, "realize");
  EXPECT_EQ(dec[0].reason, "output");
  EXPECT_EQ(dec[0].detail, "the program outputs it");
  EXPECT_EQ(dec[0].pass_id, passes[0].id);

  auto ks = r.kernels(1);
  ASSERT_EQ(ks.size(), 1u);
  EXPECT_EQ(ks[0].name, "E_4");
  EXPECT_EQ(ks[0].ast_root, int64_t(f.ast->id));
  EXPECT_EQ(ks[0].linear, "%0 = DEFINE_GLOBAL\n");
  EXPECT_EQ(ks[0].c_source, "void E_4() {}\n");
  EXPECT_EQ(ks[0].llvm_ir, "define void @E_4() { ret void }\n");
  EXPECT_EQ(ks[0].compile_ms, 1.25);
  EXPECT_EQ(ks[0].flops, 16);
  EXPECT_EQ(ks[0].bytes, 64);
  EXPECT_EQ(ks[0].computes, (std::vector<int64_t>{f.x->id, f.e1->id}));
  EXPECT_TRUE(r.node(1, f.ast->id));  // the AST is stored with its descendants
  EXPECT_TRUE(r.node(1, f.ast->src[0]->id));

  auto ts = r.timings(1);
  ASSERT_EQ(ts.size(), 1u);
  EXPECT_EQ(ts[0].kernel, "E_4");
  EXPECT_EQ(ts[0].iterations, 10);
  EXPECT_EQ(ts[0].min_us, 0.5);
  EXPECT_EQ(ts[0].median_us, 0.75);

  auto cs = r.checks(1);
  ASSERT_EQ(cs.size(), 1u);
  EXPECT_EQ(cs[0].kernel, "E_4");
  EXPECT_EQ(cs[0].buffer, "out0");
  EXPECT_FALSE(cs[0].ok);
  EXPECT_EQ(cs[0].max_abs_err, 0.5);
  EXPECT_EQ(cs[0].max_rel_err, 0.25);
  EXPECT_EQ(cs[0].mismatches, 3);
  EXPECT_EQ(cs[0].first_bad_index, 7);
  EXPECT_EQ(cs[0].got, 1.5);
  EXPECT_EQ(cs[0].want, 1.0);
  EXPECT_EQ(cs[0].detail, "3 of 4 elements differ");

  auto logs = r.logs(1);
  ASSERT_EQ(logs.size(), 2u);
  EXPECT_EQ(logs[0].level, "info");
  EXPECT_EQ(logs[0].text, "symbolic done");
  EXPECT_EQ(logs[0].pass_id, passes[1].id);
  EXPECT_EQ(logs[1].level, "error");
  EXPECT_FALSE(logs[1].pass_id);

  auto bufs = r.buffers(1);
  ASSERT_EQ(bufs.size(), 2u);
  EXPECT_EQ(bufs[0].name, "w");
  EXPECT_EQ(bufs[0].role, "input");
  EXPECT_EQ(bufs[0].dtype, "float32");
  EXPECT_EQ(bufs[0].shape, std::vector<int64_t>{2});
  EXPECT_EQ(bufs[0].data, f.input_bytes);
  EXPECT_EQ(bufs[0].size_bytes, 8);
  EXPECT_EQ(bufs[0].path, "w.npy");
  EXPECT_EQ(bufs[0].sha256, sha256_hex(f.input_bytes));
  // Over the size limit: no data, but the hash still identifies it.
  EXPECT_EQ(bufs[1].name, "big");
  EXPECT_FALSE(bufs[1].data);
  EXPECT_EQ(bufs[1].size_bytes, 4096);
  EXPECT_EQ(bufs[1].sha256, sha256_hex(std::string(4096, '\1')));
}

TEST(RoundTrip, CloseLeavesOneSelfContainedFile) {
  auto dir = testing::temp_dir("self_contained");
  std::string path = (dir / "t.rwd").string();
  Fixture f;
  write_everything(f, path);
  EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
  EXPECT_FALSE(std::filesystem::exists(path + "-shm"));
  Db db(path, SQLITE_OPEN_READONLY);
  Stmt st(db, "PRAGMA journal_mode");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.text(0), "delete");
}

TEST(RoundTrip, EveryReferencedNodeIsStored) {
  auto dir = testing::temp_dir("referenced");
  std::string path = (dir / "t.rwd").string();
  Fixture f;
  write_everything(f, path);
  Db db(path, SQLITE_OPEN_READONLY);
  // Nodes named by steps, bindings, passes, checkpoints, decisions, kernels, and every
  // node's sources: none may be missing from uops.
  Stmt st(db, R"sql(
    WITH refs(run_id, id) AS (
      SELECT p.run_id, s.matched FROM steps s JOIN passes p ON p.id = s.pass_id
      UNION SELECT p.run_id, s.replacement FROM steps s JOIN passes p ON p.id = s.pass_id
      UNION SELECT p.run_id, j.value FROM steps s JOIN passes p ON p.id = s.pass_id, json_each(s.bound) j
      UNION SELECT run_id, input_root FROM passes WHERE input_root IS NOT NULL
      UNION SELECT run_id, output_root FROM passes WHERE output_root IS NOT NULL
      UNION SELECT p.run_id, c.root FROM checkpoints c JOIN passes p ON p.id = c.pass_id
      UNION SELECT run_id, node FROM decisions WHERE node IS NOT NULL
      UNION SELECT run_id, ast_root FROM kernels WHERE ast_root IS NOT NULL
      UNION SELECT k.run_id, j.value FROM kernels k, json_each(k.computes) j
      UNION SELECT u.run_id, j.value FROM uops u, json_each(u.srcs) j)
    SELECT count(*), (SELECT count(*) FROM refs) FROM refs r
    WHERE NOT EXISTS (SELECT 1 FROM uops u WHERE u.run_id = r.run_id AND u.id = r.id))sql");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.i64(0), 0);
  EXPECT_GT(st.i64(1), 5);
}

// Node blocks are cut by size as well as by count, so each fits in one page: a run of nodes
// with long arguments gets blocks of fewer than 512 nodes, none over 15 KiB of text (a single
// node longer than that gets a block of its own), and every node reads back.
TEST(RoundTrip, NodeBlocksStayUnderAPageAndEveryNodeReadsBack) {
  auto dir = testing::temp_dir("node_blocks");
  std::string path = (dir / "t.rwd").string();
  Arena a;
  std::vector<UOpPtr> vars;
  {
    SqliteTracer t(path);
    t.begin_run({"schedule", "", "", {}, "v"});
    for (int i = 0; i < 600; ++i) vars.push_back(a.var("v" + std::to_string(i) + std::string(size_t(100 + i % 7), 'n'), 0, i + 1));
    vars.push_back(a.var(std::string(20000, 'w'), 0, 1));  // alone larger than a block may be
    t.begin_pass("p", "rewrite", a.sink(vars));
    t.end_pass(nullptr, true);
    t.end_run(true);
  }
  TraceReader r(path);
  Stmt st(r.db(), "SELECT count(*), max(length(nodes)), sum(json_array_length(nodes)), "
                  "max(CASE WHEN json_array_length(nodes) > 1 THEN length(nodes) ELSE 0 END) FROM uop_blocks WHERE run_id = 1");
  ASSERT_TRUE(st.step());
  EXPECT_GE(st.i64(0), 6);                 // 600 nodes of ~130 characters: at least 6 blocks
  EXPECT_GT(st.i64(1), 20000);             // the long variable's block
  EXPECT_EQ(st.i64(2), 602);               // the variables and the sink
  EXPECT_LE(st.i64(3), 15 * 1024);         // every block of several nodes fits in a page
  for (UOpPtr v : vars) {
    auto n = r.node(1, v->id);
    ASSERT_TRUE(n) << v->id;
    EXPECT_EQ(n->arg, v->arg.to_string());
  }
}

TEST(RoundTrip, TwoRunsInOneFileKeepTheirOwnNodesAndRules) {
  auto dir = testing::temp_dir("two_runs");
  std::string path = (dir / "t.rwd").string();
  RuleInfo rule{"x+0 -> x", "ADD(x, 0:CONST)", "symbolic", "engine/rewrite/symbolic.cpp", 12};
  RuleInfo tried{"x*1 -> x", "MUL(x, 1:CONST)", "symbolic", "engine/rewrite/symbolic.cpp", 13};
  Arena a1, a2;
  {
    SqliteTracer t(path);
    for (Arena* a : {&a1, &a2}) {
      t.begin_run({"schedule", "", "", {}, "v"});
      UOpPtr x = a->var(a == &a1 ? "x" : "y", 0, 3);
      UOpPtr e = x->add(int64_t(0));
      t.begin_pass("p", "rewrite", e);
      Binding b[] = {{"x", x}};
      t.on_rewrite({&rule, e, b, x, 1});
      // The second run also tries a rule the first never used, without firing it.
      std::vector<RuleStat> stats{{&rule, 1, 1, 5}};
      if (a == &a2) stats.push_back({&tried, 3, 0, 7});
      t.end_pass(x, true, {}, stats);
      t.end_run(true);
    }
  }
  TraceReader r(path);
  ASSERT_EQ(r.runs().size(), 2u);
  EXPECT_EQ(r.node(1, 0)->arg, "('x', 0, 3)");
  EXPECT_EQ(r.node(2, 0)->arg, "('y', 0, 3)");
  EXPECT_EQ(r.rules(1).at(0).fire_count, 1);
  EXPECT_EQ(r.rules(2).at(0).fire_count, 1);
  // A rule is stored once per trace: both runs list the same row, each with its own count.
  EXPECT_EQ(r.rules(2).at(0).id, r.rules(1).at(0).id);
  EXPECT_EQ(r.rules(2).at(0).run_id, 2);
  EXPECT_EQ(r.rules(2).at(0).text, "x+0 -> x");
  EXPECT_EQ(r.rules(2).at(0).line, 12);
  ASSERT_EQ(r.rules(1).size(), 1u);
  ASSERT_EQ(r.rules(2).size(), 2u);
  EXPECT_EQ(r.rules(2).at(1).text, "x*1 -> x");
  EXPECT_EQ(r.rules(2).at(1).fire_count, 0);
  Stmt st(r.db(), "SELECT count(*) FROM rules");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.i64(0), 2);
  EXPECT_EQ(r.passes(2).at(0).seq, 1);
}

// A pass gets one complete row when it ends in the batch it began in; one still open when a
// batch is committed gets a row then (a live reader sees it open) that its end completes.
TEST(RoundTrip, PassRowsWhetherTheyEndInTheirBatchOrLater) {
  auto dir = testing::temp_dir("pass_rows");
  std::string path = (dir / "t.rwd").string();
  RuleInfo rule{"x+0 -> x", "ADD(x, 0:CONST)", "symbolic", "engine/rewrite/symbolic.cpp", 12};
  Arena a;
  UOpPtr x = a.var("x", 0, 3);
  SqliteTracerOptions opts;
  opts.batch_records = 4;
  SqliteTracer t(path, opts);
  t.begin_run({"simplify", "", "", {}, "v"});
  t.begin_pass("outer", "group", nullptr);
  t.begin_pass("short", "rewrite", x->add(int64_t(0)));  // begins and ends in one batch
  Binding b[] = {{"x", x}};
  t.on_rewrite({&rule, x->add(int64_t(0)), b, x, 1});
  t.end_pass(x, true);
  t.begin_pass("long", "rewrite", x->add(int64_t(1)));  // spans batches
  UOpPtr cur = x;
  for (int i = 0; i < 10; ++i) {
    UOpPtr e = cur->add(int64_t(0));
    Binding bi[] = {{"x", cur}};
    t.on_rewrite({&rule, e, bi, cur, 1});
  }
  t.flush();
  {
    TraceReader live(path);
    auto ps = live.passes(1);
    ASSERT_EQ(ps.size(), 3u);
    EXPECT_EQ(ps[0].name, "outer");
    EXPECT_FALSE(ps[0].ok);
    EXPECT_EQ(ps[1].name, "short");
    EXPECT_EQ(ps[1].ok, true);
    EXPECT_EQ(ps[1].step_count, 1);
    EXPECT_EQ(ps[1].output_root, int64_t(x->id));
    EXPECT_TRUE(ps[1].end_time_ns);
    EXPECT_EQ(ps[2].name, "long");
    EXPECT_FALSE(ps[2].ok);  // still open
    EXPECT_FALSE(ps[2].output_root);
    EXPECT_EQ(ps[2].step_count, 10);  // counted from its steps while open
    EXPECT_EQ(ps[2].children.size(), 0u);
    EXPECT_EQ(ps[0].children, (std::vector<int64_t>{2, 3}));
  }
  t.end_pass(x->mul(int64_t(2)), false, "gave up");
  t.end_pass(nullptr, true);
  t.end_run(true);
  t.close();
  TraceReader r(path);
  auto ps = r.passes(1);
  ASSERT_EQ(ps.size(), 3u);
  EXPECT_EQ(ps[0].ok, true);
  EXPECT_FALSE(ps[0].input_root);
  EXPECT_FALSE(ps[0].output_root);
  EXPECT_EQ(ps[2].ok, false);
  EXPECT_EQ(ps[2].error, "gave up");
  EXPECT_EQ(ps[2].step_count, 10);
  EXPECT_EQ(ps[2].output_root, int64_t(x->mul(int64_t(2))->id));
  EXPECT_EQ(ps[2].depth, 1);
  EXPECT_EQ(ps[2].seq, 3);
  EXPECT_EQ(r.graph_at(3, 10).root, *ps[2].input_root);  // its steps rewrote x+0, which its input x+1 lacks
  EXPECT_EQ(r.graph_at(2, 1).root, int64_t(x->id));
}

}  // namespace
}  // namespace rw

namespace rw {
namespace {

// Integers of every size and sign (hashes use all 64 bits; ranges and constants go negative)
// are written by the writer's own formatting: every node's fields read back exactly.
// Runs that describe themselves alike share one copy of the description in a batch, and a
// kernel's computed nodes travel beside it: neither may leak into another run. Runs 1, 2 and
// 4 are alike, run 3 is another program; with one-record batches every run's events span
// several batches.
TEST(RoundTrip, RunDescriptionsAndKernelNodesStayWithTheirRuns) {
  for (size_t batch_records : {size_t(1), size_t(4096)}) {
    std::string path = (testing::temp_dir("run-infos") / "t.rwd").string();
    const RunInfo alike{"schedule", "a.tg", "x = arange(4)\noutput(x)\n", {{"fusion", "rangeify"}}, "v"};
    const RunInfo other{"schedule", "b.tg", "y = arange(8)\noutput(y + 1)\n", {{"fusion", "none"}}, "v"};
    Arena a;
    std::vector<std::vector<UOpPtr>> computed;
    {
      SqliteTracerOptions opts;
      opts.batch_records = batch_records;
      SqliteTracer t(path, opts);
      for (int run = 0; run < 4; ++run) {
        t.begin_run(run == 2 ? other : alike);
        UOpPtr v = a.var("v" + std::to_string(run), 0, 9);
        t.begin_pass("schedule", "group", v);
        KernelRecord k;
        k.name = "E_" + std::to_string(run);
        k.ast = a.sink({v});
        k.computes = {v, v->add(int64_t(run + 1))};
        computed.push_back(k.computes);
        t.on_kernel(k);
        t.end_pass(v, true);
        t.end_run(true);
      }
      t.close();
    }
    TraceReader r(path);
    auto runs = r.runs();
    ASSERT_EQ(runs.size(), 4u);
    for (int run = 0; run < 4; ++run) {
      const RunInfo& want = run == 2 ? other : alike;
      const RunRow& got = runs[size_t(run)];
      EXPECT_EQ(got.program_path, want.program_path) << "run " << run << ", batches of " << batch_records;
      EXPECT_EQ(got.program_text, want.program_text) << "run " << run;
      EXPECT_EQ(got.options, want.options) << "run " << run;
      auto kernels = r.kernels(got.id);
      ASSERT_EQ(kernels.size(), 1u);
      EXPECT_EQ(kernels[0].name, "E_" + std::to_string(run));
      ASSERT_EQ(kernels[0].computes.size(), 2u) << "run " << run;
      auto first = r.node(got.id, kernels[0].computes[0]), second = r.node(got.id, kernels[0].computes[1]);
      ASSERT_TRUE(first && second);
      EXPECT_EQ(first->arg, computed[size_t(run)][0]->arg.to_string()) << "run " << run;
      EXPECT_EQ(second->op, "ADD");
      ASSERT_EQ(second->srcs.size(), 2u);
      EXPECT_EQ(second->srcs[0], first->id);
    }
  }
}

TEST(RoundTrip, IntegersOfEverySizeAndSignReadBack) {
  auto dir = testing::temp_dir("integers");
  std::string path = (dir / "t.rwd").string();
  Arena a;
  std::vector<UOpPtr> nodes = {a.var("n", -1000000007, -3), a.var("m", -9, 9)};
  for (int64_t c : {int64_t(0), int64_t(7), int64_t(-7), int64_t(10), int64_t(-99), int64_t(100), int64_t(123456789012345),
                    std::numeric_limits<int64_t>::max(), std::numeric_limits<int64_t>::min() + 1})
    nodes.push_back(a.index_const(c));
  const size_t leaves = nodes.size();
  for (size_t i = 2; i < leaves; ++i) nodes.push_back(nodes[i % 2]->add(nodes[i]));
  UOpPtr root = a.sink(nodes);
  {
    SqliteTracer t(path);
    t.begin_run({"simplify", "", "", {}, "test"});
    t.begin_pass("p", "rewrite", root);
    t.end_pass(root, true);
    t.end_run(true);
    t.close();
  }
  TraceReader r(path);
  bool negative_hash = false, positive_hash = false;
  for (UOpPtr n : toposort(root)) {
    auto row = r.node(1, n->id);
    ASSERT_TRUE(row) << n->summary();
    EXPECT_EQ(row->hash, n->hash) << n->summary();
    negative_hash |= int64_t(n->hash) < 0;
    positive_hash |= int64_t(n->hash) > 0;
    EXPECT_EQ(row->vmin.value_or(dtype_range(n->dtype).min), n->vmin) << n->summary();
    EXPECT_EQ(row->vmax.value_or(dtype_range(n->dtype).max), n->vmax) << n->summary();
    if (n->op == Op::CONST) {
      EXPECT_EQ(row->arg, std::to_string(n->const_int()));
    }
  }
  EXPECT_TRUE(negative_hash && positive_hash) << "hashes of both signs were written";
}

}  // namespace
}  // namespace rw
