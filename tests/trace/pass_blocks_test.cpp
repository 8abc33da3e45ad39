// Schema v6 stores ended passes as records of pass blocks, and a short pass that ends in the
// batch it began in keeps its steps in its record. Whatever a pass's storage, the reader and
// the views must give the same passes, steps and graphs.
#include <gtest/gtest.h>

#include "engine/trace/sqlite_tracer.h"
#include "engine/trace/trace_reader.h"
#include "tests/trace/trace_test_util.h"

namespace rw {
namespace {

struct FoldedPass {
  UOpPtr in, out;
  std::vector<testing::Step> log;
};

// Folds a random expression as one pass; returns the input, the output and the steps.
FoldedPass fold_pass(SqliteTracer& t, Arena& a, const testing::FoldRules& rules, uint32_t seed, int nodes) {
  FoldedPass p;
  p.in = testing::random_expression(a, seed, nodes);
  t.begin_pass("fold " + std::to_string(seed), "rewrite", p.in);
  testing::Folder f(t, rules, p.log);
  p.out = f.rewrite(p.in);
  t.end_pass(p.out, true, {}, f.rule_stats());
  return p;
}

int64_t scalar(TraceReader& r, const std::string& sql) {
  Stmt st(r.db(), sql);
  EXPECT_TRUE(st.step()) << sql;
  return st.i64(0);
}

TEST(PassBlocks, ShortPassesKeepTheirStepsInlineAndReadTheSameAsBlocks) {
  auto dir = testing::temp_dir("pass_blocks");
  std::string path = (dir / "t.rwd").string();
  Arena a;
  testing::FoldRules rules;
  std::vector<FoldedPass> folded;
  {
    SqliteTracer t(path);
    t.begin_run({"run", "", "", {}, "v"});
    // Seeds picked for their step counts: a few short passes (inline) and long ones (blocks).
    for (uint32_t seed = 1; seed <= 40; ++seed) folded.push_back(fold_pass(t, a, rules, seed, seed % 4 == 0 ? 400 : 12));
    t.end_run(true);
    t.close();
  }
  TraceReader r(path);
  size_t inline_passes = 0, block_passes = 0;
  for (size_t i = 0; i < folded.size(); ++i) {
    const int64_t pass_id = int64_t(i) + 1;
    const FoldedPass& f = folded[i];
    const int64_t n = int64_t(f.log.size());
    const int64_t rows = scalar(r, "SELECT count(*) FROM step_blocks WHERE pass_id = " + std::to_string(pass_id));
    // Inline exactly when the pass is short: never both, never neither (for a pass with steps).
    if (n > 0 && n <= 32) {
      EXPECT_EQ(rows, 0) << pass_id;
      ++inline_passes;
    } else if (n > 32) {
      EXPECT_GT(rows, 0) << pass_id;
      ++block_passes;
    }
    auto p = r.pass(pass_id);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->step_count, n);
    auto steps = r.steps(pass_id);
    ASSERT_EQ(int64_t(steps.size()), n) << pass_id;
    for (int64_t k = 0; k < n; ++k) {
      EXPECT_EQ(steps[size_t(k)].step, k + 1);
      EXPECT_EQ(steps[size_t(k)].matched, int64_t(f.log[size_t(k)].matched->id));
      EXPECT_EQ(steps[size_t(k)].replacement, int64_t(f.log[size_t(k)].replacement->id));
    }
    if (n > 0) {
      auto last = r.step(pass_id, n);
      ASSERT_TRUE(last);
      EXPECT_EQ(last->replacement, int64_t(f.log.back().replacement->id));
      EXPECT_FALSE(r.step(pass_id, n + 1));
      auto page = r.steps(pass_id, 1, 2);  // a page from step 2
      ASSERT_EQ(page.size(), size_t(std::min<int64_t>(2, n - 1)));
      if (!page.empty()) {
        EXPECT_EQ(page[0].step, 2);
      }
      // The graph after the last step is the pass's output.
      EXPECT_EQ(r.graph_at(pass_id, n).root, int64_t(f.out->id));
    }
    // The view reads the same steps, wherever they are kept.
    EXPECT_EQ(scalar(r, "SELECT count(*) FROM steps WHERE pass_id = " + std::to_string(pass_id)), n);
    EXPECT_EQ(scalar(r, "SELECT coalesce(sum(matched), 0) FROM steps WHERE pass_id = " + std::to_string(pass_id)),
              [&] {
                int64_t s = 0;
                for (const auto& st : f.log) s += int64_t(st.matched->id);
                return s;
              }());
  }
  EXPECT_GT(inline_passes, 5u);
  EXPECT_GT(block_passes, 5u);
  // Every pass is one record of a block; none is left in open_passes.
  EXPECT_EQ(scalar(r, "SELECT count(*) FROM passes"), int64_t(folded.size()));
  EXPECT_EQ(scalar(r, "SELECT count(*) FROM open_passes"), 0);
  EXPECT_EQ(int64_t(r.passes(1).size()), int64_t(folded.size()));
}

// A pass that spans a batch boundary had its early steps written to step blocks: it keeps
// them there, and its later steps too, rather than splitting them between the two places.
TEST(PassBlocks, APassSpanningBatchesKeepsAllItsStepsInBlocks) {
  auto dir = testing::temp_dir("pass_blocks_span");
  std::string path = (dir / "t.rwd").string();
  Arena a;
  testing::FoldRules rules;
  SqliteTracer t(path);
  t.begin_run({"run", "", "", {}, "v"});
  UOpPtr in = testing::random_expression(a, 7, 12);
  t.begin_pass("fold", "rewrite", in);
  std::vector<testing::Step> log;
  testing::Folder f(t, rules, log);
  UOpPtr out = f.rewrite(in);
  ASSERT_GT(log.size(), 1u);
  t.flush();  // the batch ends with the pass open: its steps go to a step block
  UOpPtr in2 = testing::random_expression(a, 8, 12);
  f.rewrite(in2);
  t.end_pass(out, true);
  t.end_run(true);
  t.close();
  TraceReader r(path);
  EXPECT_GT(scalar(r, "SELECT count(*) FROM step_blocks WHERE pass_id = 1"), 0);
  EXPECT_EQ(int64_t(r.steps(1).size()), int64_t(log.size()));
  EXPECT_EQ(scalar(r, "SELECT count(*) FROM steps WHERE pass_id = 1"), int64_t(log.size()));
  Stmt st(r.db(), "SELECT json_array_length(p.value) FROM pass_blocks b, json_each(b.passes) p WHERE p.value ->> 0 = 1");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.i64(0), 14);  // no inline steps
}

// A pass nested deeper than a pass mark's 16-bit depth is sent as an event instead; the
// reader sees one tree either way, with every depth, parent and order as begun.
TEST(PassBlocks, PassesNestedBeyondAMarksDepthReadTheSame) {
  auto dir = testing::temp_dir("pass_blocks_deep");
  std::string path = (dir / "t.rwd").string();
  constexpr int64_t kDepth = 70'000;  // over 65,535
  {
    SqliteTracer t(path);
    t.begin_run({"run", "", "", {}, "v"});
    for (int64_t d = 0; d < kDepth; ++d) t.begin_pass(d % 2 ? "odd" : "even", "group", nullptr);
    for (int64_t d = 0; d < kDepth; ++d) t.end_pass(nullptr, true);
    t.end_run(true);
    t.close();
  }
  TraceReader r(path);
  std::vector<PassRow> passes = r.passes(1);
  ASSERT_EQ(int64_t(passes.size()), kDepth);
  for (int64_t d = 0; d < kDepth; ++d) {
    const PassRow& p = passes[size_t(d)];
    ASSERT_EQ(p.id, d + 1);
    ASSERT_EQ(p.depth, d) << p.id;
    ASSERT_EQ(p.seq, d + 1) << p.id;
    ASSERT_EQ(p.name, d % 2 ? "odd" : "even") << p.id;
    ASSERT_EQ(p.parent_id.value_or(0), d) << p.id;
    ASSERT_EQ(p.ok, std::optional<bool>(true)) << p.id;
    ASSERT_GE(p.end_time_ns.value_or(-1), p.begin_time_ns) << p.id;
  }
}

}  // namespace
}  // namespace rw
