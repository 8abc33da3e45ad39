// Traces written by earlier schema versions stay readable: one committed fixture per version.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>

#include "engine/trace/id_list.h"
#include "engine/trace/schema.h"
#include "engine/trace/sqlite_db.h"
#include "engine/trace/trace_reader.h"
#include "tests/trace/fixture_run.h"

namespace rw {
namespace {

const std::string kFixtureV1 = std::string(REWIND_FIXTURE_DIR) + "/trace-v1.rwd";
const std::string kFixtureV2 = std::string(REWIND_FIXTURE_DIR) + "/trace-v2.rwd";
const std::string kFixtureV3 = std::string(REWIND_FIXTURE_DIR) + "/trace-v3.rwd";
const std::string kFixtureV4 = std::string(REWIND_FIXTURE_DIR) + "/trace-v4.rwd";
const std::string kFixtureV5 = std::string(REWIND_FIXTURE_DIR) + "/trace-v5.rwd";
const std::string kFixtureV6 = std::string(REWIND_FIXTURE_DIR) + "/trace-v6.rwd";
const std::string kFixtureV7 = std::string(REWIND_FIXTURE_DIR) + "/trace-v7.rwd";
const std::string kFixtureV8 = std::string(REWIND_FIXTURE_DIR) + "/trace-v8.rwd";

TEST(Fixture, DISABLED_Regenerate) {
  testing::write_fixture_run(std::string(REWIND_FIXTURE_DIR) + "/trace-v" + std::to_string(kSchemaVersion) + ".rwd");
}

}  // namespace
}  // namespace rw

namespace rw {
namespace {

// Every fixture holds the same run (tests/trace/fixture_run.h), written by schema v1 to v8.
void expect_fixture_run(TraceReader& r) {
  EXPECT_EQ(r.meta().engine_version, "0.1.0");
  auto runs = r.runs();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].command, "schedule");
  EXPECT_EQ(runs[0].program_path, "examples/index.tg");
  EXPECT_EQ(runs[0].program_text, "x = arange(16).reshape(4, 4)\ny = x.T + 0\noutput(y)\n");
  EXPECT_EQ(runs[0].options, (std::vector<std::pair<std::string, std::string>>{{"fusion", "rangeify"}, {"opt", "all"}}));
  EXPECT_EQ(runs[0].ok, false);

  auto passes = r.passes(1);
  ASSERT_EQ(passes.size(), 3u);
  EXPECT_EQ(passes[0].name, "schedule");
  EXPECT_EQ(passes[0].children, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(passes[1].name, "fold");
  EXPECT_EQ(passes[1].step_count, 12);
  EXPECT_EQ(passes[1].input_root, 60);
  EXPECT_EQ(passes[1].output_root, 93);
  EXPECT_EQ(passes[2].ok, false);
  EXPECT_EQ(passes[2].error, "unsupported: DEFINE_VAR y has no buffer at examples/index.tg:2:5");

  auto steps = r.steps(2, 0, 2);
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].rule_text, "x+0 -> x");
  EXPECT_EQ(steps[0].matched, 4);
  EXPECT_EQ(steps[0].replacement, 1);
  EXPECT_EQ(steps[0].bound, (std::vector<BoundRow>{{"x", 1}}));
  EXPECT_EQ(steps[1].matched, 64);

  auto rules = r.rules(1);
  ASSERT_EQ(rules.size(), 3u);
  EXPECT_EQ(rules[0].text, "x+0 -> x");
  EXPECT_EQ(rules[0].fire_count, 6);
  EXPECT_EQ(rules[1].fire_count, 5);
  EXPECT_EQ(rules[2].text, "(x*c1)*c2 -> x*(c1*c2)");
  EXPECT_EQ(rules[2].line, 42);

  auto n4 = r.node(1, 4);
  ASSERT_TRUE(n4);
  EXPECT_EQ(n4->op, "ADD");
  EXPECT_EQ(n4->srcs, (std::vector<int64_t>{1, 3}));
  EXPECT_EQ(n4->vmin, 0);
  EXPECT_EQ(n4->vmax, 7);
  EXPECT_EQ(n4->hash, uint64_t(-5946498673156486146));
  auto x = r.node(1, 0);
  ASSERT_TRUE(x);
  EXPECT_EQ(x->provenance, "examples/index.tg:1:5");

  EXPECT_EQ(r.checkpoints(2).size(), 3u);
  GraphAt end = r.graph_at(2, 12);
  EXPECT_EQ(end.root, 93);  // the checkpoint's stand-in resolves to the output stored later
  EXPECT_EQ(end.nodes.back().op, "SINK");
  EXPECT_EQ(end.nodes.size(), 27u);
  GraphAt mid = r.graph_at(2, 6);
  EXPECT_EQ(mid.from_checkpoint_step, 4);
  EXPECT_EQ(mid.matched, r.step(2, 6)->matched);

  auto ks = r.kernels(1);
  ASSERT_EQ(ks.size(), 2u);
  EXPECT_EQ(ks[0].name, "E_4_4");
  EXPECT_EQ(ks[0].ast_root, 93);
  EXPECT_EQ(ks[0].computes, std::vector<int64_t>{77});
  EXPECT_EQ(r.timings(1).at(1).min_us, 4.25);
  EXPECT_EQ(r.checks(1).at(1).mismatches, 1);
  EXPECT_EQ(r.decisions(1).at(2).reason, "single_consumer");
  EXPECT_EQ(r.logs(1).at(0).level, "warning");
  auto bufs = r.buffers(1);
  ASSERT_EQ(bufs.size(), 2u);
  EXPECT_EQ(bufs[0].shape, (std::vector<int64_t>{4, 4}));
  EXPECT_EQ(bufs[0].sha256, "5d85718ec594b982c252d0279e5966ffca33a5eaf2a455038d3ab331fde70cea");
  ASSERT_TRUE(bufs[0].data);
  EXPECT_EQ(bufs[0].data->size(), 64u);
  EXPECT_EQ((*bufs[0].data)[20], char(5));

  // Every node and step reads the same through the views as through the reader.
  // (v2 adds two tensor nodes, #94 and #95, after the index expressions.)
  Stmt st(r.db(), "SELECT count(*), sum(id), sum(length(srcs)) FROM uops WHERE run_id = 1 AND id < 94");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.i64(0), 109);
  Stmt ss(r.db(), "SELECT count(*), sum(matched), sum(replacement) FROM steps_v WHERE pass = 'fold'");
  ASSERT_TRUE(ss.step());
  EXPECT_EQ(ss.i64(0), 12);
  int64_t matched = 0, replacement = 0;
  for (const StepRow& s : r.steps(2)) matched += s.matched, replacement += s.replacement;
  EXPECT_EQ(ss.i64(1), matched);
  EXPECT_EQ(ss.i64(2), replacement);
  auto v = r.node(1, 93);
  ASSERT_TRUE(v);
  Stmt sn(r.db(), "SELECT op, dtype, arg, srcs, hash FROM uops_v WHERE run_id = 1 AND id = 93");
  ASSERT_TRUE(sn.step());
  EXPECT_EQ(sn.text(0), v->op);
  EXPECT_EQ(sn.text(1), v->dtype);
  EXPECT_EQ(sn.text(2), v->arg);
  EXPECT_EQ(sn.text(3), format_id_list(v->srcs));
  EXPECT_EQ(uint64_t(sn.i64(4)), v->hash);
}

TEST(Fixture, V1ReadsBackItsRunThroughTheMigration) {
  TraceReader r(kFixtureV1);
  EXPECT_TRUE(r.migrated());
  EXPECT_EQ(r.meta().schema_version, 1);
  EXPECT_EQ(r.meta().compatible_version, 1);
  EXPECT_EQ(r.meta().created_at, "2026-11-27T09:43:13Z");
  expect_fixture_run(r);
  // v1 stored no shapes: the migration leaves them out.
  Stmt sh(r.db(), "SELECT count(*) FROM uops WHERE shape IS NOT NULL");
  ASSERT_TRUE(sh.step());
  EXPECT_EQ(sh.i64(0), 0);
  EXPECT_FALSE(r.node(1, 4)->shape);
  // The migrated copy holds blocks, as a v2 file does.
  Stmt st(r.db(), "SELECT (SELECT count(*) FROM uop_blocks), (SELECT count(*) FROM step_blocks), "
                  "(SELECT value FROM meta WHERE key = 'schema_version')");
  ASSERT_TRUE(st.step());
  EXPECT_GT(st.i64(0), 0);
  EXPECT_GT(st.i64(1), 0);
  EXPECT_EQ(st.text(2), std::to_string(kSchemaVersion));
}

// Files written before v3 measured no tries or times: the migration counts each pass's hits
// from its steps and leaves the rest unknown.
void expect_rule_stats_from_steps(TraceReader& r) {
  auto fold = r.rule_stats(2);
  ASSERT_EQ(fold.size(), 3u);
  EXPECT_EQ(fold[0].text, "x+0 -> x");
  EXPECT_EQ(fold[0].hits, 6);
  EXPECT_FALSE(fold[0].tries);
  EXPECT_FALSE(fold[0].ns);
  EXPECT_FALSE(fold[0].hit_rate());
  EXPECT_EQ(fold[1].hits, 5);
  EXPECT_EQ(fold[2].hits, 1);
  EXPECT_TRUE(r.rule_stats(3).empty());  // no steps
  EXPECT_EQ(r.run_rule_stats(1).size(), 3u);
}

TEST(Fixture, V1AndV2GetTheirHitsPerPassFromTheMigration) {
  for (const std::string& f : {kFixtureV1, kFixtureV2}) {
    TraceReader r(f);
    expect_rule_stats_from_steps(r);
  }
}

TEST(Fixture, V2ReadsBackItsRunThroughTheMigration) {
  TraceReader r(kFixtureV2);
  EXPECT_TRUE(r.migrated());
  EXPECT_EQ(r.meta().schema_version, 2);
  EXPECT_EQ(r.meta().compatible_version, 2);
  EXPECT_EQ(r.meta().created_at, "2026-11-27T11:19:25Z");
  expect_fixture_run(r);
  // The tensor-graph node of the last decision has its shape; index nodes have none.
  auto d = r.decisions(1);
  ASSERT_EQ(d.size(), 4u);
  ASSERT_TRUE(d[3].node);
  auto xt = r.node(1, *d[3].node);
  ASSERT_TRUE(xt);
  EXPECT_EQ(xt->op, "RESHAPE");
  EXPECT_EQ(xt->shape, (std::vector<int64_t>{4, 4}));
  ASSERT_EQ(xt->srcs.size(), 1u);
  EXPECT_EQ(r.node(1, xt->srcs[0])->shape, (std::vector<int64_t>{16}));
  EXPECT_FALSE(r.node(1, 4)->shape);  // ADD of a variable: an index expression
  Stmt sh(r.db(), "SELECT shape FROM uops_v WHERE run_id = 1 AND op = 'RESHAPE'");
  ASSERT_TRUE(sh.step());
  EXPECT_EQ(sh.text(0), "[4,4]");
}


// The rule statistics of the fixture run, as v3 and later files hold them.
void expect_measured_rule_stats(TraceReader& r) {
  // The fold pass tried x+0 on its 20 ADD nodes, the two MUL rules on MUL nodes (x*1 first);
  // hits are the rules' fire counts. Times: the test folder's 10 ns per try + 50 per hit.
  auto fold = r.rule_stats(2);
  ASSERT_EQ(fold.size(), 3u);
  EXPECT_EQ(fold[0].text, "x+0 -> x");
  EXPECT_EQ(fold[0].tries, 20);
  EXPECT_EQ(fold[0].hits, 6);
  EXPECT_EQ(fold[0].ns, 500);
  EXPECT_DOUBLE_EQ(*fold[0].hit_rate(), 0.3);
  EXPECT_EQ(fold[1].text, "x*1 -> x");
  EXPECT_EQ(fold[1].tries, 21);
  EXPECT_EQ(fold[1].hits, 5);
  EXPECT_EQ(fold[2].text, "(x*c1)*c2 -> x*(c1*c2)");
  EXPECT_EQ(fold[2].tries, 16);
  EXPECT_EQ(fold[2].hits, 1);
  EXPECT_EQ(fold[2].line, 42);
  EXPECT_TRUE(r.rule_stats(1).empty());  // the group pass tried nothing itself
  // Per run: the same, summed over the one pass that has any.
  auto run = r.run_rule_stats(1);
  ASSERT_EQ(run.size(), 3u);
  EXPECT_EQ(run[1].tries, 21);
  // Hits agree with the rules' fire counts.
  for (const RuleRow& rule : r.rules(1)) {
    for (const RuleStatRow& st : run) {
      if (st.rule_id == rule.id) {
        EXPECT_EQ(st.hits, rule.fire_count) << rule.text;
      }
    }
  }
  Stmt st(r.db(), "SELECT sum(tries), sum(hits), sum(ns) FROM rule_stats WHERE pass_id = 2");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.i64(0), 57);
  EXPECT_EQ(st.i64(1), 12);
  EXPECT_EQ(st.i64(2), 1170);
}

TEST(Fixture, V3ReadsBackItsRunWithRuleStatistics) {
  TraceReader r(kFixtureV3);
  EXPECT_TRUE(r.migrated());
  EXPECT_EQ(r.meta().schema_version, 3);
  EXPECT_EQ(r.meta().compatible_version, 2);  // a v2 reader reads it, without rule statistics
  EXPECT_EQ(r.meta().created_at, "2026-11-27T12:08:32Z");
  expect_fixture_run(r);
  expect_measured_rule_stats(r);
  // The migration moves each run's fire counts to runs.rule_fires, by rule id.
  Stmt st(r.db(), "SELECT rule_fires FROM runs WHERE id = 1");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.text(0), "[[1,6],[2,5],[3,1]]");
}

// The run's row names the range of its passes' ids; no index on passes(run_id) is left.
void expect_pass_range(TraceReader& r) {
  Stmt st(r.db(), "SELECT first_pass, last_pass, (SELECT count(*) FROM sqlite_master WHERE name = 'passes_by_run') FROM runs WHERE id = 1");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.i64(0), 1);
  EXPECT_EQ(st.i64(1), 3);
  EXPECT_EQ(st.i64(2), 0);
  EXPECT_NE(r.run_passes(1).find("b.run_id = 1 AND b.first_pass >= 1 AND b.first_pass <= 3"), std::string::npos) << r.run_passes(1);
}

// Ended passes are records in pass blocks (schema v6, written or migrated), running ones rows
// of open_passes; the view `passes` reads both with the v5 columns.
void expect_pass_blocks(TraceReader& r) {
  Stmt st(r.db(), "SELECT (SELECT count(*) FROM pass_blocks), (SELECT count(*) FROM open_passes), (SELECT count(*) FROM passes), "
                  "(SELECT group_concat(id) FROM (SELECT id FROM passes ORDER BY id)), "
                  "(SELECT error FROM passes WHERE id = 3), (SELECT typeof(rule_counts) FROM passes WHERE id = 2)");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.i64(0), 1);
  EXPECT_EQ(st.i64(1), 0);
  EXPECT_EQ(st.i64(2), 3);
  EXPECT_EQ(st.text(3), "1,2,3");
  EXPECT_EQ(st.text(4), "unsupported: DEFINE_VAR y has no buffer at examples/index.tg:2:5");
  EXPECT_EQ(st.text(5), "text");  // JSON text, as the v5 column held it
  auto one = r.pass(2);
  ASSERT_TRUE(one);
  EXPECT_EQ(one->name, "fold");
  EXPECT_EQ(one->step_count, 12);
  EXPECT_EQ(r.pass(1)->children, (std::vector<int64_t>{2, 3}));
  EXPECT_FALSE(r.pass(4));
}

TEST(Fixture, V4ReadsBackItsRunWithRulesStoredOncePerTrace) {
  TraceReader r(kFixtureV4);
  EXPECT_TRUE(r.migrated());
  EXPECT_EQ(r.meta().schema_version, 4);
  EXPECT_EQ(r.meta().compatible_version, 4);  // a v3 reader would look for rules.run_id
  expect_fixture_run(r);
  expect_measured_rule_stats(r);
  Stmt st(r.db(), "SELECT rule_fires FROM runs WHERE id = 1");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.text(0), "[[1,6],[2,5],[3,1]]");
  // rules_v has one row per rule (joins on its id stay one-to-one); run_rules_v adds the run.
  Stmt cols(r.db(), "SELECT (SELECT count(*) FROM rules_v), (SELECT count(DISTINCT id) FROM rules_v), "
                    "(SELECT count(*) FROM run_rules_v WHERE run_id = 1 AND fire_count > 0)");
  ASSERT_TRUE(cols.step());
  EXPECT_EQ(cols.i64(0), 3);
  EXPECT_EQ(cols.i64(1), 3);
  EXPECT_EQ(cols.i64(2), 3);
  expect_pass_range(r);  // computed by the migration
  expect_pass_blocks(r);
}

TEST(Fixture, V5ReadsBackItsRunWithItsPassRange) {
  TraceReader r(kFixtureV5);
  EXPECT_TRUE(r.migrated());
  EXPECT_EQ(r.meta().schema_version, 5);
  EXPECT_EQ(r.meta().compatible_version, 4);  // v5 only adds columns: a v4 reader reads it
  expect_fixture_run(r);
  expect_measured_rule_stats(r);
  expect_pass_range(r);  // written by the tracer
  expect_pass_blocks(r);  // made by the migration
}

// The times of the fixture's passes as the file itself holds them in pass_blocks (id, begin,
// end), read without the reader (and so without a migration).
std::vector<std::array<int64_t, 3>> stored_pass_times(const std::string& path) {
  Db raw(path, SQLITE_OPEN_READONLY);
  Stmt st(raw, "SELECT p.value ->> 0, p.value ->> 11, p.value ->> 12 FROM pass_blocks b, json_each(b.passes) p ORDER BY 1");
  std::vector<std::array<int64_t, 3>> out;
  while (st.step()) out.push_back({st.i64(0), st.i64(1), st.i64(2)});
  return out;
}

// Pass times since the epoch, the same through the reader and through the view `passes`,
// inside their run's span; `stored_relative`: the file's records hold them relative to the
// run's start (v7) rather than since the epoch (v6).
void expect_pass_times(TraceReader& r, const std::string& path, bool stored_relative) {
  const RunRow run = r.runs().at(0);
  ASSERT_TRUE(run.end_time_ns);
  const std::vector<std::array<int64_t, 3>> stored = stored_pass_times(path);
  ASSERT_EQ(stored.size(), 3u);
  std::vector<PassRow> passes = r.passes(run.id);
  ASSERT_EQ(passes.size(), 3u);
  std::sort(passes.begin(), passes.end(), [](const PassRow& a, const PassRow& b) { return a.id < b.id; });
  Stmt view(r.db(), "SELECT id, begin_time_ns, end_time_ns FROM passes ORDER BY id");
  for (size_t i = 0; i < passes.size(); ++i) {
    const PassRow& p = passes[i];
    ASSERT_TRUE(view.step());
    EXPECT_EQ(view.i64(0), p.id);
    EXPECT_EQ(view.i64(1), p.begin_time_ns) << "pass " << p.id;
    EXPECT_EQ(view.i64(2), *p.end_time_ns) << "pass " << p.id;
    EXPECT_GE(p.begin_time_ns, run.start_time_ns) << "pass " << p.id;
    EXPECT_LE(p.begin_time_ns, *p.end_time_ns) << "pass " << p.id;
    EXPECT_LE(*p.end_time_ns, *run.end_time_ns) << "pass " << p.id;
    const int64_t offset = stored_relative ? run.start_time_ns : 0;
    EXPECT_EQ(stored[i][0], p.id);
    EXPECT_EQ(stored[i][1] + offset, p.begin_time_ns) << "pass " << p.id;
    EXPECT_EQ(stored[i][2] + offset, *p.end_time_ns) << "pass " << p.id;
  }
}

TEST(Fixture, V6ReadsBackItsRunWithItsPassTimesSinceTheEpoch) {
  TraceReader r(kFixtureV6);
  EXPECT_TRUE(r.migrated());
  EXPECT_EQ(r.meta().schema_version, 6);
  EXPECT_EQ(r.meta().compatible_version, 6);  // a v5 reader would miss the steps short passes keep inline
  expect_fixture_run(r);
  expect_measured_rule_stats(r);
  expect_pass_range(r);
  expect_pass_blocks(r);  // written by the tracer
  expect_pass_times(r, kFixtureV6, false);  // made relative by the migration, given back whole by the reader
}

TEST(Fixture, V7ReadsBackItsRunWithPassTimesRelativeToTheRun) {
  TraceReader r(kFixtureV7);
  EXPECT_TRUE(r.migrated());
  EXPECT_EQ(r.meta().schema_version, 7);
  EXPECT_EQ(r.meta().compatible_version, 7);  // a v6 reader would take relative pass times for times since the epoch
  expect_fixture_run(r);
  expect_measured_rule_stats(r);
  expect_pass_range(r);
  expect_pass_blocks(r);
  expect_pass_times(r, kFixtureV7, true);
}

TEST(Fixture, V8ReadsBackItsRun) {
  TraceReader r(kFixtureV8);
  EXPECT_FALSE(r.migrated());
  EXPECT_EQ(r.meta().schema_version, 8);
  EXPECT_EQ(r.meta().compatible_version, 8);  // a v7 reader would find a shared node block empty
  expect_fixture_run(r);
  expect_measured_rule_stats(r);
  expect_pass_range(r);
  expect_pass_blocks(r);
  expect_pass_times(r, kFixtureV8, true);
  // One run: every node block holds its own text.
  Stmt st(r.db(), "SELECT count(*), count(same_as_run) FROM uop_blocks");
  ASSERT_TRUE(st.step());
  EXPECT_GT(st.i64(0), 0);
  EXPECT_EQ(st.i64(1), 0);
}

}  // namespace
}  // namespace rw
