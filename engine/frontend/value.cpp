#include "engine/frontend/value.h"

#include <sstream>

namespace rw {

Number Value::number() const {
  if (auto b = std::get_if<bool>(&v)) return Number::boolean(*b);
  if (auto i = std::get_if<int64_t>(&v)) return Number::integer(*i);
  return Number::real(std::get<double>(v));
}

std::string describe(const Value& v) {
  if (v.is_none()) return "None";
  if (auto b = std::get_if<bool>(&v.v)) return *b ? "True" : "False";
  if (auto i = std::get_if<int64_t>(&v.v)) return "the int " + std::to_string(*i);
  if (auto d = std::get_if<double>(&v.v)) {
    std::ostringstream s;
    s << *d;
    return "the float " + s.str();
  }
  if (auto s = std::get_if<std::string>(&v.v)) return "the string \"" + *s + "\"";
  if (v.is_tensor()) return "a tensor of shape " + shape_str(v.tensor().shape()) + " " + to_string(v.tensor().dtype());
  size_t n = v.items().size();
  return "a tuple of " + std::to_string(n) + (n == 1 ? " item" : " items");
}

}  // namespace rw
