#include "engine/ir/arg.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <string_view>

#include "engine/ir/hash.h"

namespace rw {

namespace {
bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

void append_int(std::string& out, int64_t v) {
  char buf[24];
  out.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}

// As `%.9g` writes it (what an ostream with precision 9 writes), with ".0" added to a whole
// number so the text reads as a float.
void append_double(std::string& out, double d) {
  if (std::isnan(d)) {
    out += "nan";
    return;
  }
  if (std::isinf(d)) {
    out += d > 0 ? "inf" : "-inf";
    return;
  }
  char buf[40];
  char* end = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::general, 9).ptr;
  out.append(buf, end);
  if (std::string_view(buf, size_t(end - buf)).find_first_of(".en") == std::string_view::npos) out += ".0";
}

void append_tuple(std::string& out, const IntTuple& t) {
  out += '(';
  for (size_t i = 0; i < t.size(); ++i) {
    if (i) out += ", ";
    append_int(out, t[i]);
  }
  if (t.size() == 1) out += ',';
  out += ')';
}
}  // namespace

bool Arg::operator==(const Arg& o) const {
  if (v_.index() != o.v_.index()) return false;
  if (auto d = std::get_if<double>(&v_)) return same_bits(*d, std::get<double>(o.v_));
  return v_ == o.v_;
}

uint64_t Arg::hash() const {
  uint64_t h = hash_mix(v_.index() + 1);
  struct Visitor {
    uint64_t& h;
    void operator()(std::monostate) {}
    void operator()(int64_t v) { h = hash_combine(h, hash_mix(uint64_t(v))); }
    void operator()(double v) { h = hash_combine(h, hash_double(v)); }
    void operator()(bool v) { h = hash_combine(h, v ? 2 : 1); }
    void operator()(const std::string& s) { h = hash_combine(h, hash_bytes(s)); }
    void operator()(const IntTuple& t) {
      h = hash_combine(h, t.size());
      for (int64_t v : t) h = hash_combine(h, hash_mix(uint64_t(v)));
    }
    void operator()(const PairTuple& t) {
      h = hash_combine(h, t.size());
      for (auto [a, b] : t) h = hash_combine(hash_combine(h, hash_mix(uint64_t(a))), hash_mix(uint64_t(b)));
    }
    void operator()(const VarArg& v) {
      h = hash_combine(h, hash_bytes(v.name));
      h = hash_combine(hash_combine(h, hash_mix(uint64_t(v.min))), hash_mix(uint64_t(v.max)));
    }
    void operator()(const ReduceArg& r) {
      h = hash_combine(h, uint64_t(r.op) + 1);
      (*this)(r.axes);
    }
  };
  std::visit(Visitor{h}, v_);
  return h;
}

std::string Arg::to_string() const {
  std::string s;
  append_text(s);
  return s;
}

// Appended piece by piece: the trace writer formats an argument for every node it stores,
// and building the text from temporary strings (an ostream for a float) cost more than the
// rest of the node's record.
void Arg::append_text(std::string& out) const {
  struct Visitor {
    std::string& out;
    void operator()(std::monostate) { out += "None"; }
    void operator()(int64_t v) { append_int(out, v); }
    void operator()(double v) { append_double(out, v); }
    void operator()(bool v) { out += v ? "True" : "False"; }
    void operator()(const std::string& s) {
      out += '\'';
      out += s;
      out += '\'';
    }
    void operator()(const IntTuple& t) { append_tuple(out, t); }
    void operator()(const PairTuple& t) {
      out += '(';
      for (size_t i = 0; i < t.size(); ++i) {
        if (i) out += ", ";
        out += '(';
        append_int(out, t[i].first);
        out += ", ";
        append_int(out, t[i].second);
        out += ')';
      }
      if (t.size() == 1) out += ',';
      out += ')';
    }
    void operator()(const VarArg& v) {
      out += "('";
      out += v.name;
      out += "', ";
      append_int(out, v.min);
      out += ", ";
      append_int(out, v.max);
      out += ')';
    }
    void operator()(const ReduceArg& r) {
      if (!r.axes.empty()) out += '(';
      out += "Ops.";
      out += op_name(r.op);
      if (r.axes.empty()) return;
      out += ", ";
      append_tuple(out, r.axes);
      out += ')';
    }
  };
  std::visit(Visitor{out}, v_);
}

}  // namespace rw
