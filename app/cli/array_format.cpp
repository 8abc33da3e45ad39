#include "app/cli/array_format.h"

#include <sstream>

#include "engine/ir/shape.h"

namespace rw::cli {

std::string preview(const HostArray& a, size_t max_values) {
  std::ostringstream os;
  os.precision(6);
  os << to_string(a.dtype) << " " << shape_str(a.shape) << " [";
  size_t n = a.data.size();
  auto put = [&](size_t i) {
    if (a.dtype.is_bool()) os << (a.data[i] != 0 ? "True" : "False");
    else os << a.data[i];
  };
  if (n <= max_values) {
    for (size_t i = 0; i < n; ++i) { if (i) os << ", "; put(i); }
  } else {
    for (size_t i = 0; i + 1 < max_values; ++i) { put(i); os << ", "; }
    os << "... ";
    put(n - 1);
  }
  os << "]";
  return os.str();
}

}  // namespace rw::cli
