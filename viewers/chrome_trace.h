// A run's kernel timings as Chrome trace event JSON (opens in chrome://tracing and Perfetto):
// one complete event per timed kernel, laid end to end at its median time.
#pragma once
#include <string>
#include <vector>

#include "viewers/kernel_summary.h"

namespace rw::viewer {

std::string chrome_trace_json(const std::vector<KernelSummary>& kernels, const std::string& run_label);

}  // namespace rw::viewer
