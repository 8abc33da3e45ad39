#include "engine/frontend/parser.h"

namespace rw {

namespace {

class Parser {
 public:
  Parser(const SourceText& src, std::vector<Token> toks) : src_(src), t_(std::move(toks)) {}

  std::vector<Statement> program() {
    std::vector<Statement> out;
    while (peek().kind != TokenKind::End) {
      if (peek().kind == TokenKind::Newline) {
        ++i_;
        continue;
      }
      out.push_back(statement());
    }
    return out;
  }

  ExprPtr single_expression() {
    skip_newlines();
    ExprPtr e = expression();
    skip_newlines();
    if (peek().kind != TokenKind::End) fail_here("expected the end of the expression");
    return e;
  }

 private:
  const Token& peek(size_t ahead = 0) const { return t_[std::min(i_ + ahead, t_.size() - 1)]; }
  const Token& next() { return t_[i_ < t_.size() - 1 ? i_++ : i_]; }
  bool accept(std::string_view p) {
    if (!peek().punct(p)) return false;
    ++i_;
    return true;
  }
  void skip_newlines() {
    while (peek().kind == TokenKind::Newline) ++i_;
  }
  [[noreturn]] void fail_here(const std::string& expected, const std::string& hint = {}) {
    const Token& t = peek();
    src_.fail(t.line, t.col, expected + ", found " + describe(t), hint);
  }
  void expect(std::string_view p, const std::string& context) {
    if (!accept(p)) fail_here("expected '" + std::string(p) + "' " + context);
  }

  ExprPtr node(Expr::Kind k, const Token& at) {
    auto e = std::make_unique<Expr>();
    e->kind = k;
    e->line = at.line;
    e->col = at.col;
    return e;
  }

  Statement statement() {
    Statement s;
    s.line = peek().line;
    s.col = peek().col;
    if (peek().kind == TokenKind::Name && peek(1).punct("=")) {
      s.target = next().text;
      ++i_;
      if (peek().kind == TokenKind::Newline) fail_here("expected an expression after '='");
    }
    s.value = expression();
    if (peek().kind != TokenKind::Newline) {
      if (peek().punct("="))
        fail_here("expected the end of the statement", "only a plain name can be assigned to: name = expression");
      fail_here("expected the end of the statement", "write one statement per line");
    }
    ++i_;
    return s;
  }

  ExprPtr expression() { return comparison(); }

  static bool is_compare(const Token& t) {
    return t.kind == TokenKind::Punct && (t.text == "<" || t.text == "<=" || t.text == ">" || t.text == ">=" || t.text == "==" || t.text == "!=");
  }

  ExprPtr comparison() {
    ExprPtr left = sum();
    if (!is_compare(peek())) return left;
    const Token& op = next();
    ExprPtr e = node(Expr::Kind::Compare, op);
    e->text = op.text;
    e->items.push_back(std::move(left));
    e->items.push_back(sum());
    if (is_compare(peek()))
      src_.fail(peek().line, peek().col, "chained comparisons like a < b < c are not supported",
                "compare twice and combine the results, e.g. where(a < b, b < c, False)");
    return e;
  }

  ExprPtr binary_level(ExprPtr (Parser::*operand)(), std::initializer_list<std::string_view> ops) {
    ExprPtr left = (this->*operand)();
    while (true) {
      const Token& t = peek();
      bool match = false;
      for (auto o : ops) match = match || t.punct(o);
      if (!match) return left;
      ++i_;
      ExprPtr e = node(Expr::Kind::Binary, t);
      e->text = t.text;
      e->items.push_back(std::move(left));
      e->items.push_back((this->*operand)());
      left = std::move(e);
    }
  }

  ExprPtr sum() { return binary_level(&Parser::term, {"+", "-"}); }
  ExprPtr term() { return binary_level(&Parser::factor, {"*", "/", "//", "%", "@"}); }

  ExprPtr factor() {
    if (peek().punct("-") || peek().punct("+")) {
      const Token& t = next();
      ExprPtr e = node(Expr::Kind::Unary, t);
      e->text = t.text;
      e->items.push_back(factor());
      return e;
    }
    return power();
  }

  ExprPtr power() {
    ExprPtr base = primary();
    if (!peek().punct("**")) return base;
    const Token& t = next();
    ExprPtr e = node(Expr::Kind::Binary, t);
    e->text = "**";
    e->items.push_back(std::move(base));
    e->items.push_back(factor());  // right-associative, and 2 ** -1 works
    return e;
  }

  ExprPtr primary() {
    ExprPtr e = atom();
    while (true) {
      if (peek().punct(".")) {
        ++i_;
        if (peek().kind != TokenKind::Name) fail_here("expected a method or attribute name after '.'");
        const Token& name = next();
        ExprPtr a = node(Expr::Kind::Attribute, name);
        a->text = name.text;
        a->items.push_back(std::move(e));
        e = std::move(a);
      } else if (peek().punct("(")) {
        e = call(std::move(e));
      } else if (peek().punct("[")) {
        src_.fail(peek().line, peek().col, "indexing with [...] is not supported", "use shrink(((start, end), ...)) to take a slice");
      } else {
        return e;
      }
    }
  }

  ExprPtr call(ExprPtr callee) {
    if (callee->kind != Expr::Kind::Name && callee->kind != Expr::Kind::Attribute)
      src_.fail(peek().line, peek().col, "only functions and methods can be called");
    ExprPtr e = node(Expr::Kind::Call, peek());
    e->line = callee->line;  // a call is located at the function's or method's name
    e->col = callee->col;
    e->items.push_back(std::move(callee));
    ++i_;  // (
    bool seen_keyword = false;
    while (!peek().punct(")")) {
      std::string keyword;
      if (peek().kind == TokenKind::Name && peek(1).punct("=")) {
        keyword = next().text;
        ++i_;
        for (const auto& k : e->keywords)
          if (k == keyword) src_.fail(t_[i_ - 2].line, t_[i_ - 2].col, "keyword argument '" + keyword + "' is given twice");
        seen_keyword = true;
      } else if (seen_keyword) {
        src_.fail(peek().line, peek().col, "a positional argument cannot follow a keyword argument",
                  "put positional arguments first, or name this one too");
      }
      e->keywords.push_back(keyword);
      e->items.push_back(expression());
      if (!accept(",")) break;
    }
    expect(")", "to close the call's arguments");
    return e;
  }

  ExprPtr atom() {
    const Token& t = peek();
    switch (t.kind) {
      case TokenKind::Name: {
        ++i_;
        if (t.text == "True" || t.text == "False") {
          ExprPtr e = node(Expr::Kind::Bool, t);
          e->bool_value = t.text == "True";
          return e;
        }
        ExprPtr e = node(t.text == "None" ? Expr::Kind::None : Expr::Kind::Name, t);
        e->text = t.text;
        return e;
      }
      case TokenKind::Int:
      case TokenKind::Float: {
        ++i_;
        ExprPtr e = node(t.kind == TokenKind::Int ? Expr::Kind::Int : Expr::Kind::Float, t);
        e->text = t.text;
        e->int_value = t.int_value;
        e->float_value = t.float_value;
        return e;
      }
      case TokenKind::String: {
        ++i_;
        ExprPtr e = node(Expr::Kind::String, t);
        e->text = t.text;
        return e;
      }
      case TokenKind::Punct:
        if (t.text == "(") return parenthesized();
        if (t.text == "[") return list();
        break;
      default: break;
    }
    fail_here("expected an expression");
  }

  ExprPtr parenthesized() {
    const Token& open = next();
    if (accept(")")) return node(Expr::Kind::Tuple, open);  // ()
    ExprPtr first = expression();
    if (accept(")")) return first;
    ExprPtr tuple = node(Expr::Kind::Tuple, open);
    tuple->items.push_back(std::move(first));
    while (accept(",")) {
      if (peek().punct(")")) break;
      tuple->items.push_back(expression());
    }
    expect(")", "to close the parenthesis");
    return tuple;
  }

  ExprPtr list() {
    const Token& open = next();
    ExprPtr e = node(Expr::Kind::List, open);
    while (!peek().punct("]")) {
      e->items.push_back(expression());
      if (!accept(",")) break;
    }
    expect("]", "to close the list");
    return e;
  }

  const SourceText& src_;
  std::vector<Token> t_;
  size_t i_ = 0;
};

}  // namespace

std::vector<Statement> parse(const SourceText& src, const std::string& text) { return Parser(src, tokenize(src, text)).program(); }

ExprPtr parse_expression(const SourceText& src, const std::string& text) { return Parser(src, tokenize(src, text)).single_expression(); }

}  // namespace rw
