#include "viewers/kernel_summary.h"

#include <unordered_map>

namespace rw::viewer {

std::optional<double> KernelSummary::gflops() const {
  if (!timing || timing->min_us <= 0 || kernel.flops <= 0) return std::nullopt;
  return double(kernel.flops) / (timing->min_us * 1e3);  // flops / (us * 1e-6) / 1e9
}

std::optional<double> KernelSummary::gbytes_per_s() const {
  if (!timing || timing->min_us <= 0 || kernel.bytes <= 0) return std::nullopt;
  return double(kernel.bytes) / (timing->min_us * 1e3);
}

std::optional<bool> KernelSummary::check_ok() const {
  if (checks.empty()) return std::nullopt;
  return first_failed_check() == nullptr;
}

const CheckRow* KernelSummary::first_failed_check() const {
  for (const CheckRow& c : checks)
    if (!c.ok) return &c;
  return nullptr;
}

std::vector<KernelSummary> summarize_kernels(std::vector<KernelRow> kernels, const std::vector<TimingRow>& timings,
                                             const std::vector<CheckRow>& checks) {
  std::vector<KernelSummary> out;
  std::unordered_map<std::string, size_t> by_name;
  for (KernelRow& k : kernels) {
    by_name.emplace(k.name, out.size());
    out.push_back({std::move(k), std::nullopt, {}});
  }
  auto entry = [&](const std::string& name) -> KernelSummary& {
    auto [it, inserted] = by_name.emplace(name, out.size());
    if (inserted) {
      KernelSummary s;
      s.kernel.name = name;
      out.push_back(std::move(s));
    }
    return out[it->second];
  };
  for (const TimingRow& t : timings) entry(t.kernel).timing = t;  // the last timing of a kernel wins
  for (const CheckRow& c : checks) entry(c.kernel).checks.push_back(c);
  return out;
}

}  // namespace rw::viewer
