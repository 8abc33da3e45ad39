// Tokens of the index expression language (see expr_parser.h). Internal to the parser.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rw::expr_detail {

enum class TokKind : uint8_t { End, Int, Name, Punct };

struct Token {
  TokKind kind = TokKind::End;
  std::string text;  // the token as written ("//", "max", "12")
  int column = 0;    // 1-based
  int64_t value = 0; // Int tokens
};

// Throws ParseError on a character or literal that cannot start a token.
std::vector<Token> lex_expr(std::string_view text);

// Words of the language (keywords, True/False, function names): none can name a variable.
bool is_reserved_word(std::string_view name);

// How a message names a token: "'*'", "number 12", "name 'foo'", "the end of the expression".
std::string describe(const Token& t);

}  // namespace rw::expr_detail
