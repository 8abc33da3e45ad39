// Reading what `rewind bisect --json --progress` prints: progress lines and the result.
#include <gtest/gtest.h>

#include <QDir>

#include "viewers/background_command.h"
#include "viewers/bisect_banner.h"
#include "viewers/bisect_result.h"
#include "viewers/rerun_command.h"

namespace rw::viewer {
namespace {

TEST(ProgressLine, ReadsDoneTotalAndTheMessageWithSpaces) {
  CommandProgress p;
  ASSERT_TRUE(parse_progress_line("progress 3 17 evaluating step 7 of rangeify", &p));
  EXPECT_EQ(p.done, 3);
  EXPECT_EQ(p.total, 17);
  EXPECT_EQ(p.message, "evaluating step 7 of rangeify");
  ASSERT_TRUE(parse_progress_line("progress 0 0", &p));
  EXPECT_EQ(p.total, 0);
  EXPECT_EQ(p.message, "");
  EXPECT_FALSE(parse_progress_line("rewind bisect: no such run", &p));
  EXPECT_FALSE(parse_progress_line("progress three 4 x", &p));
  EXPECT_FALSE(parse_progress_line("progress 1", &p));
  EXPECT_FALSE(parse_progress_line("progress -1 4 x", &p));
}

TEST(BisectResult, ReadsAWrongStepWithItsDiff) {
  QString error;
  auto r = parse_bisect_result(R"({"verdict": "wrong-step", "run": 1, "summary": "step 7 of rangeify breaks y",
    "culprit": {"pass_id": 12, "pass": "rangeify", "step": 7, "rule": "FAULT pad-mask: drop the mask",
                "location": "engine/schedule/rangeify_faults.cpp:31"},
    "diff": {"buffer": "y", "count": 1, "total": 7, "first_index": 6, "got": 2.41, "want": 0.0}, "evaluated": 9})",
                               &error);
  ASSERT_TRUE(r) << error.toStdString();
  EXPECT_EQ(r->verdict, BisectResult::Verdict::WrongStep);
  EXPECT_EQ(r->verdictName(), "wrong-step");
  EXPECT_EQ(r->pass_id, 12);
  EXPECT_EQ(r->step, 7);
  EXPECT_EQ(r->stepToShow(), 7);
  EXPECT_EQ(r->rule, "FAULT pad-mask: drop the mask");
  EXPECT_EQ(r->location, "engine/schedule/rangeify_faults.cpp:31");
  ASSERT_TRUE(r->diff);
  EXPECT_EQ(r->diff->buffer, "y");
  EXPECT_EQ(r->diff->first_index, 6);
  EXPECT_DOUBLE_EQ(r->diff->got, 2.41);
  EXPECT_EQ(r->evaluated, 9);
  EXPECT_EQ(describe_bisect_result(*r).toStdString(),
            "<b>Bisect: the first wrong step is step 7 of pass rangeify</b><br>step 7 of rangeify breaks y<br>"
            "rule <code>FAULT pad-mask: drop the mask</code> · at engine/schedule/rangeify_faults.cpp:31 · "
            "y: 1 values wrong, first at [6]: got 2.41, want 0 · 9 snapshots evaluated");
}

TEST(BisectResult, AnAccessOutsideABufferShowsWhatWasAccessed) {
  QString error;
  auto r = parse_bisect_result(R"J({"verdict": "wrong-step", "run": 1, "summary": "s",
    "culprit": {"pass_id": 6, "pass": "rangeify", "step": 4, "rule": "R", "location": "f.cpp:1"},
    "diff": {"kernel": "", "buffer": "(out-of-bounds access)", "count": 0, "first_index": -1, "got": 0, "want": 0,
             "detail": "out-of-bounds access: index 35 out of bounds [0, 35)"}, "evaluated": 6})J",
                               &error);
  ASSERT_TRUE(r) << error.toStdString();
  ASSERT_TRUE(r->diff);
  QString text = describe_bisect_result(*r);
  EXPECT_TRUE(text.contains("out-of-bounds access: index 35 out of bounds [0, 35)")) << text.toStdString();
  EXPECT_FALSE(text.contains("values wrong")) << text.toStdString();
}

TEST(BisectResult, IntervalsShowTheirFirstCandidateStep) {
  QString error;
  auto r = parse_bisect_result(R"({"verdict": "interval", "run": 2, "summary": "s",
    "culprit": {"pass_id": 4, "pass": "p", "from_step": 10, "to_step": 14}})", &error);
  ASSERT_TRUE(r) << error.toStdString();
  EXPECT_EQ(r->from_step, 10);
  EXPECT_EQ(r->to_step, 14);
  EXPECT_EQ(r->stepToShow(), 11);
  EXPECT_FALSE(r->diff);
}

TEST(BisectResult, KernelVerdictsNameTheKernelAndMaybeItsPass) {
  QString error;
  auto r = parse_bisect_result("note: reference evaluated\n{\"verdict\": \"after-graph\", \"run\": 1, \"summary\": \"s\", \"culprit\": {\"kernel\": \"r_7_9\"}}",
                               &error);
  ASSERT_TRUE(r) << error.toStdString();
  EXPECT_EQ(r->kernel, "r_7_9");
  EXPECT_FALSE(r->pass_id);
  EXPECT_FALSE(r->stepToShow());
  r = parse_bisect_result(R"({"verdict": "linearize", "run": 1, "summary": "s", "culprit": {"kernel": "E_4", "pass_id": 30}})", &error);
  ASSERT_TRUE(r) << error.toStdString();
  EXPECT_EQ(r->pass_id, 30);
  EXPECT_FALSE(r->stepToShow());
}

TEST(BisectResult, MalformedResultsSayWhatIsWrong) {
  QString error;
  EXPECT_FALSE(parse_bisect_result("", &error));
  EXPECT_EQ(error, "bisect printed no result on stdout");
  EXPECT_FALSE(parse_bisect_result("{\"verdict\": \"wrong-step\", \"run\": 1", &error));
  EXPECT_TRUE(error.startsWith("bisect's result is not a JSON object")) << error.toStdString();
  EXPECT_FALSE(parse_bisect_result(R"({"verdict": "maybe", "run": 1})", &error));
  EXPECT_TRUE(error.contains("unknown verdict \"maybe\"")) << error.toStdString();
  EXPECT_FALSE(parse_bisect_result(R"({"verdict": "wrong-step", "run": 1, "culprit": {"pass_id": 3}})", &error));
  EXPECT_EQ(error, "bisect's wrong-step result lacks culprit.\"step\" (an integer)");
  EXPECT_FALSE(parse_bisect_result(R"({"verdict": "wrong-step", "run": 1, "culprit": {"pass_id": 3.5, "step": 1}})", &error));
  EXPECT_EQ(error, "bisect's wrong-step result lacks culprit.\"pass_id\" (an integer)");
  EXPECT_FALSE(parse_bisect_result(R"({"verdict": "after-graph", "run": 1, "culprit": {}})", &error));
  EXPECT_EQ(error, "bisect's after-graph result lacks culprit.\"kernel\" (a name)");
  auto ok = parse_bisect_result(R"({"verdict": "correct", "run": 1, "summary": "all 3 outputs match"})", &error);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->verdict, BisectResult::Verdict::Correct);
}

TEST(Rerun, ArgumentsAndOutputNamesSayWhatChanged) {
  RerunChange skip;
  skip.run = 1;
  skip.skip_step = std::pair<qint64, qint64>{12, 7};
  const QString dir = QDir::tempPath();
  EXPECT_EQ(rerun_arguments("/t/a.rwd", skip, "/t/a.skip-12-7.rwd"),
            QStringList({"rerun", "/t/a.rwd", "--run", "1", "--skip-step", "12:7", "-o", "/t/a.skip-12-7.rwd"}));
  EXPECT_EQ(rerun_output_path(dir + "/no-such-trace.rwd", skip), dir + "/no-such-trace.skip-12-7.rwd");
  RerunChange rule;
  rule.run = 2;
  rule.disable_rule = "x*1 -> x";
  EXPECT_EQ(rerun_arguments("a.rwd", rule, "b.rwd"), QStringList({"rerun", "a.rwd", "--run", "2", "--disable-rule", "x*1 -> x", "-o", "b.rwd"}));
  const QString name = rerun_output_path(dir + "/no-such-trace.rwd", rule);
  EXPECT_TRUE(name.startsWith(dir + "/no-such-trace.no-x-1-x-")) << name.toStdString();
  EXPECT_TRUE(name.endsWith(".rwd"));
  EXPECT_EQ(rule.describe(), "with rule \"x*1 -> x\" disabled");
  EXPECT_EQ(skip.describe(), "without step 7 of pass #12");
}

}  // namespace
}  // namespace rw::viewer
