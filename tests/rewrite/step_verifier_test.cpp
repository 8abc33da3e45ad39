#include <gtest/gtest.h>

#include "engine/ir/arena.h"
#include "engine/rewrite/expr_parser.h"
#include "engine/rewrite/step_verifier.h"

namespace rw {
namespace {

const UPat x = UPat::var("x"), c = UPat::cvar("c");

TEST(StepVerifier, CatchesACastThatDropsTheIndexDtypeAtTheStepThatBuiltIt) {
  Arena a;
  VarDecls vars;
  parse_var_spec("x=0..15", vars);
  parse_var_spec("y=0..3", vars);
  UOpPtr e = parse_index_expr(a, "(x*4 + y) // 4 + 1", vars);
  PatternMatcher pm{
      rule("x+0 -> x", x + 0, [](const Match& m) { return m["x"]; }),
      // A wrong rule: it narrows the index multiply to int32 and casts it back.
      rule("x*c -> int32(x)*c", x * c, [](const Match& m) -> Rewrite {
        if (m["x"]->op == Op::CAST) return nullptr;
        UOpPtr narrowed = m["x"]->cast(DType::int32());
        return m.arena().make(Op::MUL, DType::index(), {narrowed, m["c"]});
      }),
  };
  VerifyScope verify(Stage::Tensor);
  try {
    graph_rewrite(e, pm, "narrowing");
    FAIL() << "expected a VerifyError";
  } catch (const VerifyError& err) {
    EXPECT_EQ(err.pass(), "narrowing");
    EXPECT_EQ(err.step(), 1);
    std::string what = err.what();
    EXPECT_NE(what.find("verify failed in pass 'narrowing' at step 1"), std::string::npos) << what;
    EXPECT_NE(what.find("x*c -> int32(x)*c"), std::string::npos) << what;
    EXPECT_NE(what.find("tests/rewrite/step_verifier_test.cpp:"), std::string::npos) << what;
  }
}

TEST(StepVerifier, AcceptsACorrectPassAndChecksItsResult) {
  Arena a;
  VarDecls vars;
  parse_var_spec("x=0..15", vars);
  UOpPtr e = parse_index_expr(a, "x*1 + 0", vars);
  PatternMatcher pm{rule("x*1 -> x", x * 1, [](const Match& m) { return m["x"]; }),
                    rule("x+0 -> x", x + 0, [](const Match& m) { return m["x"]; })};
  VerifyScope verify(Stage::Tensor);
  EXPECT_EQ(graph_rewrite(e, pm, "fold"), parse_index_expr(a, "x", vars));
}

TEST(StepVerifier, StageRulesApplyToTheWholeResult) {
  Arena a;
  VarDecls vars;
  parse_var_spec("x=0..15", vars);
  UOpPtr buf = a.make(Op::BUFFER, DType::float32(), {}, Arg(IntTuple{0, 16}));
  UOpPtr reshaped = a.make(Op::RESHAPE, DType::float32(), {buf}, Arg(IntTuple{4, 4}));
  PatternMatcher none{rule("x*1 -> x", x * 1, [](const Match& m) { return m["x"]; })};
  VerifyScope verify(Stage::Rangeified);  // movement ops are gone after rangeify
  EXPECT_THROW(graph_rewrite(a.sink({reshaped}), none, "after-rangeify"), VerifyError);
}

}  // namespace
}  // namespace rw
