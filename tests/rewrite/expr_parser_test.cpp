#include "engine/rewrite/expr_parser.h"

#include <gtest/gtest.h>

#include "engine/ir/print.h"
#include "engine/ir/verify.h"

namespace rw {
namespace {

class ExprParserTest : public ::testing::Test {
 protected:
  Arena a;
  VarDecls vars = {{"x", {0, 15}}, {"y", {-4, 3}}, {"n", {1, 8}}};
  UOpPtr x = a.var("x", 0, 15);
  UOpPtr y = a.var("y", -4, 3);
  UOpPtr n = a.var("n", 1, 8);

  UOpPtr parse(std::string_view s) { return parse_index_expr(a, s, vars); }
  UOpPtr c(int64_t v) { return a.index_const(v); }

  // The message of the ParseError that parsing `s` throws, caret lines included.
  std::string error_of(std::string_view s) {
    try {
      parse(s);
    } catch (const ParseError& e) {
      return e.what();
    }
    return "(no error)";
  }
};

TEST_F(ExprParserTest, LiteralsVariablesAndArithmetic) {
  EXPECT_EQ(parse("42"), c(42));
  EXPECT_EQ(parse("x"), x);
  EXPECT_EQ(parse("x + 3"), x->add(c(3)));
  EXPECT_EQ(parse("x - y"), x->sub(y));
  EXPECT_EQ(parse("x * 4"), x->mul(c(4)));
  EXPECT_EQ(parse("x // 4"), x->idiv(c(4)));
  EXPECT_EQ(parse("x % 4"), x->mod(c(4)));
  EXPECT_EQ(parse("-x"), x->neg());
  EXPECT_EQ(parse("-3"), c(-3));  // a negative literal is a constant
  EXPECT_EQ(parse("+x"), x);
  EXPECT_EQ(parse("--x"), x->neg()->neg());
  EXPECT_TRUE(parse("x")->dtype.is_index());
}

TEST_F(ExprParserTest, PythonPrecedenceAndAssociativity) {
  EXPECT_EQ(parse("x + y * 2"), x->add(y->mul(c(2))));
  EXPECT_EQ(parse("(x + y) * 2"), x->add(y)->mul(c(2)));
  EXPECT_EQ(parse("x - y - 1"), x->sub(y)->sub(c(1)));
  EXPECT_EQ(parse("x // 4 % 3"), x->idiv(c(4))->mod(c(3)));
  EXPECT_EQ(parse("x % 4 * 2"), x->mod(c(4))->mul(c(2)));
  EXPECT_EQ(parse("-x * 2"), x->neg()->mul(c(2)));  // unary minus binds tighter than *
  EXPECT_EQ(parse("x+1 < y*2"), x->add(c(1))->lt(y->mul(c(2))));
  // not < and < or; comparisons bind tighter than all three
  UOpPtr a1 = x->lt(c(3)), b1 = y->lt(c(0)), c1 = x->eq(c(7));
  EXPECT_EQ(parse("x < 3 or y < 0 and not x == 7"), a1->logical_or(b1->logical_and(c1->logical_not())));
  // the conditional is loosest
  EXPECT_EQ(parse("x + 1 if x < 3 else y - 1"), a1->where(x->add(c(1)), y->sub(c(1))));
  EXPECT_EQ(parse("x if x < 3 else y if y < 0 else 0"), a1->where(x, b1->where(y, c(0))));
  // & binds tighter than comparisons, so comparisons need parentheses, as in Python
  EXPECT_EQ(parse("(x < 3) & (y < 0) | (x == 7)"), a1->logical_and(b1)->logical_or(c1));
}

TEST_F(ExprParserTest, ComparisonsUseOnlyLessThanEqualAndNotEqual) {
  EXPECT_EQ(parse("x < y"), x->lt(y));
  EXPECT_EQ(parse("x <= y"), x->lt(y->add(c(1))));
  EXPECT_EQ(parse("x > y"), y->lt(x));
  EXPECT_EQ(parse("x >= y"), y->lt(x->add(c(1))));
  EXPECT_EQ(parse("x == y"), x->eq(y));
  EXPECT_EQ(parse("x != y"), x->ne(y));
  EXPECT_EQ(parse("0 <= x < 8"), c(0)->lt(x->add(c(1)))->logical_and(x->lt(c(8))));  // a chain, like Python
  EXPECT_EQ(parse("(x < 3) == (y < 0)"), x->lt(c(3))->eq(y->lt(c(0))));
  EXPECT_TRUE(parse("x < y")->dtype.is_bool());
}

TEST_F(ExprParserTest, LogicOnBools) {
  UOpPtr p = x->lt(c(3)), q = y->lt(c(0));
  EXPECT_EQ(parse("x < 3 and y < 0"), p->logical_and(q));
  EXPECT_EQ(parse("x < 3 or y < 0"), p->logical_or(q));
  EXPECT_EQ(parse("not x < 3"), p->logical_not());
  EXPECT_EQ(parse("(x < 3) ^ (y < 0)"), p->alu(Op::XOR, {q}));
  EXPECT_EQ(parse("True and x < 3"), a.const_bool(true)->logical_and(p));
}

TEST_F(ExprParserTest, MaxMinWhere) {
  EXPECT_EQ(parse("max(x, y)"), x->maximum(y));
  EXPECT_EQ(parse("min(x, y)"), x->neg()->maximum(y->neg())->neg());
  EXPECT_EQ(parse("where(x < 3, x, 3)"), x->lt(c(3))->where(x, c(3)));
  EXPECT_EQ(parse("max(x, 2) // n"), x->maximum(c(2))->idiv(n));
}

TEST_F(ExprParserTest, FloorSemanticsShowInValueRanges) {
  // y in [-4, 3]: floor division gives -4 // 3 == -2 (truncation would give -1), and the
  // floor modulo by 3 is never negative.
  UOpPtr d = parse("y // 3");
  EXPECT_EQ(d->vmin, -2);
  EXPECT_EQ(d->vmax, 1);
  UOpPtr m = parse("y % 3");
  EXPECT_EQ(m->vmin, 0);
  EXPECT_EQ(m->vmax, 2);
}

TEST_F(ExprParserTest, ParsedExpressionsPassTheVerifier) {
  for (const char* s : {"x*4 + y//2 - n%3", "max(x, y) < 5 and not x == 2", "x if y < 0 else min(x, n)", "(x < 3) | (y != 0)"})
    EXPECT_TRUE(verify_graph(parse(s), Stage::Tensor).empty()) << s;
}

TEST_F(ExprParserTest, RoundTripsThroughRenderExpr) {
  for (const char* s : {"x*4+y//2", "x-y-1", "x-(y-1)", "(x+y)*2", "x%3*-2", "-x+3", "max(x, y)//n", "(x if x<y else y)", "x<y+1",
                        "(x<3)&(y<0)"}) {
    UOpPtr e = parse(s);
    EXPECT_EQ(render_expr(e), s);
    EXPECT_EQ(parse(render_expr(e)), e) << s;
  }
}

TEST_F(ExprParserTest, VarSpecs) {
  VarDecls d;
  parse_var_spec("x=0..15", d);
  parse_var_spec("y=-4..3", d);
  parse_var_spec("big_1=-9000000000..9000000000", d);
  EXPECT_EQ(d.at("x"), (VarRange{0, 15}));
  EXPECT_EQ(d.at("y"), (VarRange{-4, 3}));
  EXPECT_EQ(d.at("big_1"), (VarRange{-9000000000, 9000000000}));
}

std::string var_spec_error(std::string_view spec) {
  VarDecls d = {{"x", {0, 1}}};
  try {
    parse_var_spec(spec, d);
  } catch (const ParseError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(VarSpec, ErrorsPointAtTheProblem) {
  EXPECT_EQ(var_spec_error("z=0-15"),
            "column 4: expected '..' between the bounds (the form is NAME=LO..HI, like x=0..15 or y=-4..3)\n"
            "  z=0-15\n"
            "     ^");
  EXPECT_EQ(var_spec_error("z=5..2"),
            "column 3: the lower bound 5 is above the upper bound 2\n"
            "  z=5..2\n"
            "    ^");
  EXPECT_EQ(var_spec_error("x=0..3"),
            "column 1: variable 'x' is declared twice\n"
            "  x=0..3\n"
            "  ^");
  EXPECT_EQ(var_spec_error("max=0..3"),
            "column 1: 'max' is a reserved word and cannot name a variable\n"
            "  max=0..3\n"
            "  ^");
  EXPECT_EQ(var_spec_error("z"), "column 2: expected '=' after the name 'z' (the form is NAME=LO..HI, like x=0..15 or y=-4..3)\n  z\n   ^");
  EXPECT_EQ(var_spec_error("z=a..3"), "column 3: expected the lower bound, an integer (the form is NAME=LO..HI, like x=0..15 or y=-4..3)\n  z=a..3\n    ^");
}

TEST_F(ExprParserTest, ErrorsSayWhatWhereAndWhatToTry) {
  EXPECT_EQ(error_of("x + z"),
            "column 5: unknown variable 'z'; declare it with --var z=LO..HI\n"
            "  x + z\n"
            "      ^");
  EXPECT_EQ(error_of("x + * 3"),
            "column 5: expected an operand after '+', found '*'\n"
            "  x + * 3\n"
            "      ^");
  EXPECT_EQ(error_of("(x + 1"),
            "column 7: expected ')' to close the '(' at column 1, found the end of the expression\n"
            "  (x + 1\n"
            "        ^");
  EXPECT_EQ(error_of("x 3"),
            "column 3: expected an operator or the end of the expression, found number 3\n"
            "  x 3\n"
            "    ^");
  EXPECT_EQ(error_of(""),
            "column 1: expected a number, a variable or '(', found the end of the expression\n"
            "  \n"
            "  ^");
  EXPECT_EQ(error_of("x / 2"),
            "column 3: '/' is true division; index expressions use '//' (floor division)\n"
            "  x / 2\n"
            "    ^");
  EXPECT_EQ(error_of("abs(x)"),
            "column 1: unknown function 'abs'; the functions are max(a, b), min(a, b) and where(c, a, b)\n"
            "  abs(x)\n"
            "  ^");
  EXPECT_EQ(error_of("max(x, y, 1)"),
            "column 1: max takes 2 arguments, got 3\n"
            "  max(x, y, 1)\n"
            "  ^");
  EXPECT_EQ(error_of("x + (y < 2)"),
            "column 5: '+' needs integer operands, but '(y < 2)' is a bool\n"
            "  x + (y < 2)\n"
            "      ^");
  EXPECT_EQ(error_of("x and y < 2"),
            "column 1: 'and' needs bool operands (comparisons), but 'x' is an integer\n"
            "  x and y < 2\n"
            "  ^");
  EXPECT_EQ(error_of("x if y < 0"),
            "column 11: expected 'else' after the condition of 'if', found the end of the expression\n"
            "  x if y < 0\n"
            "            ^");
  EXPECT_EQ(error_of("x if y < 0 else y < 1"),
            "column 17: the two branches of 'if' must both be integers or both bools, but 'x' is an integer and 'y < 1' is a bool\n"
            "  x if y < 0 else y < 1\n"
            "                  ^");
  EXPECT_EQ(error_of("where(x, 1, 2)"),
            "column 7: where's condition must be a bool (a comparison), but 'x' is an integer\n"
            "  where(x, 1, 2)\n"
            "        ^");
  EXPECT_EQ(error_of("x $ 2"),
            "column 3: unexpected character '$'\n"
            "  x $ 2\n"
            "    ^");
  EXPECT_EQ(error_of("x = 2"),
            "column 3: '=' is not an operator here; compare with '=='\n"
            "  x = 2\n"
            "    ^");
  EXPECT_EQ(error_of("2x"),
            "column 2: expected an operator after the number 2, found 'x' (write 2*x, not 2x)\n"
            "  2x\n"
            "   ^");
  EXPECT_EQ(error_of("99999999999999999999"),
            "column 1: the integer 99999999999999999999 does not fit in 64 bits\n"
            "  99999999999999999999\n"
            "  ^");
}

TEST_F(ExprParserTest, ErrorCarriesColumnTextAndMessage) {
  try {
    parse("x + z");
    FAIL() << "expected a ParseError";
  } catch (const ParseError& e) {
    EXPECT_EQ(e.column(), 5);
    EXPECT_EQ(e.text(), "x + z");
    EXPECT_EQ(e.message(), "unknown variable 'z'; declare it with --var z=LO..HI");
  }
}

}  // namespace
}  // namespace rw
