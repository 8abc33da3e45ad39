#include "engine/trace/block_json.h"

#include <charconv>

#include "engine/trace/trace_error.h"

namespace rw::block_json {

namespace {

class Cursor {
 public:
  Cursor(std::string_view s, const std::string& what) : b_(s.data()), p_(s.data()), end_(s.data() + s.size()), what_(what) {}

  void ws() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\t' || *p_ == '\r')) ++p_;
  }
  bool peek(char c) {
    ws();
    return p_ < end_ && *p_ == c;
  }
  bool eat(char c) {
    if (!peek(c)) return false;
    ++p_;
    return true;
  }
  void expect(char c) {
    if (!eat(c)) fail(std::string("expected '") + c + "'");
  }
  bool null() {
    ws();
    if (end_ - p_ >= 4 && std::string_view(p_, 4) == "null") {
      p_ += 4;
      return true;
    }
    return false;
  }
  int64_t integer() {
    ws();
    int64_t v = 0;
    auto r = std::from_chars(p_, end_, v);
    if (r.ec != std::errc()) fail("expected an integer");
    p_ = r.ptr;
    return v;
  }
  void number() {  // an integer or a real, skipped
    ws();
    double v = 0;
    auto r = std::from_chars(p_, end_, v);
    if (r.ec != std::errc()) fail("expected a number");
    p_ = r.ptr;
  }
  std::optional<int64_t> opt_integer() {
    if (null()) return std::nullopt;
    return integer();
  }
  std::string string() {
    ws();
    if (p_ >= end_ || *p_ != '"') fail("expected a string");
    ++p_;
    std::string out;
    for (;;) {
      const char* q = p_;
      while (q < end_ && *q != '"' && *q != '\\') ++q;
      out.append(p_, q);
      p_ = q;
      if (p_ >= end_) fail("unterminated string");
      if (*p_ == '"') {
        ++p_;
        return out;
      }
      ++p_;  // backslash
      if (p_ >= end_) fail("unterminated string");
      char e = *p_++;
      switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'u': {
          if (end_ - p_ < 4) fail("bad \\u escape");
          unsigned cp = 0;
          auto r = std::from_chars(p_, p_ + 4, cp, 16);
          if (r.ptr != p_ + 4) fail("bad \\u escape");
          p_ += 4;
          if (cp >= 0xD800 && cp < 0xDC00 && end_ - p_ >= 6 && p_[0] == '\\' && p_[1] == 'u') {
            unsigned lo = 0;
            auto r2 = std::from_chars(p_ + 2, p_ + 6, lo, 16);
            if (r2.ptr == p_ + 6 && lo >= 0xDC00 && lo < 0xE000) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
              p_ += 6;
            }
          }
          if (cp < 0x80) out += char(cp);
          else if (cp < 0x800) out += char(0xC0 | cp >> 6), out += char(0x80 | (cp & 0x3F));
          else if (cp < 0x10000) out += char(0xE0 | cp >> 12), out += char(0x80 | (cp >> 6 & 0x3F)), out += char(0x80 | (cp & 0x3F));
          else
            out += char(0xF0 | cp >> 18), out += char(0x80 | (cp >> 12 & 0x3F)), out += char(0x80 | (cp >> 6 & 0x3F)),
                out += char(0x80 | (cp & 0x3F));
          break;
        }
        default: out += e; break;  // \" \\ \/
      }
    }
  }
  std::string opt_string() { return null() ? std::string() : string(); }
  size_t offset() {  // where the next value begins
    ws();
    return size_t(p_ - b_);
  }
  bool at_end() {
    ws();
    return p_ >= end_;
  }
  [[noreturn]] void fail(const std::string& why) {
    throw TraceError("damaged block in " + what_ + ": " + why + " at offset " + std::to_string(p_ - b_) +
                     ". The file is damaged; record the run again");
  }

 private:
  const char* b_;
  const char* p_;
  const char* end_;
  const std::string& what_;
};

template <class F> void for_each_record(Cursor& c, F&& f) {
  c.expect('[');
  if (c.eat(']')) return;
  do {
    c.expect('[');
    f();
    c.expect(']');
  } while (c.eat(','));
  c.expect(']');
}

// `[1,2,3]` into out.
void int_array(Cursor& c, std::vector<int64_t>& out) {
  c.expect('[');
  if (c.eat(']')) return;
  do out.push_back(c.integer());
  while (c.eat(','));
  c.expect(']');
}

// Skips any JSON value (a pass's rule counts, or its inline steps with their bound names).
void skip_value(Cursor& c) {
  if (c.null()) return;
  if (c.peek('"')) {
    c.string();
    return;
  }
  if (c.eat('[')) {
    if (c.eat(']')) return;
    do skip_value(c);
    while (c.eat(','));
    c.expect(']');
    return;
  }
  if (c.eat('{')) {
    if (c.eat('}')) return;
    do {
      c.string();
      c.expect(':');
      skip_value(c);
    } while (c.eat(','));
    c.expect('}');
    return;
  }
  c.number();
}

}  // namespace

std::vector<NodeRecord> parse_nodes(std::string_view json, const std::string& what) {
  Cursor c(json, what);
  std::vector<NodeRecord> out;
  for_each_record(c, [&] {
    NodeRecord& n = out.emplace_back();
    n.id = c.integer();
    c.expect(',');
    n.op = c.integer();
    c.expect(',');
    n.dtype = c.integer();
    c.expect(',');
    n.arg = c.string();
    c.expect(',');
    n.tag = c.integer();
    c.expect(',');
    int_array(c, n.srcs);
    c.expect(',');
    n.hash = uint64_t(c.integer());
    // Trailing null fields may be left out.
    if (!c.eat(',')) return;
    n.vmin = c.opt_integer();
    if (!c.eat(',')) return;
    n.vmax = c.opt_integer();
    if (!c.eat(',')) return;
    n.provenance = c.opt_string();
    if (!c.eat(',')) return;
    if (c.null()) return;
    int_array(c, n.shape.emplace());
  });
  return out;
}

std::vector<StepRecord> parse_steps(std::string_view json, const std::string& what) {
  Cursor c(json, what);
  std::vector<StepRecord> out;
  for_each_record(c, [&] {
    StepRecord& s = out.emplace_back();
    s.step = c.integer();
    c.expect(',');
    s.rule_id = c.integer();
    c.expect(',');
    s.matched = c.integer();
    c.expect(',');
    s.replacement = c.integer();
    c.expect(',');
    c.expect('{');
    if (!c.eat('}')) {
      do {
        std::string k = c.string();
        c.expect(':');
        s.bound.emplace_back(std::move(k), c.integer());
      } while (c.eat(','));
      c.expect('}');
    }
    c.expect(',');
    s.duration_ns = c.integer();
  });
  return out;
}

std::vector<PassRecord> parse_passes(std::string_view json, const std::string& what) {
  Cursor c(json, what);
  std::vector<PassRecord> out;
  for_each_record(c, [&] {
    PassRecord& p = out.emplace_back();
    p.id = c.integer();
    c.expect(',');
    p.parent_id = c.opt_integer();
    c.expect(',');
    p.seq = c.integer();
    c.expect(',');
    p.name = c.integer();
    c.expect(',');
    p.kind = c.integer();
    c.expect(',');
    p.depth = c.integer();
    c.expect(',');
    p.input_root = c.opt_integer();
    c.expect(',');
    p.output_root = c.opt_integer();
    c.expect(',');
    p.ok = c.opt_integer();
    c.expect(',');
    p.error = c.opt_string();
    c.expect(',');
    p.step_count = c.integer();
    c.expect(',');
    p.begin_time_ns = c.integer();
    c.expect(',');
    p.end_time_ns = c.opt_integer();
    c.expect(',');
    skip_value(c);
    if (c.eat(',')) {
      const size_t from = c.offset();
      skip_value(c);
      p.steps.assign(json.substr(from, c.offset() - from));
    }
  });
  return out;
}

}  // namespace rw::block_json
