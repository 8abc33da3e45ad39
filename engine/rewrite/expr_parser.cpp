// Recursive descent, one function per precedence level (expr_parser.h lists them). Every
// operand carries the columns it spans, so a type error can point at the operand at fault.
#include "engine/rewrite/expr_parser.h"

#include <functional>

#include "engine/rewrite/expr_lexer.h"

namespace rw {

namespace {

using expr_detail::describe;
using expr_detail::Token;
using expr_detail::TokKind;

// A parsed operand and the columns [begin, end) of its text.
struct Val {
  UOpPtr node;
  int begin;
  int end;
  bool is_bool() const { return node->dtype.is_bool(); }
};

class Parser {
 public:
  Parser(Arena& arena, std::string_view text, const VarDecls& vars)
      : a_(arena), text_(text), vars_(vars), toks_(expr_detail::lex_expr(text)) {}

  UOpPtr parse() {
    Val v = conditional();
    if (peek().kind != TokKind::End) fail("expected an operator or the end of the expression, found " + describe(peek()), peek().column);
    return v.node;
  }

 private:
  Arena& a_;
  std::string_view text_;
  const VarDecls& vars_;
  std::vector<Token> toks_;
  size_t pos_ = 0;

  // ---- tokens ----
  const Token& peek() const { return toks_[pos_]; }
  const Token& take() { return toks_[pos_++]; }
  bool at(std::string_view s) const { return peek().kind != TokKind::Int && peek().kind != TokKind::End && peek().text == s; }
  int last_end() const { return pos_ == 0 ? 1 : toks_[pos_ - 1].column + int(toks_[pos_ - 1].text.size()); }

  bool operand_starts() const {
    const Token& t = peek();
    if (t.kind == TokKind::Int || at("(") || at("+") || at("-")) return true;
    return t.kind == TokKind::Name && t.text != "and" && t.text != "or" && t.text != "if" && t.text != "else";
  }

  [[noreturn]] void fail(const std::string& message, int column) const { throw ParseError(message, std::string(text_), column); }

  void expect(std::string_view s, const std::string& context) {
    if (!at(s)) fail("expected '" + std::string(s) + "' " + context + ", found " + describe(peek()), peek().column);
    take();
  }

  // ---- types ----
  std::string quoted(const Val& v) const { return "'" + std::string(text_.substr(v.begin - 1, v.end - v.begin)) + "'"; }

  void need_int(const Val& v, const std::string& op) const {
    if (v.is_bool()) fail(op + " needs integer operands, but " + quoted(v) + " is a bool", v.begin);
  }
  void need_bool(const Val& v, const std::string& op) const {
    if (!v.is_bool()) fail(op + " needs bool operands (comparisons), but " + quoted(v) + " is an integer", v.begin);
  }
  void need_same(const Val& x, const Val& y, const std::string& what) const {
    if (x.is_bool() != y.is_bool())
      fail(what + " must both be integers or both bools, but " + quoted(x) + " is " + (x.is_bool() ? "a bool" : "an integer") + " and " +
               quoted(y) + " is " + (y.is_bool() ? "a bool" : "an integer"),
           y.begin);
  }

  Val span(UOpPtr n, const Val& first, const Val& last) const { return {n, first.begin, last.end}; }

  // ---- grammar, loosest first ----

  // a if c else b
  Val conditional() {
    Val then = or_test();
    if (!at("if")) return then;
    take();
    Val cond = or_test();
    need_bool(cond, "the condition of 'if'");
    expect("else", "after the condition of 'if'");
    Val other = conditional();
    need_same(then, other, "the two branches of 'if'");
    return span(cond.node->where(then.node, other.node), then, other);
  }

  // Left-associative levels built from one step function.
  Val left_assoc(const std::function<Val()>& next, std::initializer_list<std::string_view> ops, const std::function<UOpPtr(std::string_view, const Val&, const Val&)>& build) {
    Val lhs = next();
    for (;;) {
      std::string_view op;
      for (std::string_view o : ops)
        if (at(o)) op = o;
      if (op.empty()) return lhs;
      take();
      if (!operand_starts()) fail("expected an operand after '" + std::string(op) + "', found " + describe(peek()), peek().column);
      Val rhs = next();
      lhs = span(build(op, lhs, rhs), lhs, rhs);
    }
  }

  Val or_test() {
    return left_assoc([this] { return and_test(); }, {"or"}, [this](std::string_view, const Val& l, const Val& r) {
      need_bool(l, "'or'"), need_bool(r, "'or'");
      return l.node->logical_or(r.node);
    });
  }

  Val and_test() {
    return left_assoc([this] { return not_test(); }, {"and"}, [this](std::string_view, const Val& l, const Val& r) {
      need_bool(l, "'and'"), need_bool(r, "'and'");
      return l.node->logical_and(r.node);
    });
  }

  Val not_test() {
    if (!at("not")) return comparison();
    int begin = take().column;
    Val v = not_test();
    need_bool(v, "'not'");
    return {v.node->logical_not(), begin, v.end};
  }

  UOpPtr compare(std::string_view op, const Val& l, const Val& r) {
    std::string name = "'" + std::string(op) + "'";
    if (op == "==" || op == "!=") {
      need_same(l, r, "the two sides of " + name);
      return op == "==" ? l.node->eq(r.node) : l.node->ne(r.node);
    }
    need_int(l, name), need_int(r, name);
    if (op == "<") return l.node->lt(r.node);
    if (op == "<=") return l.node->lt(r.node->add(int64_t(1)));
    if (op == ">") return r.node->lt(l.node);
    return r.node->lt(l.node->add(int64_t(1)));  // >=
  }

  // a < b < c is (a < b) and (b < c), like Python.
  Val comparison() {
    Val first = bit_or();
    Val result = first, prev = first;
    bool chained = false;
    for (;;) {
      std::string_view op;
      for (std::string_view o : {"<", "<=", ">", ">=", "==", "!="})
        if (at(o)) op = o;
      if (op.empty()) return result;
      take();
      Val rhs = bit_or();
      UOpPtr cmp = compare(op, prev, rhs);
      result = span(chained ? result.node->logical_and(cmp) : cmp, first, rhs);
      chained = true;
      prev = rhs;
    }
  }

  Val bit_or() {
    return left_assoc([this] { return bit_xor(); }, {"|"}, [this](std::string_view, const Val& l, const Val& r) {
      need_bool(l, "'|'"), need_bool(r, "'|'");
      return l.node->logical_or(r.node);
    });
  }

  Val bit_xor() {
    return left_assoc([this] { return bit_and(); }, {"^"}, [this](std::string_view, const Val& l, const Val& r) {
      need_bool(l, "'^'"), need_bool(r, "'^'");
      return l.node->alu(Op::XOR, {r.node});
    });
  }

  Val bit_and() {
    return left_assoc([this] { return sum(); }, {"&"}, [this](std::string_view, const Val& l, const Val& r) {
      need_bool(l, "'&'"), need_bool(r, "'&'");
      return l.node->logical_and(r.node);
    });
  }

  Val sum() {
    return left_assoc([this] { return product(); }, {"+", "-"}, [this](std::string_view op, const Val& l, const Val& r) {
      std::string name = "'" + std::string(op) + "'";
      need_int(l, name), need_int(r, name);
      return op == "+" ? l.node->add(r.node) : l.node->sub(r.node);
    });
  }

  Val product() {
    Val v = left_assoc([this] { return unary(); }, {"*", "//", "%"}, [this](std::string_view op, const Val& l, const Val& r) {
      std::string name = "'" + std::string(op) + "'";
      need_int(l, name), need_int(r, name);
      if (op == "*") return l.node->mul(r.node);
      return op == "//" ? l.node->idiv(r.node) : l.node->mod(r.node);
    });
    if (at("/")) fail("'/' is true division; index expressions use '//' (floor division)", peek().column);
    return v;
  }

  Val unary() {
    if (at("+") || at("-")) {
      const Token& t = take();
      Val v = unary();
      need_int(v, "unary '" + t.text + "'");
      if (t.text == "+") return {v.node, t.column, v.end};
      // A negative literal is a constant, so "-3" reads back as the node render_expr wrote.
      if (v.node->is_const() && v.node->const_int() != INT64_MIN) return {a_.index_const(-v.node->const_int()), t.column, v.end};
      return {v.node->neg(), t.column, v.end};
    }
    return atom();
  }

  Val atom() {
    const Token& t = peek();
    if (t.kind == TokKind::Int) {
      take();
      return {a_.index_const(t.value), t.column, t.column + int(t.text.size())};
    }
    if (at("(")) {
      int open = take().column;
      Val v = conditional();
      expect(")", "to close the '(' at column " + std::to_string(open));
      return {v.node, open, last_end()};
    }
    if (t.kind == TokKind::Name) {
      if (t.text == "True" || t.text == "False") {
        take();
        return {a_.const_bool(t.text == "True"), t.column, t.column + int(t.text.size())};
      }
      if (toks_[pos_ + 1].kind == TokKind::Punct && toks_[pos_ + 1].text == "(") return call();
      if (!expr_detail::is_reserved_word(t.text)) return variable();
    }
    fail("expected a number, a variable or '(', found " + describe(t), t.column);
  }

  Val variable() {
    const Token& t = take();
    auto it = vars_.find(t.text);
    if (it == vars_.end()) fail("unknown variable '" + t.text + "'; declare it with --var " + t.text + "=LO..HI", t.column);
    return {a_.var(t.text, it->second.min, it->second.max), t.column, t.column + int(t.text.size())};
  }

  Val call() {
    const Token& name = take();
    take();  // (
    std::vector<Val> args;
    if (!at(")")) {
      args.push_back(conditional());
      while (at(",")) {
        take();
        args.push_back(conditional());
      }
    }
    expect(")", "to close the call to " + name.text + " at column " + std::to_string(name.column));
    Val whole{nullptr, name.column, last_end()};
    auto arity = [&](size_t n) {
      if (args.size() != n)
        fail(name.text + " takes " + std::to_string(n) + " arguments, got " + std::to_string(args.size()), name.column);
    };
    if (name.text == "max" || name.text == "min") {
      arity(2);
      need_int(args[0], name.text), need_int(args[1], name.text);
      whole.node = name.text == "max" ? args[0].node->maximum(args[1].node)
                                      : args[0].node->neg()->maximum(args[1].node->neg())->neg();  // min(a, b) = -max(-a, -b)
      return whole;
    }
    if (name.text == "where") {
      arity(3);
      if (!args[0].is_bool()) fail("where's condition must be a bool (a comparison), but " + quoted(args[0]) + " is an integer", args[0].begin);
      need_same(args[1], args[2], "the two branches of where");
      whole.node = args[0].node->where(args[1].node, args[2].node);
      return whole;
    }
    fail("unknown function '" + name.text + "'; the functions are max(a, b), min(a, b) and where(c, a, b)", name.column);
  }
};

std::string caret_text(const std::string& message, const std::string& text, int column) {
  return "column " + std::to_string(column) + ": " + message + "\n  " + text + "\n  " + std::string(size_t(std::max(column, 1) - 1), ' ') + "^";
}

}  // namespace

ParseError::ParseError(std::string message, std::string text, int column)
    : std::runtime_error(caret_text(message, text, column)), message_(std::move(message)), text_(std::move(text)), column_(column) {}

UOpPtr parse_index_expr(Arena& arena, std::string_view text, const VarDecls& vars) { return Parser(arena, text, vars).parse(); }

}  // namespace rw
