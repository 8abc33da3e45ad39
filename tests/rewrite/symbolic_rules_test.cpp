// The symbolic rule table as the trace and the viewer see it: every rule names its family
// (the file it lives in), its line and its algebra, and each step of a simplification is
// reported with the rule that fired.
#include <gtest/gtest.h>

#include <set>

#include "engine/ir/arena.h"
#include "engine/ir/print.h"
#include "engine/rewrite/graph_rewrite.h"
#include "engine/rewrite/symbolic.h"

namespace rw {
namespace {

TEST(SymbolicRules, EveryRuleStatesItsAlgebraAndWhereItLives) {
  const std::set<std::string> families = {"symbolic_fold", "symbolic_identity", "symbolic_combine", "symbolic_div",
                                          "symbolic_mod",  "symbolic_compare",  "symbolic_where",
                                          "symbolic_valid", "symbolic_faults"};  // faults: inert without a FaultScope
  std::set<std::string> seen;
  for (const RulePtr& r : symbolic().rules()) {
    const RuleInfo& info = r->info;
    EXPECT_NE(info.text.find("->"), std::string::npos) << info.text;
    EXPECT_TRUE(families.count(info.family)) << info.family << " for " << info.text;
    EXPECT_EQ(info.file, "engine/rewrite/" + info.family + ".cpp") << info.text;
    EXPECT_GT(info.line, 0) << info.text;
    seen.insert(info.family);
  }
  EXPECT_EQ(seen, families);
}

TEST(SymbolicRules, EachStepNamesTheRuleThatFired) {
  struct Steps : RewriteObserver {
    std::vector<std::string> fired;
    void on_step(std::string_view pass, int64_t, const Rule& rule, UOpPtr matched, UOpPtr replacement) override {
      fired.push_back(std::string(pass) + " " + rule.info.family + ": " + render_expr(matched) + " => " + render_expr(replacement));
    }
  } steps;
  Arena a;
  UOpPtr x = a.var("x", 0, 15), y = a.var("y", 0, 3);
  RewriteObserverScope scope(&steps);
  EXPECT_EQ(simplify(x->mul(int64_t(4))->add(y)->idiv(int64_t(4))), x);
  const std::vector<std::string> want = {
      "symbolic symbolic_div: (x*4+y)//4 => x+y//4",
      "symbolic symbolic_fold: y//4 => 0",
      "symbolic symbolic_identity: x+0 => x",
  };
  EXPECT_EQ(steps.fired, want);
}

TEST(SymbolicRules, SimplifyIsDeterministic) {
  // The same input in two arenas gives the same result and the same steps: nothing depends
  // on pointer values.
  auto run = [](std::vector<std::string>& out) {
    Arena a;
    UOpPtr z = a.var("z", 0, 100), w = a.var("w", -50, 50), v = a.var("v", -9, 9);
    UOpPtr e = v->add(w->mul(int64_t(3)))->add(z)->add(v->mul(int64_t(2)))->sub(w)->mod(int64_t(6));
    struct Steps : RewriteObserver {
      std::vector<std::string>* out;
      void on_step(std::string_view, int64_t, const Rule& rule, UOpPtr m, UOpPtr r) override {
        out->push_back(rule.info.text + ": " + render_expr(m) + " => " + render_expr(r));
      }
    } steps;
    steps.out = &out;
    RewriteObserverScope scope(&steps);
    out.push_back(render_expr(simplify(e)));
  };
  std::vector<std::string> first, second;
  run(first);
  run(second);
  EXPECT_EQ(first, second);
  EXPECT_EQ(first.back(), "(v*3+w*2+z)%6");
}

}  // namespace
}  // namespace rw
