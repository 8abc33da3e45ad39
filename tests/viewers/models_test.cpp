// The item models over a real fixture trace, each under QAbstractItemModelTester.
#include <gtest/gtest.h>

#include <algorithm>

#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>

#include "tests/viewers/fixture_trace.h"
#include "viewers/kernels_model.h"
#include "viewers/rules_model.h"
#include "viewers/trace_filter_proxy.h"
#include "viewers/trace_tree_model.h"

namespace rw::viewer {
namespace {

using Tester = QAbstractItemModelTester;

struct Fixture {
  Fixture() {
    path = (viewer_testing::temp_dir("models") / "fixture.rwd").string();
    viewer_testing::write_fixture_trace(path);
    reader = std::make_shared<TraceReader>(path);
  }
  int64_t pass_named(const std::string& name) {
    for (const PassRow& p : reader->passes(1))
      if (p.name == name) return p.id;
    return 0;
  }
  std::string path;
  std::shared_ptr<TraceReader> reader;
};

TEST(TraceTreeModel, NestsPassesUnderRunsAndPagesSteps) {
  Fixture f;
  int64_t simplify = f.pass_named("simplify");
  ASSERT_GT(simplify, 0);
  int64_t steps = f.reader->pass(simplify)->step_count;
  ASSERT_GE(steps, 5);  // the fixture's rules fire several times

  TraceTreeModel model(f.reader, /*page_size=*/2);
  ASSERT_EQ(model.rowCount(), 1);
  QModelIndex run = model.index(0, 0);
  EXPECT_TRUE(model.data(run).toString().startsWith("run 1: simplify"));
  ASSERT_EQ(model.rowCount(run), 1);
  QModelIndex schedule = model.index(0, 0, run);
  EXPECT_EQ(model.data(schedule).toString(), "schedule");
  ASSERT_EQ(model.rowCount(schedule), 1);  // its child pass; it has no steps of its own
  QModelIndex pass = model.index(0, 0, schedule);
  EXPECT_EQ(model.data(pass).toString(), "simplify");
  EXPECT_EQ(model.data(model.index(0, TraceTreeModel::StepsColumn, schedule)).toLongLong(), steps);

  // Nothing is read until asked for, then one page at a time.
  EXPECT_TRUE(model.hasChildren(pass));
  EXPECT_EQ(model.rowCount(pass), 0);
  ASSERT_TRUE(model.canFetchMore(pass));
  model.fetchMore(pass);
  EXPECT_EQ(model.rowCount(pass), 2);
  while (model.canFetchMore(pass)) model.fetchMore(pass);
  EXPECT_EQ(model.rowCount(pass), steps);

  StepRow first = *f.reader->step(simplify, 1);
  QModelIndex s1 = model.index(0, 0, pass);
  EXPECT_EQ(model.data(s1).toString(), QString("#1  %1").arg(QString::fromStdString(first.rule_text)));
  EXPECT_EQ(model.data(s1, TraceTreeModel::StepRole).toLongLong(), 1);
  EXPECT_EQ(model.data(s1, TraceTreeModel::PassIdRole).toLongLong(), simplify);
  EXPECT_EQ(model.parent(s1), pass);
  EXPECT_FALSE(model.hasChildren(s1));
  Tester tester(&model, Tester::FailureReportingMode::Fatal);
}

TEST(TraceTreeModel, PassesTheModelTester) {
  Fixture f;
  TraceTreeModel model(f.reader, 3);
  Tester tester(&model, Tester::FailureReportingMode::Fatal);
  int64_t simplify = f.pass_named("simplify");
  QModelIndex pass = model.passIndex(simplify);
  while (model.canFetchMore(pass)) model.fetchMore(pass);  // inserts rows under the tester
  EXPECT_EQ(model.rowCount(pass), f.reader->pass(simplify)->step_count);
}

TEST(TraceTreeModel, StepIndexFetchesOnlyUpToTheStep) {
  Fixture f;
  int64_t simplify = f.pass_named("simplify");
  TraceTreeModel model(f.reader, 2);
  QModelIndex s3 = model.stepIndex(simplify, 3);
  ASSERT_TRUE(s3.isValid());
  EXPECT_EQ(model.data(s3, TraceTreeModel::StepRole).toLongLong(), 3);
  EXPECT_EQ(model.loadedSteps(simplify), 4);  // two pages of two
  EXPECT_EQ(model.stepIndex(simplify, 0), model.passIndex(simplify));
  EXPECT_FALSE(model.stepIndex(simplify, 1000).isValid());
  EXPECT_EQ(model.passOrder().size(), 2u);
}

TEST(TraceFilterProxy, KeepsMatchingStepsAndTheirPasses) {
  Fixture f;
  int64_t simplify = f.pass_named("simplify");
  TraceTreeModel model(f.reader, 100);
  model.stepIndex(simplify, 1);  // read every step (one page)
  TraceFilterProxy proxy;
  proxy.setSourceModel(&model);
  Tester tester(&proxy, Tester::FailureReportingMode::Fatal);
  proxy.setFilterFixedString("x*1");
  QModelIndex run = proxy.index(0, 0);
  QModelIndex pass = proxy.index(0, 0, proxy.index(0, 0, run));
  ASSERT_TRUE(pass.isValid());
  int fired = 0;
  for (const StepRow& s : f.reader->steps(simplify)) fired += s.rule_text == "x*1 -> x";
  ASSERT_GT(fired, 0);
  EXPECT_EQ(proxy.rowCount(pass), fired);
  for (int r = 0; r < proxy.rowCount(pass); ++r) EXPECT_TRUE(proxy.data(proxy.index(r, 0, pass)).toString().contains("x*1 -> x"));
  // A matching pass keeps all of its steps.
  proxy.setFilterFixedString("simplify");
  pass = proxy.index(0, 0, proxy.index(0, 0, proxy.index(0, 0)));
  EXPECT_EQ(proxy.rowCount(pass), f.reader->pass(simplify)->step_count);
  proxy.setFilterFixedString("no such rule");
  EXPECT_EQ(proxy.rowCount(), 0);
}

TEST(RulesModel, SortsByFiresTextAndLocation) {
  Fixture f;
  RulesModel model;
  Tester tester(&model, Tester::FailureReportingMode::Fatal);
  model.setRules(f.reader->rules(1));
  ASSERT_GE(model.rowCount(), 3);
  model.sort(RulesModel::FiresColumn, Qt::DescendingOrder);
  for (int r = 1; r < model.rowCount(); ++r)
    EXPECT_GE(model.data(model.index(r - 1, RulesModel::FiresColumn)).toLongLong(), model.data(model.index(r, RulesModel::FiresColumn)).toLongLong());
  model.sort(RulesModel::TextColumn, Qt::AscendingOrder);
  for (int r = 1; r < model.rowCount(); ++r)
    EXPECT_LE(model.data(model.index(r - 1, 0)).toString().toStdString(), model.data(model.index(r, 0)).toString().toStdString());
  model.sort(RulesModel::LocationColumn, Qt::AscendingOrder);
  QString loc = model.data(model.index(0, RulesModel::LocationColumn)).toString();
  EXPECT_TRUE(loc.contains("fixture_trace.h:")) << loc.toStdString();
  // Rule lines increase down the table.
  for (int r = 1; r < model.rowCount(); ++r) EXPECT_LE(model.rule(r - 1)->line, model.rule(r)->line);
}

TEST(RulesModel, ShowsAndSortsRuleStatistics) {
  Fixture f;
  RulesModel model;
  Tester tester(&model, Tester::FailureReportingMode::Fatal);
  model.setRules(f.reader->rules(1));
  std::vector<RuleStatRow> stats = f.reader->run_rule_stats(1);
  ASSERT_FALSE(stats.empty());
  model.setStats(stats);
  // Every rule with statistics shows the reader's numbers; hits equal fires over the run.
  for (int r = 0; r < model.rowCount(); ++r) {
    const RuleRow* rule = model.rule(r);
    auto st = std::find_if(stats.begin(), stats.end(), [&](const RuleStatRow& s) { return s.rule_id == rule->id; });
    if (st == stats.end()) {
      EXPECT_FALSE(model.data(model.index(r, RulesModel::TriesColumn)).isValid());
      continue;
    }
    EXPECT_EQ(model.data(model.index(r, RulesModel::HitsColumn)).toLongLong(), st->hits);
    EXPECT_EQ(st->hits, rule->fire_count);
    if (st->tries) {
      EXPECT_EQ(model.data(model.index(r, RulesModel::TriesColumn)).toLongLong(), *st->tries);
    }
  }
  model.sort(RulesModel::TriesColumn, Qt::DescendingOrder);
  auto tries = [&](int r) { return model.data(model.index(r, RulesModel::TriesColumn)); };
  for (int r = 1; r < model.rowCount(); ++r)
    if (tries(r).isValid()) {
      ASSERT_TRUE(tries(r - 1).isValid());
      EXPECT_GE(tries(r - 1).toLongLong(), tries(r).toLongLong());
    }
  EXPECT_EQ(model.headerData(RulesModel::TimeColumn, Qt::Horizontal).toString(), QString::fromUtf8("Time µs"));
}

TEST(KernelsModel, JoinsTimingsAndChecks) {
  Fixture f;
  KernelsModel model;
  Tester tester(&model, Tester::FailureReportingMode::Fatal);
  model.setKernels(summarize_kernels(f.reader->kernels(1), f.reader->timings(1), f.reader->checks(1)));
  ASSERT_EQ(model.rowCount(), 2);
  EXPECT_EQ(model.data(model.index(0, KernelsModel::NameColumn)).toString(), "E_16_8");
  EXPECT_EQ(model.data(model.index(0, KernelsModel::MinColumn)).toString(), "2.00");
  EXPECT_EQ(model.data(model.index(0, KernelsModel::GflopsColumn)).toString(), "1.02");  // 2048 flops / 2 us
  EXPECT_EQ(model.data(model.index(0, KernelsModel::GbpsColumn)).toString(), "0.51");
  EXPECT_EQ(model.data(model.index(0, KernelsModel::CheckColumn)).toString(), "pass");
  EXPECT_EQ(model.data(model.index(1, KernelsModel::CheckColumn)).toString(), "FAIL");
  EXPECT_EQ(model.data(model.index(1, KernelsModel::GflopsColumn)).toString(), "");  // flops unknown
  QSortFilterProxyModel sorted;
  sorted.setSourceModel(&model);
  sorted.setSortRole(KernelsModel::SortRole);
  sorted.sort(KernelsModel::MedianColumn, Qt::DescendingOrder);
  EXPECT_EQ(sorted.data(sorted.index(0, 0)).toString(), "r_4_16");
}

}  // namespace
}  // namespace rw::viewer
