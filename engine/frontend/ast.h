// The syntax tree of a .tg program. Every node keeps the line and column that errors and
// provenance point at: an operator's own token for operators, the function or method name
// for calls, the first token otherwise.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace rw {

struct Expr {
  enum class Kind { Name, Int, Float, String, Bool, None, Tuple, List, Unary, Binary, Compare, Call, Attribute };
  Kind kind;
  int line = 0, col = 0;
  std::string text;  // Name: the name; String: the value; Unary/Binary/Compare: the operator;
                     // Attribute: the attribute; Int/Float: the number as written
  int64_t int_value = 0;
  double float_value = 0;
  bool bool_value = false;
  // Tuple/List: the elements. Unary: the operand. Binary/Compare: the two operands.
  // Attribute: the object. Call: the callee (Name or Attribute), then the arguments.
  std::vector<std::unique_ptr<Expr>> items;
  // Call only: one entry per argument, the keyword or "" for a positional argument.
  std::vector<std::string> keywords;
};

using ExprPtr = std::unique_ptr<Expr>;

struct Statement {
  int line = 0, col = 0;
  std::string target;  // "name = ..." assigns; empty for an expression statement
  ExprPtr value;
};

}  // namespace rw
