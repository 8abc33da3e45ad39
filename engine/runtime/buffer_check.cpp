#include "engine/runtime/buffer_check.h"

#include <cmath>

#include "engine/runtime/conformance.h"

namespace rw {

namespace {
bool close(double got, double want, bool exact) {
  if (std::isnan(want) || std::isnan(got)) return std::isnan(want) && std::isnan(got);
  if (exact || std::isinf(want) || std::isinf(got)) return got == want;
  return std::abs(got - want) <= kAbsTolerance + kRelTolerance * std::abs(want);
}
}  // namespace

CheckRecord check_buffer(const std::string& kernel, const std::string& buffer, const HostArray& got, const HostArray& want) {
  CheckRecord r;
  r.kernel = kernel;
  r.buffer = buffer;
  if (got.numel() != want.numel()) {
    r.ok = false;
    r.mismatches = int64_t(std::max(got.numel(), want.numel()));
    r.detail = buffer + ": " + std::to_string(got.numel()) + " elements computed, the reference has " + std::to_string(want.numel());
    return r;
  }
  bool exact = !got.dtype.is_float() && !want.dtype.is_float();
  for (size_t i = 0; i < got.numel(); ++i) {
    double g = got.data[i], w = want.data[i];
    if (!std::isnan(g) && !std::isnan(w) && !std::isinf(g) && !std::isinf(w)) {
      double abs_err = std::abs(g - w);
      r.max_abs_err = std::max(r.max_abs_err, abs_err);
      if (w != 0) r.max_rel_err = std::max(r.max_rel_err, abs_err / std::abs(w));
    }
    if (close(g, w, exact)) continue;
    if (r.mismatches++ == 0) {
      r.first_bad_index = int64_t(i);
      r.got = g;
      r.want = w;
    }
  }
  r.ok = r.mismatches == 0;
  if (!r.ok)
    r.detail = buffer + "[" + std::to_string(r.first_bad_index) + "]: got " + std::to_string(r.got) + ", want " + std::to_string(r.want) + " (" +
               std::to_string(r.mismatches) + " of " + std::to_string(got.numel()) + " elements differ)";
  return r;
}

}  // namespace rw
