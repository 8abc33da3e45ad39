// "Why didn't this rule fire?", checked against what the trace itself says happened: for
// every node of a pass's input graph, a rule is said to fire exactly when a later step of the
// pass rewrites that node with that rule; every other candidate rule either fails somewhere
// in its pattern (and says where) or matches and is explained.
#include <gtest/gtest.h>

#include <map>

#include "engine/debug/why_not.h"
#include "tests/debug/traced_run.h"

namespace rw::test {
namespace {

void check_pass(TraceReader& reader, const std::string& pass_name) {
  int64_t run = reader.runs().back().id;
  std::optional<PassRow> pass;
  for (const PassRow& p : reader.passes(run))
    if (p.name == pass_name && p.kind == "rewrite" && p.step_count > 0 && !pass) pass = p;
  ASSERT_TRUE(pass) << pass_name;
  // The trace's answer: which node each step rewrote, with which rule (first time only).
  std::map<int64_t, std::pair<int64_t, std::string>> rewritten;
  for (const StepRow& s : reader.steps(pass->id)) rewritten.try_emplace(s.matched, s.step, s.rule_text);
  GraphAt g = reader.graph_at(pass->id, 0);
  int fires = 0, mismatches = 0;
  for (const NodeRow& n : g.nodes) {
    WhyNot w = why_not(reader, run, pass->id, 0, n.id);
    EXPECT_EQ(w.node_id, n.id);
    auto it = rewritten.find(n.id);
    int fired = 0;
    for (const RuleAnswer& a : w.rules) {
      // A matching rule before the one that fired declined; one after it never had its turn.
      if (a.outcome == RuleAnswer::Outcome::PatternMatches) {
        EXPECT_NE(a.detail.find(fired ? "earlier in the table" : "condition declined"), std::string::npos) << a.rule << ": " << a.detail;
      }
      if (a.outcome == RuleAnswer::Outcome::Fires) {
        ++fired;
        ASSERT_NE(it, rewritten.end()) << "node " << n.id << ": '" << a.rule << "' said to fire, but no step rewrites it";
        EXPECT_EQ(a.rule, it->second.second);
        EXPECT_EQ(a.detail, "fires at step " + std::to_string(it->second.first));
      } else if (a.outcome == RuleAnswer::Outcome::Mismatch) {
        ++mismatches;
        EXPECT_NE(a.detail.find('%'), std::string::npos) << a.detail;  // names the node it failed on
      }
    }
    fires += fired;
    if (it != rewritten.end()) {
      EXPECT_EQ(fired, 1) << "node " << n.id << " is rewritten at step " << it->second.first << " by '" << it->second.second << "'";
      EXPECT_TRUE(w.next.starts_with("step " + std::to_string(it->second.first) + " rewrites it")) << w.next;
    } else {
      EXPECT_EQ(fired, 0) << "node " << n.id;
      EXPECT_EQ(w.next, "no later step of this pass rewrites it");
    }
  }
  EXPECT_GT(fires, 0) << pass_name;
  EXPECT_GT(mismatches, 0) << pass_name;
}

TEST(WhyNot, AgreesWithTheTraceOnEveryNodeOfAPass) {
  auto trace = temp_trace("why-softmax");
  ASSERT_TRUE(trace_run(kShared / "conformance/softmax/program.tg", "", trace));
  TraceReader reader(trace.string());
  check_pass(reader, "lower index dtype");
  check_pass(reader, "bufferize to store");
  check_pass(reader, "reshape index");  // the symbolic rules: many candidates per node
}

TEST(WhyNot, ExplainsAMismatchAtTheSubPattern) {
  auto trace = temp_trace("why-pad");
  ASSERT_TRUE(trace_run(kShared / "conformance/pad_sum/program.tg", "", trace));
  TraceReader reader(trace.string());
  int64_t run = reader.runs().back().id;
  // rangeify's input: the PAD node is rewritten at some step, the BUFFER never.
  std::optional<PassRow> rangeify;
  for (const PassRow& p : reader.passes(run))
    if (p.name == "rangeify" && p.kind == "rewrite") rangeify = p;
  ASSERT_TRUE(rangeify);
  GraphAt g = reader.graph_at(rangeify->id, 0);
  for (const NodeRow& n : g.nodes)
    if (n.op == "BUFFER") {
      WhyNot w = why_not(reader, run, rangeify->id, 0, n.id);
      EXPECT_EQ(w.next, "no later step of this pass rewrites it");
      for (const RuleAnswer& a : w.rules) EXPECT_NE(a.outcome, RuleAnswer::Outcome::Fires);
    }
}

TEST(WhyNot, BadQuestionsAreClearErrors) {
  auto trace = temp_trace("why-errors");
  ASSERT_TRUE(trace_run(kShared / "conformance/elementwise/program.tg", "", trace));
  TraceReader reader(trace.string());
  int64_t run = reader.runs().back().id;
  auto message = [&](int64_t pass, int64_t step, int64_t node) -> std::string {
    try {
      why_not(reader, run, pass, step, node);
    } catch (const std::exception& e) {
      return e.what();
    }
    return "";
  };
  EXPECT_NE(message(9999, 0, 1).find("has no pass 9999"), std::string::npos);
  EXPECT_NE(message(1, 0, 123456).find("is not in the graph of pass 1"), std::string::npos) << message(1, 0, 123456);
  // Pass 1 is the "schedule" group: no rules of its own.
  std::vector<PassRow> passes = reader.passes(run);
  GraphAt g = reader.graph_at(passes[0].id, 0);
  EXPECT_NE(message(passes[0].id, 0, g.root).find("not a rewrite pass"), std::string::npos) << message(passes[0].id, 0, g.root);
}

}  // namespace
}  // namespace rw::test
