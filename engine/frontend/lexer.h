// Tokens of the .tg language: Python's, trimmed to what the language uses. Newlines end
// statements except inside brackets (as in Python); `#` starts a comment.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "engine/frontend/program_error.h"

namespace rw {

enum class TokenKind { Name, Int, Float, String, Punct, Newline, End };

struct Token {
  TokenKind kind;
  std::string text;  // the name, the operator, the string's contents, or the number as written
  int line = 0, col = 0;
  int64_t int_value = 0;
  double float_value = 0;
  bool is(TokenKind k, std::string_view t) const { return kind == k && text == t; }
  bool punct(std::string_view t) const { return is(TokenKind::Punct, t); }
};

// Throws ProgramError at the first character that starts no token.
std::vector<Token> tokenize(const SourceText& src, const std::string& text);

std::string describe(const Token& t);  // for messages: "name 'x'", "'+'", "end of line"

}  // namespace rw
