// Tokens and syntax trees of .tg programs: Python's precedence, calls, tuples, locations.
#include <gtest/gtest.h>

#include "engine/frontend/parser.h"

namespace rw {
namespace {

std::string kinds(const std::string& text) {
  SourceText src("t.tg", text);
  std::string out;
  for (const Token& t : tokenize(src, text)) {
    switch (t.kind) {
      case TokenKind::Name: out += "N:" + t.text; break;
      case TokenKind::Int: out += "I:" + std::to_string(t.int_value); break;
      case TokenKind::Float: out += "F:" + t.text; break;
      case TokenKind::String: out += "S:" + t.text; break;
      case TokenKind::Punct: out += "P:" + t.text; break;
      case TokenKind::Newline: out += "NL"; break;
      case TokenKind::End: out += "END"; break;
    }
    out += " ";
  }
  return out;
}

// The tree as an s-expression: (+ a (* b c)), (call (. x sum) axis=1).
std::string sexpr(const Expr& e) {
  auto items = [&](size_t from) {
    std::string s;
    for (size_t i = from; i < e.items.size(); ++i) {
      s += " ";
      if (e.kind == Expr::Kind::Call && !e.keywords[i - 1].empty()) s += e.keywords[i - 1] + "=";
      s += sexpr(*e.items[i]);
    }
    return s;
  };
  switch (e.kind) {
    case Expr::Kind::Name: case Expr::Kind::Int: case Expr::Kind::Float: return e.text;
    case Expr::Kind::String: return "\"" + e.text + "\"";
    case Expr::Kind::Bool: return e.bool_value ? "True" : "False";
    case Expr::Kind::None: return "None";
    case Expr::Kind::Tuple: return "(tuple" + items(0) + ")";
    case Expr::Kind::List: return "[" + items(0) + " ]";
    case Expr::Kind::Unary: case Expr::Kind::Binary: case Expr::Kind::Compare: return "(" + e.text + items(0) + ")";
    case Expr::Kind::Call: return "(call " + sexpr(*e.items[0]) + items(1) + ")";
    case Expr::Kind::Attribute: return "(. " + sexpr(*e.items[0]) + " " + e.text + ")";
  }
  return "?";
}

std::string tree(const std::string& text) {
  SourceText src("t.tg", text);
  return sexpr(*parse_expression(src, text));
}

TEST(Lexer, NumbersNamesOperatorsAndComments) {
  EXPECT_EQ(kinds("x = 1.5e-3 // 2 ** 10 # a comment\n"), "N:x P:= F:1.5e-3 P:// I:2 P:** I:10 NL NL END ");
  EXPECT_EQ(kinds("a<=b!=c>=d==e"), "N:a P:<= N:b P:!= N:c P:>= N:d P:== N:e NL END ");
  EXPECT_EQ(kinds("1e5 2. .5 1_000"), "F:1e5 F:2. F:.5 I:1000 NL END ");
  EXPECT_EQ(kinds("load('a\\'b.npy') \"x\""), "N:load P:( S:a'b.npy P:) S:x NL END ");
}

TEST(Lexer, NewlinesInsideBracketsDoNotEndTheStatement) {
  EXPECT_EQ(kinds("f(1,\n  2)\ny"), "N:f P:( I:1 P:, I:2 P:) NL N:y NL END ");
  EXPECT_EQ(kinds("a = 1 + \\\n 2"), "N:a P:= I:1 P:+ I:2 NL END ");
}

TEST(Lexer, TokensKnowTheirLineAndColumn) {
  SourceText src("t.tg", "x = 1\n  yy = x.exp()");
  std::vector<Token> t = tokenize(src, "x = 1\n  yy = x.exp()");
  ASSERT_GE(t.size(), 6u);
  EXPECT_EQ(t[4].text, "yy");
  EXPECT_EQ(t[4].line, 2);
  EXPECT_EQ(t[4].col, 3);
  EXPECT_EQ(t[8].text, "exp");
  EXPECT_EQ(t[8].col, 10);
}

TEST(Parser, ArithmeticPrecedenceAndAssociativity) {
  EXPECT_EQ(tree("a + b * c"), "(+ a (* b c))");
  EXPECT_EQ(tree("a - b - c"), "(- (- a b) c)");
  EXPECT_EQ(tree("a / b // c % d @ e"), "(@ (% (// (/ a b) c) d) e)");
  EXPECT_EQ(tree("(a + b) * c"), "(* (+ a b) c)");
}

TEST(Parser, PowerBindsTighterThanUnaryMinusAndIsRightAssociative) {
  EXPECT_EQ(tree("-2 ** 2"), "(- (** 2 2))");
  EXPECT_EQ(tree("2 ** 3 ** 2"), "(** 2 (** 3 2))");
  EXPECT_EQ(tree("2 ** -1"), "(** 2 (- 1))");
  EXPECT_EQ(tree("-a * b"), "(* (- a) b)");
}

TEST(Parser, ComparisonsBindLoosest) {
  EXPECT_EQ(tree("x < y + 1"), "(< x (+ y 1))");
  EXPECT_EQ(tree("x * 2 >= y"), "(>= (* x 2) y)");
}

TEST(Parser, CallsMethodsAttributesAndKeywords) {
  EXPECT_EQ(tree("x.sum(axis=1, keepdim=True)"), "(call (. x sum) axis=1 keepdim=True)");
  EXPECT_EQ(tree("(q @ k.T / 4).softmax(axis=-1) @ v"), "(@ (call (. (/ (@ q (. k T)) 4) softmax) axis=(- 1)) v)");
  EXPECT_EQ(tree("where(x > 0, x.sqrt(), x.exp())"), "(call where (> x 0) (call (. x sqrt)) (call (. x exp)))");
  EXPECT_EQ(tree("f()"), "(call f)");
}

TEST(Parser, TuplesListsAndLiterals) {
  EXPECT_EQ(tree("(1,)"), "(tuple 1)");
  EXPECT_EQ(tree("(1)"), "1");
  EXPECT_EQ(tree("()"), "(tuple)");
  EXPECT_EQ(tree("x.pad(((1, 1), (2, 0)))"), "(call (. x pad) (tuple (tuple 1 1) (tuple 2 0)))");
  EXPECT_EQ(tree("tensor([[1, 2.5], [True, None]])"), "(call tensor [ [ 1 2.5 ] [ True None ] ])");
  EXPECT_EQ(tree("load(\"w.npy\")"), "(call load \"w.npy\")");
}

TEST(Parser, StatementsAndLocations) {
  std::string text = "# header\n\nx = arange(8)\ny = x +  1\noutput(y)\n";
  SourceText src("t.tg", text);
  std::vector<Statement> s = parse(src, text);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].target, "x");
  EXPECT_EQ(s[0].line, 3);
  EXPECT_EQ(s[1].value->kind, Expr::Kind::Binary);
  EXPECT_EQ(s[1].value->line, 4);
  EXPECT_EQ(s[1].value->col, 7);  // an operator is located at its own token
  EXPECT_EQ(s[2].target, "");
  EXPECT_EQ(s[2].value->kind, Expr::Kind::Call);
  EXPECT_EQ(s[2].value->col, 1);
}

}  // namespace
}  // namespace rw
