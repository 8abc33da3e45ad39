#include <gtest/gtest.h>

#include <functional>

#include "engine/inspect/trace_points.h"
#include "tests/inspect/inspect_traces.h"

namespace rw {
namespace {

std::string error_of(const std::function<void()>& f) {  // the TraceError's text, "" when none
  try {
    f();
  } catch (const TraceError& e) {
    return e.what();
  }
  return "";
}

TEST(TracePoints, PassesByIdOrNameAndGraphsByStep) {
  TraceReader r(testing::traced_run("softmax", "rangeify"));
  EXPECT_EQ(pick_run(r, std::nullopt).id, 1);
  EXPECT_EQ(pick_pass(r, 1, "6").name, "rangeify");
  // "rangeify" names a schedule pass and the rewrite pass inside it: the innermost is meant.
  EXPECT_EQ(pick_pass(r, 1, "rangeify").id, 6);
  GraphPoint in = parse_graph_point(r, 1, "rangeify:in");
  EXPECT_EQ(in.step, 0);
  EXPECT_FALSE(in.output);
  GraphPoint out = parse_graph_point(r, 1, "rangeify");
  EXPECT_TRUE(out.output);
  EXPECT_EQ(load_graph(r, out).root, 97);
  // A name with a colon: only a step number, `in` or `out` after the last colon is a step.
  EXPECT_EQ(parse_graph_point(r, 1, "24:0").pass.name, "opt: upcast");
  std::string colon = error_of([&] { parse_graph_point(r, 1, "opt: upcast:0"); });
  EXPECT_NE(colon.find("2 passes are named 'opt: upcast'"), std::string::npos) << colon;
  // The output of a pass and the graph after its last step are the same graph.
  PointGraph last = load_graph(r, parse_graph_point(r, 1, "6:20"));
  EXPECT_EQ(last.root, 97);
}

TEST(TracePoints, MistakesListWhatIsValid) {
  TraceReader r(testing::traced_run("softmax", "rangeify"));
  EXPECT_NE(error_of([&] { pick_run(r, 3); }).find("has no run 3; its runs are 1 (run "), std::string::npos);
  std::string ambiguous = error_of([&] { pick_pass(r, 1, "reshape index"); });
  EXPECT_NE(ambiguous.find("3 passes are named 'reshape index' in run 1 of " + r.path() + " (ids 7, 8, 9); give the pass id instead"), std::string::npos) << ambiguous;
  std::string unknown = error_of([&] { pick_pass(r, 1, "rangify"); });
  EXPECT_NE(unknown.find("no pass named 'rangify'"), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("\n  6      rangeify  (20 steps)"), std::string::npos) << unknown;
  std::string step = error_of([&] { parse_graph_point(r, 1, "6:21"); });
  EXPECT_NE(step.find("step 21 is out of range for pass 6 (rangeify)"), std::string::npos) << step;
  EXPECT_NE(step.find("it has steps 0..20, `in` and `out`"), std::string::npos) << step;
}

}  // namespace
}  // namespace rw
