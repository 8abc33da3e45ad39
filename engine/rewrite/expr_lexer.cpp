#include "engine/rewrite/expr_lexer.h"

#include <array>
#include <cctype>
#include <limits>

#include "engine/rewrite/expr_parser.h"

namespace rw::expr_detail {

namespace {
// Longest first, so "//" is not read as two "/".
constexpr std::array<std::string_view, 19> kPunct = {"//", "<=", ">=", "==", "!=", "+", "-", "*", "/", "%",
                                                     "(", ")", ",", "<", ">", "&", "|", "^", "="};

bool name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
}  // namespace

std::vector<Token> lex_expr(std::string_view text) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    int column = int(i) + 1;
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (digit(c)) {
      size_t j = i;
      uint64_t v = 0;
      bool overflow = false;
      while (j < text.size() && digit(text[j])) {
        v = v * 10 + uint64_t(text[j] - '0');
        overflow |= v > uint64_t(std::numeric_limits<int64_t>::max());
        ++j;
      }
      std::string digits(text.substr(i, j - i));
      if (overflow) throw ParseError("the integer " + digits + " does not fit in 64 bits", std::string(text), column);
      if (j < text.size() && name_char(text[j]))
        throw ParseError("expected an operator after the number " + digits + ", found '" + text[j] + "' (write 2*x, not 2x)", std::string(text), int(j) + 1);
      out.push_back({TokKind::Int, digits, column, int64_t(v)});
      i = j;
    } else if (name_start(c)) {
      size_t j = i;
      while (j < text.size() && name_char(text[j])) ++j;
      out.push_back({TokKind::Name, std::string(text.substr(i, j - i)), column, 0});
      i = j;
    } else {
      bool found = false;
      for (std::string_view p : kPunct) {
        if (text.substr(i, p.size()) != p) continue;
        if (p == "=") throw ParseError("'=' is not an operator here; compare with '=='", std::string(text), column);
        out.push_back({TokKind::Punct, std::string(p), column, 0});
        i += p.size();
        found = true;
        break;
      }
      if (!found) {
        std::string hint = c == '!' ? " (use 'not' or '!=')" : "";
        throw ParseError("unexpected character '" + std::string(1, c) + "'" + hint, std::string(text), column);
      }
    }
  }
  out.push_back({TokKind::End, "", int(text.size()) + 1, 0});
  return out;
}

bool is_reserved_word(std::string_view name) {
  for (std::string_view w : {"and", "or", "not", "if", "else", "True", "False", "max", "min", "where"})
    if (name == w) return true;
  return false;
}

std::string describe(const Token& t) {
  switch (t.kind) {
    case TokKind::End: return "the end of the expression";
    case TokKind::Int: return "number " + t.text;
    case TokKind::Name: return "'" + t.text + "'";
    case TokKind::Punct: return "'" + t.text + "'";
  }
  return t.text;
}

}  // namespace rw::expr_detail
