// rewind rerun: the traced run again with one rewrite or one rule switched off. Leaving out
// the faulty step (or disabling the faulty rule) lets the correct rule take the node, so the
// re-run is right; the new trace records the switch and replays with it.
#include <gtest/gtest.h>

#include "engine/debug/bisect.h"
#include "engine/debug/replay.h"
#include "engine/debug/rerun.h"
#include "tests/debug/traced_run.h"

namespace rw::test {
namespace {

struct Faulty {
  std::filesystem::path trace;
  BisectResult culprit;
};

Faulty faulty(const std::string& name, const std::string& program, const std::string& fault) {
  Faulty f{temp_trace(name), {}};
  EXPECT_FALSE(trace_run(kShared / program, fault, f.trace));
  TraceReader reader(f.trace.string());
  f.culprit = bisect(reader);
  EXPECT_EQ(f.culprit.verdict, BisectVerdict::WrongStep);
  return f;
}

std::string option(TraceReader& reader, const std::string& key) {
  const std::vector<RunRow> runs = reader.runs();
  for (const auto& [k, v] : runs.back().options)
    if (k == key) return v;
  return "";
}

TEST(Rerun, SkippingTheFaultyStepMakesTheRunRight) {
  Faulty f = faulty("rerun-skip", "conformance/pad_sum/program.tg", "pad-mask");
  ASSERT_TRUE(f.culprit.culprit);
  TraceReader reader(f.trace.string());
  RerunRequest req;
  req.skip_pass_id = f.culprit.culprit->pass_id;
  req.skip_step = f.culprit.culprit->step;
  req.out_path = temp_trace("rerun-skip-out").string();
  RerunResult r = rerun(reader, req);
  EXPECT_TRUE(r.switched);
  EXPECT_NE(r.switched_what.find("FAULT pad-mask"), std::string::npos) << r.switched_what;
  EXPECT_TRUE(r.ok) << (r.failures.empty() ? r.error : r.failures.front());

  // The new trace says what was left out, and bisecting it replays the same switch.
  TraceReader out(req.out_path);
  EXPECT_EQ(option(out, "skip-step"), std::to_string(f.culprit.culprit->pass_seq) + ":" + std::to_string(f.culprit.culprit->step));
  EXPECT_EQ(option(out, "inject-fault"), "pad-mask");
  ASSERT_TRUE(out.runs().back().ok.has_value());
  EXPECT_TRUE(*out.runs().back().ok);
  EXPECT_EQ(bisect(out).verdict, BisectVerdict::Correct);
}

TEST(Rerun, SkippingAHarmlessStepKeepsTheRunRight) {
  auto trace = temp_trace("rerun-harmless");
  ASSERT_TRUE(trace_run(kShared / "conformance/softmax/program.tg", "", trace));
  TraceReader reader(trace.string());
  // A simplification that is only tidier: without it, x*1 stays x*1 and the values stay
  // right. (Leaving out a step that does real work, like rangeify's, can make it wrong.)
  int64_t pass_id = 0, step = 0;
  for (const PassRow& p : reader.passes(reader.runs().back().id))
    for (const StepRow& s : reader.steps(p.id))
      if (!pass_id && s.rule_text == "x*1 -> x") {
        pass_id = p.id;
        step = s.step;
      }
  ASSERT_GT(pass_id, 0);
  RerunRequest req;
  req.skip_pass_id = pass_id;
  req.skip_step = step;
  req.out_path = temp_trace("rerun-harmless-out").string();
  RerunResult r = rerun(reader, req);
  EXPECT_TRUE(r.switched);
  EXPECT_TRUE(r.ok);
}

TEST(Rerun, DisablingTheFaultyRuleByTextOrLocationMakesTheRunRight) {
  Faulty f = faulty("rerun-rule", "conformance/shrink_flip/program.tg", "shrink-offset");
  TraceReader reader(f.trace.string());
  for (std::string spec : {f.culprit.rule, f.culprit.location}) {
    RerunRequest req;
    req.disable_rules = {spec};
    req.out_path = temp_trace("rerun-rule-out").string();
    RerunResult r = rerun(reader, req);
    EXPECT_TRUE(r.switched) << spec;
    EXPECT_NE(r.switched_what.find("refused"), std::string::npos);
    EXPECT_TRUE(r.ok) << spec;
    TraceReader out(req.out_path);
    EXPECT_EQ(option(out, "disable-rule"), spec);
  }
}

TEST(Rerun, ARuleThatNeverFiresSwitchesNothing) {
  auto trace = temp_trace("rerun-nothing");
  ASSERT_TRUE(trace_run(kShared / "conformance/elementwise/program.tg", "", trace));
  TraceReader reader(trace.string());
  RerunRequest req;
  req.disable_rules = {"no such rule -> nothing"};
  req.out_path = temp_trace("rerun-nothing-out").string();
  RerunResult r = rerun(reader, req);
  EXPECT_FALSE(r.switched);
  EXPECT_TRUE(r.ok);
}

TEST(Rerun, BadRequestsAreClearErrors) {
  auto trace = temp_trace("rerun-errors");
  ASSERT_TRUE(trace_run(kShared / "conformance/elementwise/program.tg", "", trace));
  TraceReader reader(trace.string());
  auto message = [&](RerunRequest req) -> std::string {
    req.out_path = temp_trace("rerun-errors-out").string();
    try {
      rerun(reader, req);
    } catch (const std::exception& e) {
      return e.what();
    }
    return "";
  };
  EXPECT_NE(message({}).find("nothing to switch off"), std::string::npos);
  RerunRequest no_pass;
  no_pass.skip_pass_id = 9999;
  no_pass.skip_step = 1;
  EXPECT_NE(message(no_pass).find("has no pass 9999"), std::string::npos) << message(no_pass);
  RerunRequest no_step;
  no_step.skip_pass_id = 1;
  no_step.skip_step = 100000;
  EXPECT_NE(message(no_step).find("does not exist"), std::string::npos) << message(no_step);
}

TEST(Rerun, StepReferencesAreParsedStrictly) {
  EXPECT_EQ(parse_step_ref("12:7"), std::make_pair(int64_t(12), int64_t(7)));
  for (std::string bad : {"12", "12:", ":7", "0:1", "1:0", "a:b", "1:2:3", "-1:2"}) EXPECT_THROW(parse_step_ref(bad), std::invalid_argument) << bad;
}

}  // namespace
}  // namespace rw::test
