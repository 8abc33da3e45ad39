// Parses Python-like integer index expressions into index-dtype UOps, for
// `rewind simplify 'EXPR' --var x=0..15`.
//
// The language, loosest binding first (Python's precedence):
//   a if c else b                      WHERE(c, a, b)
//   or, and, not                       on bools: OR, AND, c != True
//   < <= > >= == !=                    bool results; chains like Python (a < b < c)
//   |  ^  &                            on bools only (the same as or, xor, and)
//   + -                                ADD, SUB
//   * // %                             MUL, IDIV, MOD (floor semantics, like Python)
//   unary - +                          NEG
//   literals, variables, (e), True, False, max(a, b), min(a, b), where(c, a, b)
// Comparisons are built from CMPLT/CMPEQ/CMPNE only: a <= b is a < b+1, a > b is b < a,
// a >= b is b < a+1. min(a, b) is -max(-a, -b). Every variable must be declared with its
// bounds; it becomes DEFINE_VAR index (name, min, max).
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>

#include "engine/ir/arena.h"
#include "engine/rewrite/index_vars.h"

namespace rw {

// A syntax or type error in an expression (or a --var spec): what() shows the message, the
// text and a caret under the column, e.g.
//   column 5: expected an operand after '+', found '*'
//     x + * 3
//         ^
class ParseError : public std::runtime_error {
 public:
  ParseError(std::string message, std::string text, int column);
  const std::string& message() const { return message_; }  // what was wrong, what was expected
  const std::string& text() const { return text_; }
  int column() const { return column_; }  // 1-based

 private:
  std::string message_;
  std::string text_;
  int column_;
};

UOpPtr parse_index_expr(Arena& arena, std::string_view text, const VarDecls& vars);

// One --var spec, "x=0..15" or "y=-4..3", added to `vars` (a repeated name is an error).
void parse_var_spec(std::string_view spec, VarDecls& vars);

}  // namespace rw
