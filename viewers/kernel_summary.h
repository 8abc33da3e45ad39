// A kernel with its timing and check joined by name, and the rates derived from them.
// Plain data: the kernels table, the kernel panel, the timing chart and the trace export
// all read these.
#pragma once
#include <optional>
#include <vector>

#include "engine/trace/trace_records.h"

namespace rw::viewer {

struct KernelSummary {
  KernelRow kernel;
  std::optional<TimingRow> timing;
  std::vector<CheckRow> checks;  // one per checked buffer
  // Rates at the minimum time; empty when the time or the amount of work is unknown.
  std::optional<double> gflops() const;
  std::optional<double> gbytes_per_s() const;
  // Empty when the kernel was not checked; false when any buffer failed.
  std::optional<bool> check_ok() const;
  const CheckRow* first_failed_check() const;
};

// Kernels in trace order; a timing or check naming a kernel the trace has no row for still
// gets an entry (with only its name), so nothing measured is hidden.
std::vector<KernelSummary> summarize_kernels(std::vector<KernelRow> kernels, const std::vector<TimingRow>& timings,
                                             const std::vector<CheckRow>& checks);

}  // namespace rw::viewer
