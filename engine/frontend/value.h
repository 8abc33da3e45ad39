// Values a .tg expression can have while a program is evaluated: tensors, Python-like
// numbers, strings, None, and tuples/lists (used for shapes, axes and pads).
#pragma once
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "engine/frontend/tensor.h"

namespace rw {

struct Value;
using ValueList = std::vector<Value>;

struct Value {
  struct None {};
  std::variant<None, bool, int64_t, double, std::string, Tensor, std::shared_ptr<const ValueList>> v;

  static Value none() { return Value{None{}}; }
  static Value list(ValueList items) { return Value{std::make_shared<const ValueList>(std::move(items))}; }

  bool is_none() const { return std::holds_alternative<None>(v); }
  bool is_number() const { return std::holds_alternative<bool>(v) || std::holds_alternative<int64_t>(v) || std::holds_alternative<double>(v); }
  bool is_int() const { return std::holds_alternative<int64_t>(v) || std::holds_alternative<bool>(v); }
  bool is_tensor() const { return std::holds_alternative<Tensor>(v); }
  bool is_list() const { return std::holds_alternative<std::shared_ptr<const ValueList>>(v); }
  const Tensor& tensor() const { return std::get<Tensor>(v); }
  const ValueList& items() const { return *std::get<std::shared_ptr<const ValueList>>(v); }
  Number number() const;  // is_number() only
};

// "a tensor of shape (4, 8) float32", "the int 3", "a tuple of 2 items": for type errors.
std::string describe(const Value& v);

}  // namespace rw
