// Recursive-descent parser for .tg programs, with Python's precedence:
//   comparison  <  <=  >  >=  ==  !=       (no chaining)
//   sum         +  -
//   term        *  /  //  %  @
//   factor      unary -  +
//   power       **  (right-associative; binds tighter than a unary minus on its left)
//   primary     atom, then calls f(...) and attributes .name
//   atom        name, number, string, True/False/None, (...) or (a, b) tuple, [a, b] list
#pragma once
#include <vector>

#include "engine/frontend/ast.h"
#include "engine/frontend/lexer.h"

namespace rw {

std::vector<Statement> parse(const SourceText& src, const std::string& text);
ExprPtr parse_expression(const SourceText& src, const std::string& text);  // one expression, for tests and tools

}  // namespace rw
