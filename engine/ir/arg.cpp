#include "engine/ir/arg.h"

#include <cmath>
#include <cstring>
#include <sstream>

#include "engine/ir/hash.h"

namespace rw {

namespace {
bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

std::string format_double(double d) {
  if (std::isnan(d)) return "nan";
  if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
  std::ostringstream os;
  os.precision(9);
  os << d;
  std::string s = os.str();
  if (s.find_first_of(".en") == std::string::npos) s += ".0";
  return s;
}

std::string tuple_string(const IntTuple& t) {
  std::string s = "(";
  for (size_t i = 0; i < t.size(); ++i) s += (i ? ", " : "") + std::to_string(t[i]);
  if (t.size() == 1) s += ",";
  return s + ")";
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
  struct Visitor {
    std::string operator()(std::monostate) { return "None"; }
    std::string operator()(int64_t v) { return std::to_string(v); }
    std::string operator()(double v) { return format_double(v); }
    std::string operator()(bool v) { return v ? "True" : "False"; }
    std::string operator()(const std::string& s) { return "'" + s + "'"; }
    std::string operator()(const IntTuple& t) { return tuple_string(t); }
    std::string operator()(const PairTuple& t) {
      std::string s = "(";
      for (size_t i = 0; i < t.size(); ++i)
        s += (i ? ", " : "") + std::string("(") + std::to_string(t[i].first) + ", " + std::to_string(t[i].second) + ")";
      if (t.size() == 1) s += ",";
      return s + ")";
    }
    std::string operator()(const VarArg& v) {
      return "('" + v.name + "', " + std::to_string(v.min) + ", " + std::to_string(v.max) + ")";
    }
    std::string operator()(const ReduceArg& r) {
      std::string s = "Ops." + std::string(op_name(r.op));
      if (r.axes.empty()) return s;
      return "(" + s + ", " + tuple_string(r.axes) + ")";
    }
  };
  return std::visit(Visitor{}, v_);
}

}  // namespace rw
