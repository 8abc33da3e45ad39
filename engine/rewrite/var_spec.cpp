// `--var NAME=LO..HI` specs for `rewind simplify`.
#include <cctype>
#include <charconv>

#include "engine/rewrite/expr_lexer.h"
#include "engine/rewrite/expr_parser.h"

namespace rw {

namespace {

constexpr const char* kForm = " (the form is NAME=LO..HI, like x=0..15 or y=-4..3)";

class SpecReader {
 public:
  explicit SpecReader(std::string_view spec) : spec_(spec) {}

  [[noreturn]] void fail(const std::string& message, size_t at) const { throw ParseError(message, std::string(spec_), int(at) + 1); }

  std::string name() {
    size_t start = i_;
    auto is_start = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; };
    auto is_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    if (i_ >= spec_.size() || !is_start(spec_[i_])) fail("expected a variable name" + std::string(kForm), i_);
    while (i_ < spec_.size() && is_char(spec_[i_])) ++i_;
    return std::string(spec_.substr(start, i_ - start));
  }

  void literal(std::string_view s, const std::string& context) {
    if (spec_.substr(i_, s.size()) != s) fail("expected '" + std::string(s) + "' " + context + kForm, i_);
    i_ += s.size();
  }

  int64_t integer(const std::string& what) {
    size_t start = i_;
    if (i_ < spec_.size() && spec_[i_] == '-') ++i_;
    while (i_ < spec_.size() && std::isdigit(static_cast<unsigned char>(spec_[i_]))) ++i_;
    int64_t v = 0;
    auto [end, ec] = std::from_chars(spec_.data() + start, spec_.data() + i_, v);
    if (ec == std::errc::result_out_of_range) fail("the " + what + " does not fit in 64 bits", start);
    if (ec != std::errc() || end != spec_.data() + i_) fail("expected the " + what + ", an integer" + kForm, start);
    return v;
  }

  size_t pos() const { return i_; }
  bool done() const { return i_ == spec_.size(); }

 private:
  std::string_view spec_;
  size_t i_ = 0;
};

}  // namespace

void parse_var_spec(std::string_view spec, VarDecls& vars) {
  SpecReader r(spec);
  std::string name = r.name();
  if (expr_detail::is_reserved_word(name)) r.fail("'" + name + "' is a reserved word and cannot name a variable", 0);
  r.literal("=", "after the name '" + name + "'");
  size_t lo_at = r.pos();
  int64_t lo = r.integer("lower bound");
  r.literal("..", "between the bounds");
  int64_t hi = r.integer("upper bound");
  if (!r.done()) r.fail("unexpected text after the upper bound" + std::string(kForm), r.pos());
  if (lo > hi) r.fail("the lower bound " + std::to_string(lo) + " is above the upper bound " + std::to_string(hi), lo_at);
  if (vars.count(name)) r.fail("variable '" + name + "' is declared twice", 0);
  vars.emplace(name, VarRange{lo, hi});
}

}  // namespace rw
