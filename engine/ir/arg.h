// The small argument a UOp carries beside its sources (a constant's value, a movement op's
// shape, a variable's bounds, a reduce's op and axes...). Part of the node's identity.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "engine/ir/ops.h"

namespace rw {

using IntTuple = std::vector<int64_t>;
using PairTuple = std::vector<std::pair<int64_t, int64_t>>;

// A named bounded variable: DEFINE_VAR's argument.
struct VarArg {
  std::string name;
  int64_t min = 0;
  int64_t max = 0;
  friend bool operator==(const VarArg&, const VarArg&) = default;
};

// REDUCE_AXIS (op, axes) and REDUCE (op, no axes).
struct ReduceArg {
  Op op = Op::ADD;
  IntTuple axes;
  friend bool operator==(const ReduceArg&, const ReduceArg&) = default;
};

using ArgValue = std::variant<std::monostate, int64_t, double, bool, std::string, IntTuple, PairTuple, VarArg, ReduceArg>;

class Arg {
 public:
  Arg() = default;
  Arg(int64_t v) : v_(v) {}
  Arg(int v) : v_(int64_t(v)) {}
  Arg(double v) : v_(v) {}
  Arg(bool v) : v_(v) {}
  Arg(std::string v) : v_(std::move(v)) {}
  Arg(const char* v) : v_(std::string(v)) {}
  Arg(IntTuple v) : v_(std::move(v)) {}
  Arg(PairTuple v) : v_(std::move(v)) {}
  Arg(VarArg v) : v_(std::move(v)) {}
  Arg(ReduceArg v) : v_(std::move(v)) {}

  bool is_none() const { return std::holds_alternative<std::monostate>(v_); }
  template <class T> bool is() const { return std::holds_alternative<T>(v_); }
  template <class T> const T& get() const { return std::get<T>(v_); }
  template <class T> const T* get_if() const { return std::get_if<T>(&v_); }
  const ArgValue& value() const { return v_; }

  // Bitwise equality for doubles (so -0.0 and NaN constants intern consistently).
  bool operator==(const Arg& o) const;
  uint64_t hash() const;          // stable across runs and machines
  std::string to_string() const;  // Python-like: 4, 1.5, 'x', (1, 2), ((0, 1), (2, 3))
  void append_text(std::string& out) const;  // to_string(), appended to out

 private:
  ArgValue v_;
};

}  // namespace rw
