// graph_at must give the graph the engine's apply_rewrites gives for every step of a pass,
// whichever checkpoint it starts from.
#include <gtest/gtest.h>

#include <functional>

#include "engine/ir/print.h"
#include "engine/trace/sqlite_tracer.h"
#include "engine/trace/trace_reader.h"
#include "tests/trace/trace_test_util.h"

namespace rw {
namespace {

using testing::FoldRules;
using testing::Folder;
using testing::Step;

// Structure of a graph in toposort order: op, dtype, arg, and sources as positions.
std::vector<std::string> shape_of(UOpPtr root) {
  std::vector<UOpPtr> order = toposort(root);
  std::unordered_map<UOpPtr, size_t> pos;
  std::vector<std::string> out;
  for (UOpPtr n : order) {
    std::string s = std::string(op_name(n->op)) + " " + to_string(n->dtype) + " " + (n->arg.is_none() ? "" : n->arg.to_string()) + " (";
    for (UOpPtr c : n->src) s += std::to_string(pos.at(c)) + ",";
    out.push_back(s + ")");
    pos[n] = out.size() - 1;
  }
  return out;
}

std::vector<std::string> shape_of(const GraphAt& g) {
  std::unordered_map<int64_t, size_t> pos;
  std::vector<std::string> out;
  for (const NodeRow& n : g.nodes) {
    std::string s = n.op + " " + n.dtype + " " + n.arg + " (";
    for (int64_t c : n.srcs) s += std::to_string(pos.at(c)) + ",";
    out.push_back(s + ")");
    pos[n.id] = out.size() - 1;
  }
  return out;
}

struct Recorded {
  std::vector<Step> steps;
  UOpPtr input, output;
};

Recorded fold_into_trace(Arena& a, const std::string& path, SqliteTracerOptions opts, uint32_t seed, int nodes) {
  FoldRules rules;
  Recorded r;
  SqliteTracer t(path, opts);
  t.begin_run({"simplify", "", "", {}, "test"});
  r.input = testing::random_expression(a, seed, nodes);
  t.begin_pass("fold", "rewrite", r.input);
  Folder f(t, rules, r.steps);
  r.output = f.rewrite(r.input);
  t.end_pass(r.output, true);
  t.end_run(true);
  t.close();
  return r;
}

void expect_every_step_matches(Arena& a, const Recorded& r, const std::string& path, int64_t pass_id = 1) {
  TraceReader reader(path);
  auto p = reader.pass(pass_id);
  ASSERT_TRUE(p);
  ASSERT_EQ(p->step_count, int64_t(r.steps.size()));
  NodeMap map;
  for (size_t k = 0; k <= r.steps.size(); ++k) {
    if (k > 0) map[r.steps[k - 1].matched] = r.steps[k - 1].replacement;
    UOpPtr want = apply_rewrites(r.input, map);
    GraphAt got = reader.graph_at(pass_id, int64_t(k));
    ASSERT_EQ(shape_of(got), shape_of(want)) << "step " << k << " (rebuilt from checkpoint " << got.from_checkpoint_step << ")";
    // Nodes the trace knows keep their engine ids.
    std::vector<UOpPtr> order = toposort(want);
    for (size_t i = 0; i < order.size(); ++i) {
      if (got.nodes[i].id >= 0) {
        ASSERT_EQ(got.nodes[i].id, int64_t(order[i]->id)) << "step " << k << " node " << i;
      }
    }
    EXPECT_EQ(got.root, got.nodes.back().id);
    if (k > 0) {
      EXPECT_EQ(got.matched, int64_t(r.steps[k - 1].matched->id));
      EXPECT_EQ(got.replacement, int64_t(r.steps[k - 1].replacement->id));
    }
  }
  EXPECT_EQ(shape_of(reader.graph_at(pass_id, p->step_count)), shape_of(r.output));
}

TEST(GraphAt, MatchesApplyRewritesAtEveryStepWithDenseCheckpoints) {
  auto dir = testing::temp_dir("graph_at_dense");
  Arena a;
  SqliteTracerOptions opts;
  opts.checkpoint_min_spacing = 5;
  opts.checkpoint_divisor = 1000;
  Recorded r = fold_into_trace(a, (dir / "t.rwd").string(), opts, 7, 300);
  ASSERT_GT(r.steps.size(), 100u);
  TraceReader reader((dir / "t.rwd").string());
  auto cps = reader.checkpoints(1);
  ASSERT_GE(cps.size(), r.steps.size() / 5 - 1);
  for (size_t i = 0; i < cps.size(); ++i) EXPECT_EQ(cps[i].step, int64_t(5 * (i + 1)));
  expect_every_step_matches(a, r, (dir / "t.rwd").string());
}

TEST(GraphAt, MatchesApplyRewritesWithDefaultCheckpointSpacing) {
  auto dir = testing::temp_dir("graph_at_default");
  Arena a;
  Recorded r = fold_into_trace(a, (dir / "t.rwd").string(), {}, 11, 2000);
  TraceReader reader((dir / "t.rwd").string());
  auto cps = reader.checkpoints(1);
  ASSERT_FALSE(cps.empty()) << r.steps.size() << " steps over " << toposort(r.input).size() << " nodes";
  // Spacing follows max(64, last checkpoint nodes / 4), the input being checkpoint 0.
  int64_t last = int64_t(toposort(r.input).size()), prev = 0;
  for (const CheckpointRow& c : cps) {
    EXPECT_EQ(c.step - prev, std::max<int64_t>(64, last / 4));
    last = c.node_count;
    prev = c.step;
  }
  expect_every_step_matches(a, r, (dir / "t.rwd").string());
}

// The stored checkpoint graph itself (its root and every node under it, as the file has
// them) is the graph after its step.
std::vector<std::string> stored_shape(TraceReader& r, int64_t run, int64_t root) {
  std::vector<int64_t> order;
  std::unordered_map<int64_t, size_t> pos;
  std::vector<std::string> out;
  std::function<void(int64_t)> visit = [&](int64_t id) {
    if (pos.count(id)) return;
    auto n = r.node(run, id);
    ASSERT_TRUE(n) << "checkpoint node " << id << " is not stored";
    for (int64_t c : n->srcs) visit(c);
    std::string s = n->op + " " + n->dtype + " " + n->arg + " (";
    for (int64_t c : n->srcs) s += std::to_string(pos.at(c)) + ",";
    out.push_back(s + ")");
    pos[id] = out.size() - 1;
  };
  visit(root);
  return out;
}

TEST(GraphAt, CheckpointsAreTheGraphAfterTheirStep) {
  auto dir = testing::temp_dir("graph_at_checkpoints");
  Arena a;
  SqliteTracerOptions opts;
  opts.checkpoint_min_spacing = 16;
  opts.checkpoint_divisor = 1000;
  Recorded r = fold_into_trace(a, (dir / "t.rwd").string(), opts, 3, 200);
  TraceReader reader((dir / "t.rwd").string());
  auto cps = reader.checkpoints(1);
  ASSERT_GE(cps.size(), 3u);
  for (const CheckpointRow& c : cps) {
    NodeMap map;
    for (int64_t k = 0; k < c.step; ++k) map[r.steps[size_t(k)].matched] = r.steps[size_t(k)].replacement;
    UOpPtr want = apply_rewrites(r.input, map);
    EXPECT_EQ(stored_shape(reader, 1, c.root), shape_of(want)) << "checkpoint at step " << c.step;
    EXPECT_EQ(c.node_count, int64_t(toposort(want).size()));
    GraphAt g = reader.graph_at(1, c.step);
    EXPECT_EQ(g.from_checkpoint_step, c.step);
    EXPECT_EQ(shape_of(g), shape_of(want));
  }
}

TEST(GraphAt, StepZeroIsThePassInputAndOutOfRangeIsAnError) {
  auto dir = testing::temp_dir("graph_at_zero");
  Arena a;
  Recorded r = fold_into_trace(a, (dir / "t.rwd").string(), {}, 5, 50);
  TraceReader reader((dir / "t.rwd").string());
  GraphAt g = reader.graph_at(1, 0);
  EXPECT_EQ(g.root, int64_t(r.input->id));
  EXPECT_EQ(shape_of(g), shape_of(r.input));
  EXPECT_FALSE(g.matched);
  EXPECT_THROW(reader.graph_at(1, int64_t(r.steps.size()) + 1), TraceError);
  EXPECT_THROW(reader.graph_at(1, -1), TraceError);
  EXPECT_THROW(reader.graph_at(99, 0), TraceError);
}

}  // namespace
}  // namespace rw
