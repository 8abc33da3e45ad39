#include "engine/frontend/lexer.h"

#include <cctype>
#include <cerrno>
#include <cstdlib>

namespace rw {

namespace {

bool name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool digit(char c) { return c >= '0' && c <= '9'; }

constexpr std::string_view kPuncts[] = {"**", "//", "<=", ">=", "==", "!=", "(", ")", "[", "]", ",", ".", "=",
                                        "+",  "-",  "*",  "/",  "%",  "@",  "<", ">", ":"};

class Lexer {
 public:
  Lexer(const SourceText& src, const std::string& text) : src_(src), t_(text) {}

  std::vector<Token> run() {
    while (i_ < t_.size()) {
      char c = t_[i_];
      if (c == '#') {
        while (i_ < t_.size() && t_[i_] != '\n') ++i_;
      } else if (c == '\n') {
        if (depth_ == 0) emit(TokenKind::Newline, "\n", col());
        ++i_;
        ++line_;
        line_start_ = i_;
      } else if (c == '\\' && i_ + 1 < t_.size() && t_[i_ + 1] == '\n') {
        i_ += 2;  // explicit line continuation
        ++line_;
        line_start_ = i_;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        ++i_;
      } else if (name_start(c)) {
        name();
      } else if (digit(c) || (c == '.' && i_ + 1 < t_.size() && digit(t_[i_ + 1]))) {
        number();
      } else if (c == '"' || c == '\'') {
        string();
      } else {
        punct();
      }
    }
    if (depth_ > 0) src_.fail(open_line_, open_col_, "this bracket is never closed", "add the matching closing bracket");
    emit(TokenKind::Newline, "\n", col());
    emit(TokenKind::End, "", col());
    return std::move(out_);
  }

 private:
  int col() const { return int(i_ - line_start_) + 1; }

  void emit(TokenKind k, std::string text, int c) { out_.push_back(Token{k, std::move(text), line_, c}); }

  void name() {
    int c = col();
    size_t s = i_;
    while (i_ < t_.size() && name_char(t_[i_])) ++i_;
    emit(TokenKind::Name, t_.substr(s, i_ - s), c);
  }

  void number() {
    int c = col();
    size_t s = i_;
    bool is_float = false;
    while (i_ < t_.size() && (digit(t_[i_]) || t_[i_] == '_')) ++i_;
    if (i_ < t_.size() && t_[i_] == '.') {
      is_float = true;
      ++i_;
      while (i_ < t_.size() && digit(t_[i_])) ++i_;
    }
    if (i_ < t_.size() && (t_[i_] == 'e' || t_[i_] == 'E')) {
      size_t save = i_++;
      if (i_ < t_.size() && (t_[i_] == '+' || t_[i_] == '-')) ++i_;
      if (i_ < t_.size() && digit(t_[i_])) {
        is_float = true;
        while (i_ < t_.size() && digit(t_[i_])) ++i_;
      } else {
        i_ = save;
      }
    }
    if (i_ < t_.size() && name_char(t_[i_])) src_.fail(line_, col(), "unexpected '" + std::string(1, t_[i_]) + "' after the number " + t_.substr(s, i_ - s));
    std::string text = t_.substr(s, i_ - s), digits;
    for (char ch : text)
      if (ch != '_') digits += ch;
    Token tok{is_float ? TokenKind::Float : TokenKind::Int, text, line_, c};
    errno = 0;
    if (is_float) {
      tok.float_value = std::strtod(digits.c_str(), nullptr);
    } else {
      tok.int_value = std::strtoll(digits.c_str(), nullptr, 10);
      if (errno == ERANGE) src_.fail(line_, c, "the integer " + text + " does not fit in 64 bits");
      tok.float_value = double(tok.int_value);
    }
    out_.push_back(std::move(tok));
  }

  void string() {
    int c = col();
    char q = t_[i_++];
    std::string value;
    while (i_ < t_.size() && t_[i_] != q && t_[i_] != '\n') {
      if (t_[i_] == '\\' && i_ + 1 < t_.size() && t_[i_ + 1] != '\n') {
        char e = t_[i_ + 1];
        value += e == 'n' ? '\n' : e == 't' ? '\t' : e;
        i_ += 2;
      } else {
        value += t_[i_++];
      }
    }
    if (i_ >= t_.size() || t_[i_] != q) src_.fail(line_, c, "this string is never closed", std::string("end it with ") + q + " on the same line");
    ++i_;
    emit(TokenKind::String, value, c);
  }

  void punct() {
    int c = col();
    for (std::string_view p : kPuncts) {
      if (t_.compare(i_, p.size(), p) != 0) continue;
      if (p == "(" || p == "[") {
        if (depth_++ == 0) open_line_ = line_, open_col_ = c;
      } else if (p == ")" || p == "]") {
        if (depth_ == 0) src_.fail(line_, c, "unmatched '" + std::string(p) + "'", "remove it or add the opening bracket");
        --depth_;
      }
      i_ += p.size();
      emit(TokenKind::Punct, std::string(p), c);
      return;
    }
    src_.fail(line_, c, "unexpected character '" + std::string(1, t_[i_]) + "'");
  }

  const SourceText& src_;
  const std::string& t_;
  size_t i_ = 0, line_start_ = 0;
  int line_ = 1;
  int depth_ = 0, open_line_ = 0, open_col_ = 0;
  std::vector<Token> out_;
};

}  // namespace

std::vector<Token> tokenize(const SourceText& src, const std::string& text) { return Lexer(src, text).run(); }

std::string describe(const Token& t) {
  switch (t.kind) {
    case TokenKind::Name: return "name '" + t.text + "'";
    case TokenKind::Int:
    case TokenKind::Float: return "number " + t.text;
    case TokenKind::String: return "string \"" + t.text + "\"";
    case TokenKind::Punct: return "'" + t.text + "'";
    case TokenKind::Newline: return "end of line";
    case TokenKind::End: return "end of file";
  }
  return "?";
}

}  // namespace rw
